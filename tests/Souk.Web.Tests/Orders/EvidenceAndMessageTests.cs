using System.Net.Http.Headers;
using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>Dispute evidence (images checked by content, size and count limits, downloads for the parties and admins only)
/// and the order's message thread, through the real host on both providers.</summary>
public sealed class EvidenceAndMessageTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Buyer, HttpClient Seller, long Id)> DisputedOrderAsync()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await _app.AdvanceAsync(TimeSpan.FromDays(6));
        await buyer.ActOk(id, "dispute", new { reason = "QualityProblem", comment = "Cracked", amountMinor = 100 });
        return (buyer, seller, id);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, long id, byte[] bytes, string name = "photo.png", string type = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent { { content, "file", name } };
        return client.PostAsync($"/api/orders/{id}/dispute/evidence", form);
    }

    [Fact]
    public async Task Evidence_IsCheckedByContent_Limited_AndOnlyForThePartiesAndAdmins()
    {
        var (buyer, seller, id) = await DisputedOrderAsync();

        var added = await (await UploadAsync(buyer, id, Png, "../../etc/crack.png")).ExpectAsync(201);
        Assert.Equal("image/png", added["contentType"]!.GetValue<string>());
        Assert.Equal("crack.png", added["fileName"]!.GetValue<string>());
        await (await UploadAsync(buyer, id, "GIF89a-not-allowed"u8.ToArray(), "x.png")).ExpectProblemAsync(400, "evidence.type-not-allowed");
        await (await UploadAsync(seller, id, new byte[5 * 1024 * 1024 + 1], "big.png")).ExpectProblemAsync(400, "evidence.too-large");
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/dispute/evidence", new { file = "x" })).ExpectProblemAsync(400, "evidence.file-required");

        // Someone else's order is not found; an admin reads but does not add.
        var stranger = await _app.SignUpAsync("buyer");
        await (await UploadAsync(stranger, id, Png)).ExpectProblemAsync(404, "order.not-found");
        Assert.Equal(404, (int)(await stranger.GetAsync(added["href"]!.GetValue<string>())).StatusCode);
        var admin = await _app.AdminAsync();
        await (await UploadAsync(admin, id, Png)).ExpectProblemAsync(409, "evidence.parties-only");

        var download = await seller.GetAsync(added["href"]!.GetValue<string>());
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Single(await (await admin.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200));

        for (var i = 1; i < 10; i++) await (await UploadAsync(i % 2 == 0 ? buyer : seller, id, Png)).ExpectAsync(201);
        await (await UploadAsync(buyer, id, Png)).ExpectProblemAsync(409, "evidence.too-many");
        Assert.Contains("dispute.evidence-added", (await buyer.Order(id)).Timeline());
    }

    [Fact]
    public async Task Evidence_NeedsAnOpenDispute()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await (await UploadAsync(buyer, id, Png)).ExpectProblemAsync(409, "evidence.no-open-dispute");
        Assert.Empty(await (await seller.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200));
    }

    [Fact]
    public async Task Messages_AreBetweenTheParties_WithReadMarks_AndAdminsReadThemOnceEscalated()
    {
        var (buyer, seller, id) = await DisputedOrderAsync();
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/messages", new { text = "The spout is cracked" })).ExpectAsync(201);
        await (await seller.PostAsJsonAsync($"/api/orders/{id}/messages", new { text = "Send a photo please" })).ExpectAsync(201);
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/messages", new { text = "" })).ExpectProblemAsync(400, "messages.text-invalid");
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/messages", new { text = new string('x', 2001) })).ExpectProblemAsync(400, "messages.text-invalid");

        var thread = await (await seller.GetAsync($"/api/orders/{id}/messages")).ExpectAsync(200);
        Assert.Equal(2, thread["messages"]!.AsArray().Count);
        Assert.Equal(1, thread["unread"]!.GetValue<int>());
        var read = await (await seller.PostAsync($"/api/orders/{id}/messages/read", null)).ExpectAsync(200);
        Assert.Equal(0, read["unread"]!.GetValue<int>());
        Assert.Equal(1, (await (await buyer.GetAsync($"/api/orders/{id}/messages")).ExpectAsync(200))["unread"]!.GetValue<int>());

        var stranger = await _app.SignUpAsync("buyer");
        Assert.Equal(404, (int)(await stranger.GetAsync($"/api/orders/{id}/messages")).StatusCode);
        var admin = await _app.AdminAsync();
        await (await admin.GetAsync($"/api/orders/{id}/messages")).ExpectProblemAsync(409, "messages.admin-after-escalation");
        await seller.ActOk(id, "dispute/reject", new { message = "No photo, no refund" });
        await buyer.ActOk(id, "dispute/escalate");
        Assert.Equal(2, (await (await admin.GetAsync($"/api/orders/{id}/messages")).ExpectAsync(200))["messages"]!.AsArray().Count);
    }
}
