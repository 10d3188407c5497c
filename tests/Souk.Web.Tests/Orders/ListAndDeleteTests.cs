using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>"My Orders" tabs with keyset paging, and the buyer's "Deleted orders" with restore and permanent delete.</summary>
public sealed class ListAndDeleteTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static long[] Ids(System.Text.Json.Nodes.JsonObject page) =>
        page["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ToArray();

    [Fact]
    public async Task Tabs_ShowTheirStates_NewestFirst_PagedByCursor()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await Shop.PlaceOrderAsync(_app, buyer, listing));
        await buyer.Pay(ids[0]);
        await buyer.ActOk(ids[1], "cancel", new { reason = "ChangeOrder" });

        var first = await (await buyer.GetAsync("/api/orders?tab=all&limit=2")).ExpectAsync(200);
        Assert.Equal([ids[4], ids[3]], Ids(first));
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await (await buyer.GetAsync($"/api/orders?tab=all&limit=2&cursor={cursor}")).ExpectAsync(200);
        Assert.Equal([ids[2], ids[1]], Ids(second));
        var third = await (await buyer.GetAsync($"/api/orders?tab=all&limit=2&cursor={second["nextCursor"]!.GetValue<string>()}")).ExpectAsync(200);
        Assert.Equal([ids[0]], Ids(third));
        Assert.Null(third["nextCursor"]);

        Assert.Equal([ids[4], ids[3], ids[2]], Ids(await (await buyer.GetAsync("/api/orders?tab=awaiting-payment")).ExpectAsync(200)));
        Assert.Equal([ids[0]], Ids(await (await buyer.GetAsync("/api/orders?tab=payment-processing")).ExpectAsync(200)));
        Assert.Equal([ids[1]], Ids(await (await buyer.GetAsync("/api/orders?tab=completed")).ExpectAsync(200)));
        Assert.Empty(Ids(await (await buyer.GetAsync("/api/orders?tab=in-dispute")).ExpectAsync(200)));
    }

    [Theory]
    [InlineData("tab=everything", "orders.unknown-tab")]
    [InlineData("cursor=abc", "orders.bad-cursor")]
    [InlineData("limit=0", "orders.bad-limit")]
    [InlineData("limit=100000", "orders.bad-limit")]
    public async Task BadListQuery_Is400(string query, string code)
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.GetAsync($"/api/orders?{query}")).ExpectProblemAsync(400, code);
    }

    [Fact]
    public async Task DeleteRestoreAndDeletePermanently()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        await (await buyer.Act(id, "delete")).ExpectProblemAsync(409, "delete.order-not-completed");
        await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });

        var deleted = await buyer.ActOk(id, "delete");
        Assert.True(deleted["inDeletedOrders"]!.GetValue<bool>());
        Assert.DoesNotContain(id, Ids(await (await buyer.GetAsync("/api/orders")).ExpectAsync(200)));
        Assert.Contains(id, Ids(await (await buyer.GetAsync("/api/orders?tab=deleted")).ExpectAsync(200)));
        await (await buyer.Act(id, "add-to-cart-again")).ExpectProblemAsync(409, "order.in-deleted-orders");

        await buyer.ActOk(id, "restore");
        Assert.Contains(id, Ids(await (await buyer.GetAsync("/api/orders")).ExpectAsync(200)));

        await buyer.ActOk(id, "delete");
        var unconfirmed = await (await buyer.Act(id, "delete-permanently", new { })).ExpectProblemAsync(400, "delete-permanently.confirmation-required");
        Assert.Contains("never", unconfirmed["detail"]!.GetValue<string>());
        await buyer.ActOk(id, "delete-permanently", new { confirm = true });

        await (await buyer.GetAsync($"/api/orders/{id}")).ExpectProblemAsync(404, "order.not-found");
        await (await buyer.Act(id, "restore")).ExpectProblemAsync(404, "order.not-found");
        Assert.DoesNotContain(id, Ids(await (await buyer.GetAsync("/api/orders?tab=deleted")).ExpectAsync(200)));
        var asSeller = await seller.Order(id);
        Assert.Contains("order.permanently-deleted", asSeller.Timeline());
    }

    [Fact]
    public async Task AddToCartAgain_SkipsWhatIsNoLongerSold_AndSaysSo()
    {
        var (seller, _, kept) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, kept, quantity: 2);
        await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });

        var again = await buyer.ActOk(id, "add-to-cart-again");
        Assert.Equal(2, again["added"]![0]!["quantity"]!.GetValue<int>());

        (await seller.PostAsync($"/api/listings/{kept}/delist", null)).EnsureSuccessStatusCode();
        var skipped = await buyer.ActOk(id, "add-to-cart-again");
        Assert.Empty(skipped["added"]!.AsArray());
        Assert.Equal("cart-again.no-longer-sold", skipped["skipped"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnpaidOrder_ExpiresAfterThePaymentWindow_AndGivesItsStockBack()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var stockBefore = await Shop.StockAsync(_app, listing);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing, quantity: 3);
        Assert.Equal(stockBefore - 3, await Shop.StockAsync(_app, listing));

        await _app.AdvanceAsync(TimeSpan.FromDays(20) + TimeSpan.FromSeconds(1));

        var order = await buyer.Order(id);
        Assert.Equal("ExpiredUnpaid", order.Outcome());
        Assert.Equal(SoukApp.Start + TimeSpan.FromDays(20), order["completedAt"].Time());
        Assert.Equal(stockBefore, await Shop.StockAsync(_app, listing));
    }
}
