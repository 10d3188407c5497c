using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>A buyer sees only their orders, a seller only their store's, admins all; someone else's order is a 404.</summary>
public sealed class OrderAccessTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnotherBuyer_CanNeitherReadNorActOnTheOrder()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var alice = await _app.SignUpAsync("buyer");
        var mallory = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, alice, listing);

        await (await mallory.GetAsync($"/api/orders/{id}")).ExpectProblemAsync(404, "order.not-found");
        await (await mallory.Act(id, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(404, "order.not-found");
        await (await mallory.Act(id, "pay", new { method = "Card", account = "4242" })).ExpectProblemAsync(404, "order.not-found");
        var list = await (await mallory.GetAsync("/api/orders")).ExpectAsync(200);
        Assert.Empty(list["orders"]!.AsArray());

        var order = await alice.Order(id);
        Assert.Equal("AwaitingPayment", order.State());
        Assert.DoesNotContain("order.cancelled", order.Timeline());
    }

    [Fact]
    public async Task SellerOfAnotherStore_CannotReadOrActOnTheOrder()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var (otherSeller, _, _) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));

        await (await otherSeller.GetAsync($"/api/orders/{id}")).ExpectProblemAsync(404, "order.not-found");
        await (await otherSeller.Act(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" })).ExpectProblemAsync(404, "order.not-found");
        Assert.Equal("AwaitingShipment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task ABuyerAction_TakenByTheStoresSeller_Is403AndChangesNothing()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        await (await seller.Act(id, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(403, "order.action-not-for-role");
        await (await buyer.Act(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" })).ExpectProblemAsync(403, "order.action-not-for-role");
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task SellerAndAdmin_SeeTheOrder_WithTheirOwnActions()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var asSeller = await seller.Order(id);
        Assert.Contains(asSeller["actions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "ship");
        Assert.DoesNotContain(asSeller["actions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "pay");
        var admin = await _app.AdminAsync();
        var asAdmin = await admin.Order(id);
        Assert.Equal(id, asAdmin["id"]!.GetValue<long>());
        var all = await (await admin.GetAsync("/api/orders")).ExpectAsync(200);
        Assert.Contains(all["orders"]!.AsArray(), o => o!["id"]!.GetValue<long>() == id);
        var sellerList = await (await seller.GetAsync("/api/orders")).ExpectAsync(200);
        Assert.Contains(sellerList["orders"]!.AsArray(), o => o!["id"]!.GetValue<long>() == id);
    }
}
