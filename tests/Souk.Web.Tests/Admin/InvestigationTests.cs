using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Data;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Admin;

/// <summary>
/// Complaints and investigations through the real host (both providers): orders with money held freeze and their
/// countdowns wait, a received order waiting for its escrow release too (blocked → refunded, never paid to the store;
/// cleared → released at the shifted time; the sweeper finishes a block a crash cut short); unpaid orders can still be cancelled; cleared → orders thaw with deadlines moved on by the frozen
/// time; blocked (by an admin, or for want of evidence) → listings hidden, frozen and unpaid orders annulled and refunded.
/// </summary>
public sealed class InvestigationTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private sealed record Setup(HttpClient Seller, long StoreId, long Listing, HttpClient Buyer, long Unpaid, long Paid, HttpClient Admin);

    /// <summary>A store with one unpaid and one paid, confirmed order (3 days handling), and an open investigation.</summary>
    private async Task<Setup> InvestigatedStoreAsync()
    {
        var (seller, storeId, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var unpaid = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var paid = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(paid);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));

        await (await buyer.PostAsJsonAsync($"/api/stores/{storeId}/complaints", new { reason = "NotShipping", text = "Nothing ships" })).ExpectAsync(201);
        var admin = await _app.AdminAsync();
        Assert.Single(await (await admin.GetAsync($"/api/admin/complaints?storeId={storeId}")).ExpectArrayAsync(200));
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{storeId}/investigation", new { reason = "Three complaints this week" })).ExpectAsync(201);
        return new Setup(seller, storeId, listing, buyer, unpaid, paid, admin);
    }

    private static DateTimeOffset HandlingDue(JsonObject order) =>
        order["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "handling")!["at"].Time();

    [Fact]
    public async Task Frozen_WaitsAndRefusesCancellation_UnpaidStillCancels_ClearedThawsWithDeadlinesMovedOn()
    {
        var s = await InvestigatedStoreAsync();
        var frozen = await s.Buyer.Order(s.Paid);
        Assert.Contains("order.frozen", frozen.Timeline());
        var dueBefore = (await s.Seller.Order(s.Paid))["timeline"]!.AsArray()
            .Single(e => e!["kind"]!.GetValue<string>() == "payment.confirmed")!["data"]!["handlingDueAt"]!.GetValue<DateTimeOffset>();
        await (await s.Buyer.Act(s.Paid, "cancellation-request", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(409, "order.frozen");
        await s.Buyer.ActOk(s.Unpaid, "cancel", new { reason = "NoLongerNeeded" });
        await (await s.Admin.PostAsJsonAsync($"/api/admin/stores/{s.StoreId}/investigation", new { reason = "again" })).ExpectProblemAsync(409, "investigation.already-open");

        // Past the handling deadline: a frozen order does not close.
        await _app.AdvanceAsync(TimeSpan.FromDays(2));
        await (await s.Seller.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "Courier strike; receipts attached" })).ExpectAsync(200);
        await _app.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal("AwaitingShipment", (await s.Buyer.Order(s.Paid)).State());

        var cleared = await (await s.Admin.PostAsJsonAsync($"/api/admin/stores/{s.StoreId}/investigation/close", new { outcome = "cleared", decision = "Strike confirmed" })).ExpectAsync(200);
        Assert.Equal("Cleared", cleared["status"]!.GetValue<string>());
        var thawed = await s.Buyer.Order(s.Paid);
        Assert.Contains("order.unfrozen", thawed.Timeline());
        Assert.Equal(dueBefore + TimeSpan.FromDays(5), HandlingDue(thawed));
        await s.Buyer.ActOk(s.Paid, "cancellation-request", new { reason = "NoLongerNeeded" });
    }

    [Fact]
    public async Task Frozen_ShowsEachPausedDeadline_WithTheTimeItHadLeft_AndTheListRowNoCountdown()
    {
        var s = await InvestigatedStoreAsync();
        var frozen = await s.Buyer.Order(s.Paid);
        var frozenSince = frozen["frozenSince"].Time();
        var handlingDue = (await s.Seller.Order(s.Paid))["timeline"]!.AsArray()
            .Single(e => e!["kind"]!.GetValue<string>() == "payment.confirmed")!["data"]!["handlingDueAt"]!.GetValue<DateTimeOffset>();
        await _app.AdvanceAsync(TimeSpan.FromDays(1));

        // What it had left when it froze, however long the freeze lasts.
        var order = await s.Buyer.Order(s.Paid);
        Assert.Empty(order["deadlines"]!.AsArray());
        var paused = Assert.Single(order["pausedDeadlines"]!.AsArray())!;
        Assert.Equal("handling", paused["kind"]!.GetValue<string>());
        Assert.Equal(handlingDue - frozenSince, TimeSpan.Parse(paused["left"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var row = (await (await s.Buyer.GetAsync("/api/orders")).ExpectAsync(200))["orders"]!.AsArray().Single(o => o!["id"]!.GetValue<long>() == s.Paid)!;
        Assert.Null(row["nextDeadline"]);
        Assert.Empty((await s.Buyer.Order(s.Unpaid))["pausedDeadlines"]!.AsArray());
    }

    [Fact]
    public async Task Blocked_HidesListings_AndAnnulsFrozenAndUnpaidOrdersWithFullRefunds()
    {
        var s = await InvestigatedStoreAsync();
        await (await s.Admin.PostAsJsonAsync($"/api/admin/stores/{s.StoreId}/investigation/close", new { outcome = "maybe", decision = "x" })).ExpectProblemAsync(400, "investigation.outcome-invalid");
        await (await s.Admin.PostAsJsonAsync($"/api/admin/stores/{s.StoreId}/investigation/close", new { outcome = "blocked", decision = "Counterfeits" })).ExpectAsync(200);

        var paid = await s.Buyer.Order(s.Paid);
        Assert.Equal("Annulled", paid.Outcome());
        Assert.Equal(paid["total"]!.GetValue<long>(), paid.Refunds().Single()!["amount"]!.GetValue<long>());
        Assert.Equal("Annulled", (await s.Buyer.Order(s.Unpaid)).Outcome());
        Assert.Empty((await (await _app.CreateClient().GetAsync($"/api/listings?storeId={s.StoreId}")).ExpectAsync(200))["listings"]!.AsArray());
        await (await s.Seller.PostAsync($"/api/listings/{s.Listing}/relist", null)).ExpectProblemAsync(409, "listing.store-blocked");
        var check = await (await s.Admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(check["balanced"]!.GetValue<bool>(), check.ToJsonString());
    }

    private sealed record Received(HttpClient Seller, long StoreId, long Listing, HttpClient Buyer, long Order, long Total, DateTimeOffset ReleaseAt, HttpClient Admin);

    /// <summary>A received order whose escrow waits for the dispute window, then an investigation of its store.</summary>
    private async Task<Received> ReceivedThenInvestigatedAsync()
    {
        var (seller, storeId, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        var received = await buyer.ActOk(id, "confirm-receipt");
        Assert.Equal("Received", received.Outcome());
        var releaseAt = (await (await seller.GetAsync("/api/payouts")).ExpectAsync(200))["held"]![0]!["releaseAt"].Time();

        var admin = await _app.AdminAsync();
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{storeId}/investigation", new { reason = "Counterfeits reported" })).ExpectAsync(201);
        return new Received(seller, storeId, listing, buyer, id, received["total"]!.GetValue<long>(), releaseAt, admin);
    }

    /// <summary>Souk's own clock (the dev clock's offset over the test's time).</summary>
    private async Task<DateTimeOffset> NowAsync() =>
        (await (await _app.CreateClient().GetAsync("/api/dev/clock")).ExpectAsync(200))["now"].Time();

    private static DateTimeOffset EventAt(JsonObject order, string kind) =>
        order["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == kind)!["at"].Time();

    [Fact]
    public async Task ReceivedOrderWaitingForRelease_IsFrozen_AndBlockedRefundsItInFull_NothingPaidToTheStore()
    {
        var r = await ReceivedThenInvestigatedAsync();
        Assert.Contains("order.frozen", (await r.Buyer.Order(r.Order)).Timeline());
        await (await r.Buyer.Act(r.Order, "delete")).ExpectProblemAsync(409, "order.frozen");
        var stock = await Shop.StockAsync(_app, r.Listing);

        // Past the release date while frozen: escrow stays held.
        await (await r.Seller.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "Invoices attached" })).ExpectAsync(200);
        await _app.AdvanceAsync(r.ReleaseAt - await NowAsync() + TimeSpan.FromDays(1));
        Assert.Equal("Held", (await r.Buyer.Order(r.Order))["moneyState"]!.GetValue<string>());

        await (await r.Admin.PostAsJsonAsync($"/api/admin/stores/{r.StoreId}/investigation/close", new { outcome = "blocked", decision = "Counterfeits" })).ExpectAsync(200);
        var annulled = await r.Buyer.Order(r.Order);
        Assert.Equal("Annulled", annulled.Outcome());
        Assert.Equal("Refunded", annulled["moneyState"]!.GetValue<string>());
        Assert.Equal(r.Total, annulled.Refunds().Single()!["amount"]!.GetValue<long>());
        Assert.Equal(stock, await Shop.StockAsync(_app, r.Listing)); // delivered: nothing goes back on the shelf

        await _app.AdvanceAsync(TimeSpan.FromDays(30));
        var payouts = await (await r.Seller.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.Empty(payouts["held"]!.AsArray());
        Assert.Empty(payouts["recentReleases"]!.AsArray());
        Assert.All(payouts["totals"]!.AsArray(), t => Assert.Equal(0, t!["released"]!.GetValue<long>()));
        var check = await (await r.Admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(check["balanced"]!.GetValue<bool>(), check.ToJsonString());
    }

    [Fact]
    public async Task ReceivedOrderFrozen_BlockCrashedBeforeAnnulling_TheSweeperAnnulsIt()
    {
        var r = await ReceivedThenInvestigatedAsync();
        // A crash right after the block was saved: the investigation is closed and the store blocked, the orders untouched.
        var now = await NowAsync();
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
            (await db.StoreInvestigations.SingleAsync(i => i.StoreId == r.StoreId)).Close(blocked: true, "Counterfeits", now);
            (await db.Stores.SingleAsync(s => s.Id == r.StoreId)).Block(now);
            await db.SaveChangesAsync();
        }
        Assert.NotNull((await r.Buyer.Order(r.Order))["frozenSince"]);

        await _app.AdvanceAsync(TimeSpan.FromMinutes(1));
        var annulled = await r.Buyer.Order(r.Order);
        Assert.Equal("Annulled", annulled.Outcome());
        Assert.Equal(r.Total, annulled.Refunds().Single()!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task ReceivedOrderFrozen_ThenCleared_ReleasesEscrowAtTheShiftedTime()
    {
        var r = await ReceivedThenInvestigatedAsync();
        await (await r.Seller.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "Invoices attached" })).ExpectAsync(200);
        await _app.AdvanceAsync(r.ReleaseAt - await NowAsync() + TimeSpan.FromDays(1));
        await (await r.Admin.PostAsJsonAsync($"/api/admin/stores/{r.StoreId}/investigation/close", new { outcome = "cleared", decision = "Invoices are genuine" })).ExpectAsync(200);

        var thawed = await r.Buyer.Order(r.Order);
        var shifted = r.ReleaseAt + (EventAt(thawed, "order.unfrozen") - EventAt(thawed, "order.frozen"));
        Assert.Equal(shifted, thawed["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "escrow-release")!["at"].Time());

        await _app.AdvanceAsync(shifted - await NowAsync() - TimeSpan.FromMinutes(1));
        Assert.Equal("Held", (await r.Buyer.Order(r.Order))["moneyState"]!.GetValue<string>());
        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal("ReleasedToSeller", (await r.Buyer.Order(r.Order))["moneyState"]!.GetValue<string>());
        var payouts = await (await r.Seller.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.Equal(r.Total, payouts["totals"]![0]!["released"]!.GetValue<long>());
    }

    [Fact]
    public async Task NoEvidenceInTime_BlocksTheStoreByItself()
    {
        var s = await InvestigatedStoreAsync();
        await _app.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        var mine = await (await s.Seller.GetAsync("/api/stores/mine/investigation")).ExpectArrayAsync(200);
        Assert.Equal("Blocked", mine[0]!["status"]!.GetValue<string>());
        Assert.Equal("Annulled", (await s.Buyer.Order(s.Paid)).Outcome());
        await (await s.Seller.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "late" })).ExpectProblemAsync(409, "investigation.none-open");
    }
}
