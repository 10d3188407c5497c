using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>
/// Every dispute path through the real host and database (both providers), with the fake clock: accepted, a
/// counter-proposal accepted, rejection → escalation → each ruling, seller silence, automatic escalation, withdrawal,
/// return then refund, return auto-accepted, return lapsed. Each settled refund appears once in the ledger; deletion
/// and protection's end wait while a dispute is open.
/// </summary>
public sealed class DisputeTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A paid order, shipped and then 6 days on (past DisputeOpensAfterShipment, 5 days).</summary>
    private async Task<(HttpClient Buyer, HttpClient Seller, long Id, long Total)> ShippedOrderAsync(int? deliveryDays = 30)
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, deliveryDays: deliveryDays);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await _app.AdvanceAsync(TimeSpan.FromDays(6));
        return (buyer, seller, id, (await buyer.Order(id))["total"]!.GetValue<long>());
    }

    private static Task<JsonObject> OpenAsync(HttpClient buyer, long id, long amount, bool withReturn = false) =>
        buyer.ActOk(id, "dispute", new { reason = "NotAsDescribed", comment = "The teapot is plastic, not brass", amountMinor = amount, withReturn });

    private async Task AssertRefundedOnceAsync(long id, long amount)
    {
        var admin = await _app.AdminAsync();
        var ledger = await (await admin.GetAsync($"/api/admin/orders/{id}/ledger")).ExpectArrayAsync(200);
        var created = ledger.Where(e => e!["transactionKey"]!.GetValue<string>() == "refund:dispute:created" && e["account"]!.GetValue<string>() == "Escrow").ToList();
        Assert.Equal(-amount, Assert.Single(created)!["amount"]!.GetValue<long>());
        var check = await (await admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(check["balanced"]!.GetValue<bool>(), check.ToJsonString());
    }

    private static string DisputeStatus(JsonObject order) => order["dispute"]!["status"]!.GetValue<string>();

    [Fact]
    public async Task TooEarly_IsRefusedWithTheDate_AndTheSellerAccepts_FullRefund()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, deliveryDays: 30);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        var shipped = await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        var early = await (await buyer.Act(id, "dispute", new { reason = "NotReceived", comment = "x", amountMinor = 1 })).ExpectProblemAsync(409, "dispute.too-early");
        Assert.Equal(shipped["shippedAt"].Time() + TimeSpan.FromDays(5), early["possibleFrom"].Time());

        await _app.AdvanceAsync(TimeSpan.FromDays(5));
        var view = await buyer.Order(id);
        var total = view["total"]!.GetValue<long>();
        // "The seller did not agree to cancel" is offered only where the buyer asked to cancel and the seller shipped anyway.
        var reasons = view.Action("open-dispute")["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "reason")!["options"]!.AsArray();
        Assert.DoesNotContain("SellerDidNotAgreeToCancel", reasons.Select(r => r!.GetValue<string>()));
        await (await buyer.Act(id, "dispute", new { reason = "SellerDidNotAgreeToCancel", comment = "x", amountMinor = 1 }))
            .ExpectProblemAsync(400, "dispute.reason-not-offered");
        var opened = await OpenAsync(buyer, id, total);
        Assert.Equal("AwaitingSeller", DisputeStatus(opened));
        await (await buyer.Act(id, "dispute", new { reason = "NotReceived", comment = "again", amountMinor = 1 })).ExpectProblemAsync(409, "dispute.already-opened");

        var settled = await seller.ActOk(id, "dispute/accept", new { });
        Assert.Equal("RefundedInDispute", settled.Outcome());
        Assert.Equal("Settled", DisputeStatus(settled));
        await AssertRefundedOnceAsync(id, total);
    }

    [Fact]
    public async Task CounterProposal_AcceptedByTheBuyer_IsAPartialRefund_AndTheOrderEndsReceived()
    {
        var (buyer, seller, id, total) = await ShippedOrderAsync();
        await OpenAsync(buyer, id, total);
        await (await seller.Act(id, "dispute/propose", new { amountMinor = total, message = "same" })).ExpectProblemAsync(400, "dispute.proposal-out-of-range");
        await seller.ActOk(id, "dispute/propose", new { amountMinor = 300, message = "The lid is brass; 300 back" });
        var settled = await buyer.ActOk(id, "dispute/accept-proposal");

        Assert.Equal("Received", settled.Outcome());
        Assert.Equal("PartlyRefunded", settled["moneyState"]!.GetValue<string>());
        await AssertRefundedOnceAsync(id, 300);

        // The rest is released to the seller after the dispute window.
        await _app.AdvanceAsync(TimeSpan.FromDays(16));
        Assert.Equal("ReleasedToSeller", (await buyer.Order(id))["moneyState"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("full")]
    [InlineData("partial")]
    [InlineData("none")]
    public async Task Rejected_ThenEscalated_ThenRuled(string ruling)
    {
        var (buyer, seller, id, total) = await ShippedOrderAsync();
        await OpenAsync(buyer, id, total);
        var early = await (await buyer.Act(id, "dispute/escalate")).ExpectProblemAsync(409, "dispute.escalation-too-early");
        Assert.NotNull(early["possibleFrom"]);
        await (await seller.Act(id, "dispute/reject", new { })).ExpectProblemAsync(400, "dispute.message-required");
        await seller.ActOk(id, "dispute/reject", new { message = "The listing says brass-coloured" });
        await buyer.ActOk(id, "dispute/escalate");
        var admin = await _app.AdminAsync();
        await (await admin.Act(id, "dispute/rule", new { amountMinor = total + 1, ruling = "x" })).ExpectProblemAsync(400, "dispute.ruling-amount-out-of-range");
        Assert.Equal(403, (int)(await seller.Act(id, "dispute/rule", new { amountMinor = 0, ruling = "x" })).StatusCode);

        var amount = ruling switch { "full" => total, "partial" => 400L, _ => 0L };
        var ruled = await admin.ActOk(id, "dispute/rule", new { amountMinor = amount, ruling = "Photos show a plated teapot" });

        Assert.Equal("Photos show a plated teapot", ruled["dispute"]!["ruling"]!.GetValue<string>());
        Assert.Equal(ruling == "full" ? "RefundedInDispute" : "Received", ruled.Outcome());
        if (amount > 0) await AssertRefundedOnceAsync(id, amount);
        else Assert.Empty(ruled.Refunds());
        await (await admin.Act(id, "dispute/rule", new { amountMinor = 0, ruling = "again" })).ExpectProblemAsync(409, "dispute.not-escalated");
    }

    [Fact]
    public async Task SellerSilence_AcceptsTheRequest()
    {
        var (buyer, _, id, _) = await ShippedOrderAsync();
        await OpenAsync(buyer, id, 250);
        await _app.AdvanceAsync(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));

        var order = await buyer.Order(id);
        Assert.Equal("Settled", DisputeStatus(order));
        Assert.Contains("dispute.accepted-by-silence", order.Timeline());
        Assert.Equal("Received", order.Outcome());
        await AssertRefundedOnceAsync(id, 250);
    }

    [Fact]
    public async Task AnUnsettledDispute_EscalatesByItself_AndHoldsBuyerProtectionAndDeletion()
    {
        var (buyer, seller, id, total) = await ShippedOrderAsync(deliveryDays: 10);
        await OpenAsync(buyer, id, total);
        await seller.ActOk(id, "dispute/propose", new { amountMinor = 100, message = "100 back" });

        // Protection (10 days from shipping) would have ended by now; it waits for the dispute.
        await _app.AdvanceAsync(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));
        var order = await buyer.Order(id);
        Assert.Equal("Escalated", DisputeStatus(order));
        Assert.Equal("Shipped", order.State());
        Assert.Contains("dispute.escalated-automatically", order.Timeline());
        await (await buyer.Act(id, "protection-extension-request", new { days = 3, message = "x" })).ExpectProblemAsync(409, "protection-extension.dispute-open");
        // Confirming receipt would release the escrow the dispute is about: withdraw first (issue 15).
        var confirm = await (await buyer.Act(id, "confirm-receipt")).ExpectProblemAsync(409, "confirm-receipt.dispute-open");
        Assert.Contains("withdraw the dispute first", confirm["detail"]!.GetValue<string>());

        // Withdrawing lets protection end — now, not in the past.
        var withdrawn = await buyer.ActOk(id, "dispute/withdraw");
        Assert.Equal("Withdrawn", DisputeStatus(withdrawn));
        await _app.AdvanceAsync(TimeSpan.FromMinutes(1));
        var received = await buyer.Order(id);
        Assert.Equal("Received", received.Outcome());
        Assert.True(received["completedAt"].Time() >= withdrawn["dispute"]!["closedAt"].Time());
        Assert.Empty(received.Refunds());
    }

    [Fact]
    public async Task OnAReceivedOrder_TheDisputeHoldsTheReleaseAndTheDeletion()
    {
        var (buyer, seller, id, total) = await ShippedOrderAsync();
        await buyer.ActOk(id, "confirm-receipt");
        await OpenAsync(buyer, id, 200);
        await (await buyer.Act(id, "delete")).ExpectProblemAsync(409, "delete.dispute-open");
        await seller.ActOk(id, "dispute/reject", new { message = "It left here unscratched" });

        // Past the release date (received + 15 days): escrow stays held; the dispute escalated by itself meanwhile.
        await _app.AdvanceAsync(TimeSpan.FromDays(16));
        var held = await buyer.Order(id);
        Assert.Equal("Held", held["moneyState"]!.GetValue<string>());
        Assert.Equal("Escalated", DisputeStatus(held));

        await (await _app.AdminAsync()).ActOk(id, "dispute/rule", new { amountMinor = 200, ruling = "Scratched" });
        await _app.AdvanceAsync(TimeSpan.FromMinutes(1));
        var after = await buyer.Order(id);
        Assert.Equal("ReleasedToSeller", after["moneyState"]!.GetValue<string>());
        await AssertRefundedOnceAsync(id, 200);
        var payouts = await (await seller.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.Equal(total - 200, payouts["totals"]![0]!["released"]!.GetValue<long>());
        await buyer.ActOk(id, "delete");
    }

    [Fact]
    public async Task SettlementWithReturn_PaysWhenTheSellerConfirmsTheReturn()
    {
        var (buyer, seller, id, total) = await ShippedOrderAsync();
        await OpenAsync(buyer, id, total, withReturn: true);
        var awaiting = await seller.ActOk(id, "dispute/accept", new { });
        Assert.Equal("AwaitingReturn", DisputeStatus(awaiting));
        Assert.Empty(awaiting.Refunds());
        await (await seller.Act(id, "dispute/return/received")).ExpectProblemAsync(409, "return.not-shipped");

        await buyer.ActOk(id, "dispute/return/ship", new { trackingNumber = "RET-1" });
        var paid = await seller.ActOk(id, "dispute/return/received");
        Assert.Equal("RefundedInDispute", paid.Outcome());
        await AssertRefundedOnceAsync(id, total);
    }

    [Fact]
    public async Task AReturnMarkedDelivered_IsAcceptedAutomatically()
    {
        var (buyer, seller, id, _) = await ShippedOrderAsync();
        await OpenAsync(buyer, id, 500, withReturn: true);
        await seller.ActOk(id, "dispute/accept", new { });
        await buyer.ActOk(id, "dispute/return/ship", new { trackingNumber = "RET-2" });
        await buyer.ActOk(id, "dispute/return/delivered");
        await (await buyer.Act(id, "dispute/return/delivered")).ExpectProblemAsync(409, "return.already-delivered");

        await _app.AdvanceAsync(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));

        var order = await buyer.Order(id);
        Assert.Contains("return.accepted-automatically", order.Timeline());
        Assert.Equal("Received", order.Outcome());
        await AssertRefundedOnceAsync(id, 500);
    }

    [Fact]
    public async Task AReturnNotShippedInTime_Lapses_WithoutARefund()
    {
        var (buyer, seller, id, _) = await ShippedOrderAsync();
        await OpenAsync(buyer, id, 500, withReturn: true);
        await seller.ActOk(id, "dispute/accept", new { });

        await _app.AdvanceAsync(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));

        var order = await buyer.Order(id);
        Assert.Equal("ReturnLapsed", DisputeStatus(order));
        Assert.Equal("Received", order.Outcome());
        Assert.Empty(order.Refunds());
        await (await buyer.Act(id, "dispute/return/ship", new { trackingNumber = "late" })).ExpectProblemAsync(409, "return.not-awaited");
    }

    [Fact]
    public async Task InDisputeTab_ListsOpenDisputesOnly()
    {
        var (buyer, seller, id, total) = await ShippedOrderAsync();
        Assert.Empty((await (await buyer.GetAsync("/api/orders?tab=in-dispute")).ExpectAsync(200))["orders"]!.AsArray());
        await OpenAsync(buyer, id, total);
        Assert.Equal(id, (await (await buyer.GetAsync("/api/orders?tab=in-dispute")).ExpectAsync(200))["orders"]![0]!["id"]!.GetValue<long>());
        Assert.Single((await (await seller.GetAsync("/api/orders?tab=in-dispute")).ExpectAsync(200))["orders"]!.AsArray());
        await buyer.ActOk(id, "dispute/withdraw");
        Assert.Empty((await (await buyer.GetAsync("/api/orders?tab=in-dispute")).ExpectAsync(200))["orders"]!.AsArray());
    }
}
