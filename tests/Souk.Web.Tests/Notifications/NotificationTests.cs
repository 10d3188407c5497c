using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Notifications;

/// <summary>In-app notifications through the real host (both providers): written with the events they tell about, for the
/// people concerned and not for whoever caused them; unread counts and read marks.</summary>
public sealed class NotificationTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonObject> BellAsync(HttpClient user) => await (await user.GetAsync("/api/notifications")).ExpectAsync(200);
    private static IEnumerable<string> Kinds(JsonObject bell) => bell["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>());

    [Fact]
    public async Task EachPartyHearsWhatConcernsThem_NotWhatTheyDid()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));   // the sweeper confirms the payment

        Assert.Equal(["payment.confirmed"], Kinds(await BellAsync(seller)));
        Assert.Equal(["payment.confirmed"], Kinds(await BellAsync(buyer)));

        await buyer.ActOk(id, "cancellation-request", new { reason = "NoLongerNeeded" });
        await seller.ActOk(id, "cancellation-request/refuse", new { message = "Already packed" });
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await (await seller.PostAsJsonAsync($"/api/orders/{id}/messages", new { text = "On its way" })).ExpectAsync(201);

        var buyerBell = await BellAsync(buyer);
        Assert.Equal(["message.sent", "order.shipped", "cancellation.refused", "payment.confirmed"], Kinds(buyerBell));
        Assert.Equal(4, buyerBell["unread"]!.GetValue<int>());
        Assert.Equal($"Order {id}: it has shipped.", buyerBell["items"]![1]!["text"]!.GetValue<string>());
        Assert.Equal(["cancellation.requested", "payment.confirmed"], Kinds(await BellAsync(seller)));

        // Reading up to an id leaves the newer ones unread; reading all clears the count.
        var upTo = buyerBell["items"]![1]!["id"]!.GetValue<long>();
        var partly = await (await buyer.PostAsJsonAsync("/api/notifications/read", new { upTo })).ExpectAsync(200);
        Assert.Equal(1, partly["unread"]!.GetValue<int>());
        var all = await (await buyer.PostAsJsonAsync("/api/notifications/read", new { })).ExpectAsync(200);
        Assert.Equal(0, all["unread"]!.GetValue<int>());
        Assert.Equal(2, (await BellAsync(seller))["unread"]!.GetValue<int>());

        var stranger = await _app.SignUpAsync("buyer");
        Assert.Empty((await BellAsync(stranger))["items"]!.AsArray());
        Assert.Equal(401, (int)(await _app.CreateClient().GetAsync("/api/notifications")).StatusCode);
    }

    [Fact]
    public async Task TheSellerIsWarnedADayBeforeTheHandlingDeadline_AndTheBuyerBeforePaymentRunsOut()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3);
        var buyer = await _app.SignUpAsync("buyer");
        var paid = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var unpaid = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(paid);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));

        await _app.AdvanceAsync(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        var sellerBell = await BellAsync(seller);
        Assert.Equal("warning.handling", Kinds(sellerBell).First());
        Assert.Equal(paid, sellerBell["items"]![0]!["orderId"]!.GetValue<long>());
        Assert.DoesNotContain("warning.handling", Kinds(await BellAsync(buyer)));

        // The payment window is 20 days: its warning comes on day 19.
        await _app.AdvanceAsync(TimeSpan.FromDays(17));
        var buyerBell = await BellAsync(buyer);
        Assert.Contains(buyerBell["items"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "warning.payment-window" && i["orderId"]!.GetValue<long>() == unpaid);
    }
}
