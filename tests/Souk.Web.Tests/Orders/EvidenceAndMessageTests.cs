using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using SkiaSharp;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>Dispute evidence (images checked by content, size and count limits, downloads for the parties and admins only)
/// and the order's message thread, through the real host on both providers.</summary>
public sealed class EvidenceAndMessageTests : IDisposable
{
    private static readonly byte[] Png = TestImages.Png();
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
        Assert.Equal((3, 2), Decoded(await download.Content.ReadAsByteArrayAsync()));
        Assert.Single(await (await admin.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200));

        for (var i = 1; i < 10; i++) await (await UploadAsync(i % 2 == 0 ? buyer : seller, id, Png)).ExpectAsync(201);
        await (await UploadAsync(buyer, id, Png)).ExpectProblemAsync(409, "evidence.too-many");
        Assert.Contains("dispute.evidence-added", (await buyer.Order(id)).Timeline());
    }

    private static (int Width, int Height) Decoded(byte[] image)
    {
        using var bitmap = SKBitmap.Decode(image);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }

    /// <summary>
    /// Files are decoded, not trusted: a PNG or JPEG signature followed by HTML (a polyglot a browser may sniff as a page)
    /// is refused; a real image is stored re-encoded, so a metadata chunk and bytes hidden after its end are not served;
    /// a few hundred bytes declaring 50,000 × 50,000 pixels (a decompression bomb) are refused from the header, at once.
    /// </summary>
    [Fact]
    public async Task Evidence_IsDecoded_PolyglotsAndBombsRefused_AndOnlyThePixelsKept()
    {
        var (buyer, _, id) = await DisputedOrderAsync();
        var html = "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();
        byte[][] polyglots = [[.. TestImages.PngSignature, .. html], [0xFF, 0xD8, 0xFF, 0xE0, .. html], TestImages.Png()[..60]];
        foreach (var polyglot in polyglots)
        {
            var refused = await (await UploadAsync(buyer, id, polyglot, "photo.png")).ExpectProblemAsync(400, "image.unreadable");
            Assert.Contains("not a whole image", refused["detail"]!.GetValue<string>());
        }

        var gps = TestImages.Chunk("tEXt", [.. "GPSPosition\0"u8, .. "48.8584 N, 2.2945 E"u8]);
        byte[] tagged = [.. TestImages.WithChunkAfterHeader(TestImages.Png(), gps), .. html];
        Assert.Equal((3, 2), Decoded(tagged));
        var added = await (await UploadAsync(buyer, id, tagged, "tagged.png")).ExpectAsync(201);
        var served = await (await buyer.GetAsync(added["href"]!.GetValue<string>())).Content.ReadAsByteArrayAsync();
        Assert.Equal((3, 2), Decoded(served));
        var text = Encoding.Latin1.GetString(served);
        Assert.DoesNotContain("GPSPosition", text);
        Assert.DoesNotContain("tEXt", text);
        Assert.DoesNotContain("<html>", text);
        Assert.Equal(served.Length, added["bytes"]!.GetValue<long>());

        // A JPEG's EXIF segment is not served either; the turn it recorded is applied to the pixels instead.
        var photo = TestImages.JpegWithExif();
        Assert.Contains("GPS 48.8584", Encoding.Latin1.GetString(photo));
        var jpeg = await (await UploadAsync(buyer, id, photo, "photo.jpg", "image/jpeg")).ExpectAsync(201);
        Assert.Equal("image/jpeg", jpeg["contentType"]!.GetValue<string>());
        var servedJpeg = await (await buyer.GetAsync(jpeg["href"]!.GetValue<string>())).Content.ReadAsByteArrayAsync();
        Assert.Equal((2, 3), Decoded(servedJpeg));
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(servedJpeg));
        Assert.DoesNotContain("GPS", Encoding.Latin1.GetString(servedJpeg));

        byte[] bomb = [.. TestImages.PngSignature, .. TestImages.Ihdr(50_000, 50_000), .. TestImages.Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00]),
            .. TestImages.Chunk("IEND", [])];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tooMany = await (await UploadAsync(buyer, id, bomb, "bomb.png")).ExpectProblemAsync(400, "image.too-many-pixels");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused after {clock.Elapsed}");
        Assert.Equal(50_000, tooMany["arguments"]!["width"]!.GetValue<int>());
        Assert.Equal(2, (await (await buyer.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200)).Count);
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
