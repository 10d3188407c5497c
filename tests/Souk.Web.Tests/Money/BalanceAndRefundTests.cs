using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Souk.Data;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Money;

/// <summary>
/// Through the real host and database (both providers): the platform balance and its history, paying from it alone or
/// split with a card and the proportional refund, partial refunds, overdue refunds with the buyer's report and the
/// admin's settlement, payouts, and racing sweepers that must refund once.
/// </summary>
public sealed class BalanceAndRefundTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonObject> BalanceAsync(HttpClient buyer) => await (await buyer.GetAsync("/api/balance")).ExpectAsync(200);
    private static long BalanceOf(JsonObject balance, string currency = "USD") =>
        balance["balances"]!.AsArray().FirstOrDefault(b => b!["currency"]!.GetValue<string>() == currency)?["balance"]!.GetValue<long>() ?? 0;

    private async Task AssertLedgerBalancedAsync()
    {
        var check = await (await (await _app.AdminAsync()).GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(check["balanced"]!.GetValue<bool>(), check.ToJsonString());
    }

    /// <summary>A buyer whose closed card sent a refund of one order (price <paramref name="price"/>) to the platform balance.</summary>
    private async Task<(HttpClient Buyer, HttpClient Seller, long Listing, long Balance)> BuyerWithBalanceAsync(long price = 1_000)
    {
        var seller = await _app.SignUpAsync("seller");
        await Shop.OpenStoreAsync(seller);
        var listing = await Shop.AddListingAsync(seller, price: price);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id, "4000 0000 0000 0069 closed");
        await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });
        await _app.AdvanceAsync(TimeSpan.FromDays(6));
        var balance = BalanceOf(await BalanceAsync(buyer));
        Assert.Equal((await buyer.Order(id))["total"]!.GetValue<long>(), balance);
        return (buyer, seller, listing, balance);
    }

    [Fact]
    public async Task Balance_ShowsRefundsThatLandedThere_AndPaysAWholeOrderAtOnce()
    {
        var (buyer, _, listing, balance) = await BuyerWithBalanceAsync();
        var history = (await BalanceAsync(buyer))["history"]!.AsArray();
        Assert.Equal("refund-redirected", history.Single()!["kind"]!.GetValue<string>());

        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var paid = await buyer.ActOk(id, "pay", new { method = "Balance" });

        // No provider review for the platform's own balance.
        Assert.Equal("AwaitingShipment", paid.State());
        Assert.Equal(paid["total"]!.GetValue<long>(), paid["payment"]!["fromBalance"]!.GetValue<long>());
        var after = await BalanceAsync(buyer);
        Assert.Equal(balance - paid["total"]!.GetValue<long>(), BalanceOf(after));
        Assert.Equal(["payment", "refund-redirected"], after["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()));

        // Cancelled inside the instant window: straight back onto the balance, no stages to wait for.
        var cancelled = await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });
        Assert.Equal("Refunded", cancelled.Refunds()[0]!["stage"]!.GetValue<string>());
        Assert.Equal(balance, BalanceOf(await BalanceAsync(buyer)));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task PayingMoreThanTheBalance_IsRefused_AndChangesNothing()
    {
        var (buyer, seller, _, balance) = await BuyerWithBalanceAsync(price: 1_000);
        var dear = await Shop.AddListingAsync(seller, price: 50_000);
        var id = await Shop.PlaceOrderAsync(_app, buyer, dear);

        var refused = await (await buyer.Act(id, "pay", new { method = "Balance" })).ExpectProblemAsync(409, "pay.balance-insufficient");
        Assert.Contains("not enough", refused["detail"]!.GetValue<string>());
        await (await buyer.Act(id, "pay", new { method = "Card", account = "4242", balanceMinor = balance + 1 })).ExpectProblemAsync(409, "pay.balance-insufficient");
        await (await buyer.Act(id, "pay", new { method = "Card", account = "4242", balanceMinor = -1 })).ExpectProblemAsync(400, "pay.balance-part-out-of-range");

        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
        Assert.Equal(balance, BalanceOf(await BalanceAsync(buyer)));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task SplitPayment_IsRefundedInProportion_WithTheOddUnitOnTheBalance()
    {
        var (buyer, seller, _, balance) = await BuyerWithBalanceAsync(price: 1_000);
        var listing = await Shop.AddListingAsync(seller, price: 2_001);
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var total = (await buyer.Order(id))["total"]!.GetValue<long>();
        var fromBalance = balance / 3;

        var paid = await buyer.ActOk(id, "pay", new { method = "Card", account = "4242 4242 4242 4242", balanceMinor = fromBalance });
        Assert.Equal(fromBalance, paid["payment"]!["fromBalance"]!.GetValue<long>());
        Assert.Equal(total - fromBalance, paid["payment"]!["fromMethod"]!.GetValue<long>());
        Assert.Equal(balance - fromBalance, BalanceOf(await BalanceAsync(buyer)));
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));

        // A partial refund of 1: the balance's share is a fraction of a unit, which goes to the balance.
        var refunded = await seller.ActOk(id, "refunds", new { amountMinor = 1, note = "Scratch on the lid" });
        var first = refunded.Refunds()[0]!;
        Assert.Equal((1L, 0L), (first["toBalance"]!.GetValue<long>(), first["toMethod"]!.GetValue<long>()));
        Assert.Equal("PartlyRefunded", refunded["moneyState"]!.GetValue<string>());

        await buyer.ActOk(id, "cancellation-request", new { reason = "NoLongerNeeded" });
        var cancelled = await seller.ActOk(id, "cancellation-request/approve", new { });
        var rest = cancelled.Refunds().Single(r => r!["cause"]!.GetValue<string>() == "cancellation")!;
        Assert.Equal(total - 1, rest["amount"]!.GetValue<long>());
        // Over both refunds each source got back exactly what it paid.
        Assert.Equal(fromBalance, 1 + rest["toBalance"]!.GetValue<long>());
        Assert.Equal(total - fromBalance, rest["toMethod"]!.GetValue<long>());
        Assert.Equal(balance, BalanceOf(await BalanceAsync(buyer)));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task PartialRefunds_AreTheSellers_AndNeverExceedWhatWasPaid()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        var early = await (await seller.Act(id, "refunds", new { amountMinor = 10, note = "x" })).ExpectProblemAsync(409, "refund-part.payment-not-confirmed");
        Assert.NotNull(early["possibleFrom"]);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        var total = (await buyer.Order(id))["total"]!.GetValue<long>();

        Assert.Equal(403, (int)(await buyer.Act(id, "refunds", new { amountMinor = 10, note = "x" })).StatusCode);
        await (await seller.Act(id, "refunds", new { amountMinor = 10 })).ExpectProblemAsync(400, "request.field-required");
        // Below 1 is bad input; above what escrow still holds is the order's state: a conflict, like nothing-held.
        await (await seller.Act(id, "refunds", new { amountMinor = 0, note = "x" })).ExpectProblemAsync(400, "refund-part.amount-out-of-range");
        var tooMuch = await (await seller.Act(id, "refunds", new { amountMinor = total + 1, note = "x" })).ExpectProblemAsync(409, "refund-part.more-than-held");
        // The sentence says the amount as money, never in minor units.
        Assert.Contains($"{total / 100}.{total % 100:00} USD", tooMuch["detail"]!.GetValue<string>());
        await seller.ActOk(id, "refunds", new { amountMinor = 100, note = "Late" });
        await (await seller.Act(id, "refunds", new { amountMinor = total - 99, note = "x" })).ExpectProblemAsync(409, "refund-part.more-than-held");
        var all = await seller.ActOk(id, "refunds", new { amountMinor = total - 100, note = "Rest" });

        Assert.Equal("Refunded", all["moneyState"]!.GetValue<string>());
        Assert.Equal(total, all["refunded"]!.GetValue<long>());
        await (await seller.Act(id, "refunds", new { amountMinor = 1, note = "x" })).ExpectProblemAsync(409, "refund-part.nothing-held");
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task RefundTheMethodRefused_ShowsTheBalanceAndWhy_FromTheMomentItRefused()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id, "4000 0000 0000 0069 closed");
        await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });
        await _app.AdvanceAsync(TimeSpan.FromHours(1));
        var waiting = (await buyer.Order(id)).Refunds()[0]!;
        Assert.Equal(("AwaitingRefund", "OriginalMethod"), (waiting["stage"]!.GetValue<string>(), waiting["destination"]!.GetValue<string>()));

        // The card refuses when processing hands it the money (6 h for cards), not when its 5 days would have ended.
        await _app.AdvanceAsync(TimeSpan.FromHours(5));
        var refund = (await buyer.Order(id)).Refunds()[0]!;
        Assert.Equal(("PlatformBalance", "method-refused", "Refunded"),
            (refund["destination"]!.GetValue<string>(), refund["redirectReason"]!.GetValue<string>(), refund["stage"]!.GetValue<string>()));
        Assert.Equal(refund["amount"]!.GetValue<long>(), BalanceOf(await BalanceAsync(buyer)));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task OverdueRefund_IsFlaggedToAdmins_TheBuyerReportsIt_AndAnAdminCreditsTheBalance()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id, "4242 4242 4242 4242 stall");
        var cancelled = await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });
        var refundId = cancelled.Refunds()[0]!["id"]!.GetValue<long>();
        var admin = await _app.AdminAsync();

        // Inside the card's maximum time (the policy's RefundTime.Card, not the sandbox's 5 days) the buyer is told until when to wait.
        var promise = cancelled.Refunds()[0]!["maxArrivalAt"].Time();
        Assert.Equal(cancelled.Refunds()[0]!["createdAt"].Time() + TimeSpan.FromDays(15), promise);
        var early = await (await buyer.Act(id, "refunds/report-missing", new { refundId, message = "Where is it?" })).ExpectProblemAsync(409, "report-missing-refund.not-yet-due");
        Assert.Equal(promise, early["possibleFrom"].Time());
        Assert.Empty(await (await admin.GetAsync("/api/admin/refunds/attention")).ExpectArrayAsync(200));

        await _app.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Empty(await (await admin.GetAsync("/api/admin/refunds/attention")).ExpectArrayAsync(200));
        var stillEarly = await (await buyer.Act(id, "refunds/report-missing", new { refundId })).ExpectProblemAsync(409, "report-missing-refund.not-yet-due");
        Assert.Equal(promise, stillEarly["possibleFrom"].Time());

        await _app.AdvanceAsync(promise - _app.Time.GetUtcNow());
        var flagged = await (await admin.GetAsync("/api/admin/refunds/attention")).ExpectArrayAsync(200);
        Assert.Equal(id, flagged.Single()!["orderId"]!.GetValue<long>());
        Assert.NotNull(flagged[0]!["refund"]!["overdueSince"]);
        Assert.Contains("refund.overdue", flagged[0]!["history"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));

        var reported = await buyer.ActOk(id, "refunds/report-missing", new { refundId, message = "Never reached my card" });
        Assert.Equal("open", reported.Refunds()[0]!["case"]!["status"]!.GetValue<string>());
        await (await buyer.Act(id, "refunds/report-missing", new { refundId })).ExpectProblemAsync(409, "report-missing-refund.already-reported");

        Assert.Equal(403, (int)(await buyer.Act(id, "refunds/resolve", new { refundId, resolution = "credit-balance", note = "x" })).StatusCode);
        await (await admin.Act(id, "refunds/resolve", new { refundId, resolution = "shrug", note = "x" })).ExpectProblemAsync(400, "resolve-refund.resolution-invalid");
        var resolved = await admin.ActOk(id, "refunds/resolve", new { refundId, resolution = "credit-balance", note = "Card closed; credited to the balance" });
        var refund = resolved.Refunds()[0]!;
        Assert.Equal("PlatformBalance", refund["destination"]!.GetValue<string>());
        Assert.Equal("resolved", refund["case"]!["status"]!.GetValue<string>());
        Assert.Equal(refund["amount"]!.GetValue<long>(), BalanceOf(await BalanceAsync(buyer)));
        Assert.Empty(await (await admin.GetAsync("/api/admin/refunds/attention")).ExpectArrayAsync(200));
        await AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Payouts_ShowWhatEscrowHolds_AndWhatItReleased()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        var total = (await buyer.Order(id))["total"]!.GetValue<long>();

        var held = await (await seller.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.Equal(total, held["totals"]![0]!["held"]!.GetValue<long>());
        Assert.Null(held["held"]![0]!["releaseAt"]);

        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await buyer.ActOk(id, "confirm-receipt");
        var dated = await (await seller.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.NotNull(dated["held"]![0]!["releaseAt"]);

        await _app.AdvanceAsync(TimeSpan.FromDays(20));
        var released = await (await seller.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.Equal(total, released["totals"]![0]!["released"]!.GetValue<long>());
        Assert.Equal(0, released["totals"]![0]!["held"]!.GetValue<long>());
        Assert.Equal(id, released["recentReleases"]![0]!["orderId"]!.GetValue<long>());
        Assert.Equal(403, (int)(await buyer.GetAsync("/api/payouts")).StatusCode);
    }

    [Fact]
    public async Task TwoSweepersRacingOverTheSameDueOrders_RefundEachOnce()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 1);
        var buyer = await _app.SignUpAsync("buyer");
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
            await buyer.Pay(id);
            ids.Add(id);
        }
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        // Past the handling deadline without the dev clock's sweep: the two sweepers below race for the same orders.
        _app.Time.Advance(TimeSpan.FromDays(2));

        async Task<int> SweepAsync()
        {
            using var scope = _app.Services.CreateScope();
            var fired = 0;
            // Bounded: a sweeper that keeps losing would otherwise hang the test instead of failing it.
            for (var attempt = 0; attempt < 200; attempt++)
            {
                try
                {
                    var batch = await scope.ServiceProvider.GetRequiredService<OrderWriter>().FireDueAsync(2);
                    if (batch.Count == 0) return fired;
                    fired += batch.Count;
                }
                catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
                {
                    // A lost race (SQLite busy, a conflict) rolls the batch back; the orders stay due and are taken again.
                    scope.ServiceProvider.GetRequiredService<SoukDbContext>().ChangeTracker.Clear();
                }
            }
            throw new TimeoutException($"the sweep did not finish in 200 batches ({fired} orders fired)");
        }
        var counts = await Task.WhenAll(SweepAsync(), SweepAsync());

        Assert.Equal(ids.Count, counts.Sum());
        foreach (var id in ids)
        {
            var order = await buyer.Order(id);
            Assert.Equal("ClosedNotShipped", order.Outcome());
            Assert.Single(order.Refunds());
        }
        await AssertLedgerBalancedAsync();
    }
}
