using Microsoft.Extensions.DependencyInjection;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Orders;
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

    /// <summary>A row's next deadline is the deadline itself (kind, at), the same the order lists first; its warning apart.</summary>
    [Fact]
    public async Task ListRow_ShowsTheNextDeadlineItself_WithItsWarningApart()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var unpaid = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var paid = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(paid);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        var handling = (await buyer.Order(paid))["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "handling")!["at"].Time();
        var payBy = (await buyer.Order(unpaid))["deadlines"]![0]!["at"].Time();

        async Task<System.Text.Json.Nodes.JsonObject> Row(HttpClient viewer, long id) =>
            (await (await viewer.GetAsync("/api/orders")).ExpectAsync(200))["orders"]!.AsArray().Single(o => o!["id"]!.GetValue<long>() == id)!.AsObject();
        foreach (var viewer in new[] { buyer, seller })
        {
            var row = await Row(viewer, paid);
            Assert.False(row.ContainsKey("nextDeadlineAt"));
            var next = row["nextDeadline"]!;
            Assert.Equal(("handling", handling, handling - TimeSpan.FromHours(24)),
                (next["kind"]!.GetValue<string>(), next["at"].Time(), next["warningAt"].Time()));
        }
        var unpaidNext = (await Row(buyer, unpaid))["nextDeadline"]!;
        Assert.Equal(("payment-window", payBy), (unpaidNext["kind"]!.GetValue<string>(), unpaidNext["at"].Time()));

        // Once warned, the row still counts to the deadline, and no warning is left to come.
        await _app.AdvanceAsync(handling - TimeSpan.FromHours(1) - _app.Time.GetUtcNow());
        var warned = (await Row(buyer, paid))["nextDeadline"]!;
        Assert.Equal(handling, warned["at"].Time());
        Assert.Null(warned["warningAt"]);
    }

    /// <summary>The counts beside the tabs (My Orders, the seller console) are what each tab lists, for every kind of viewer.</summary>
    [Fact]
    public async Task TabCounts_AreWhatEachTabLists_ForTheBuyerTheSellerAndTheAdmin()
    {
        var (seller, storeId, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var ids = new List<long>();
        for (var i = 0; i < 8; i++) ids.Add(await Shop.PlaceOrderAsync(_app, buyer, listing));
        foreach (var id in ids.Skip(2)) await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        foreach (var id in ids.Skip(4).Take(3)) await seller.ActOk(id, "ship", new { carrier = "DHL", trackingNumber = $"T{id}" });
        await buyer.ActOk(ids[0], "cancel", new { reason = "NoLongerNeeded" });
        await buyer.ActOk(ids[0], "delete");
        await _app.AdvanceAsync(TimeSpan.FromDays(5)); // the two paid, unshipped orders close at their handling deadline
        await buyer.ActOk(ids[2], "delete");
        await buyer.ActOk(ids[2], "delete-permanently", new { confirm = true });
        await buyer.ActOk(ids[5], "confirm-receipt");
        await buyer.ActOk(ids[6], "dispute", new { reason = "NotReceived", comment = "Nothing came", amountMinor = 100, withReturn = false });
        await buyer.Pay(await Shop.PlaceOrderAsync(_app, buyer, listing));
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10)); // one awaiting shipment
        await buyer.Pay(await Shop.PlaceOrderAsync(_app, buyer, listing)); // one in payment review
        var buyerId = (await buyer.Order(ids[1]))["buyerId"]!.GetValue<string>();

        foreach (var (viewer, actor) in new[] { (buyer, Actor.Buyer(buyerId)), (seller, Actor.Seller("seller", storeId)), (await _app.AdminAsync(), Actor.Admin("admin")) })
        {
            using var scope = _app.Services.CreateScope();
            var counts = await ReadOrders.CountsAsync(actor, scope.ServiceProvider.GetRequiredService<SoukDbContext>(), CancellationToken.None);
            var tabs = ReadOrders.Tabs.Where(t => t != "deleted" || actor.Role == ActorRole.Buyer).ToList();
            Assert.Equal(tabs, counts.Keys);
            foreach (var tab in tabs)
                Assert.True(Ids(await (await viewer.GetAsync($"/api/orders?tab={tab}&limit=100")).ExpectAsync(200)).Length == counts[tab],
                    $"{actor.Role}'s {tab} tab: counted {counts[tab]}");
            // The world reaches every tab, so the comparison is not between zeros.
            Assert.All(tabs, tab => Assert.True(counts[tab] > 0, $"{actor.Role}'s {tab} tab is empty"));
        }
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
        var unconfirmed = await (await buyer.Act(id, "delete-permanently", new { confirm = false })).ExpectProblemAsync(400, "delete-permanently.confirmation-required");
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
