using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>Issue 15 §3: the rules the spec left open about disputes, decided.</summary>
public class DisputeRulesTests
{
    private static readonly DateTimeOffset At = AnOrder.Start + TimeSpan.FromDays(10);
    private static readonly DateTimeOffset Now = At + TimeSpan.FromMinutes(30);

    [Fact]
    public void SellerShippedAnyway_AfterARequestOvertakenByShipment_TheReasonOpensADisputeAtOnce()
    {
        var order = AnOrder.WithOpenCancellationRequest(At - TimeSpan.FromHours(1));
        order.Ship(AnOrder.Seller, "La Poste", "RR1", At, AnOrder.Rules);
        Assert.Equal(CancellationRequestStatus.SupersededByShipment, order.Cancellation!.Status);

        Assert.Equal([DisputeReasons.SellerDidNotAgreeToCancel], OrderActions.DisputeReasonsFor(order, Now, AnOrder.Policy));
        order.OpenDispute(AnOrder.Buyer, DisputeReasons.SellerDidNotAgreeToCancel, "I asked to cancel first", 100, false, Now, AnOrder.Rules);

        Assert.Equal(DisputeStatus.AwaitingSeller, order.Dispute!.Status);
    }

    [Fact]
    public void SellerRefusedAndShipped_OtherReasonsKeepTheUsualWindow()
    {
        var order = AnOrder.ShippedAfterCancellationRefused(At);
        var opensAt = At + AnOrder.Policy.DisputeOpensAfterShipment;

        var early = Assert.Throws<RuleViolationException>(() =>
            order.OpenDispute(AnOrder.Buyer, "NotReceived", "Nothing yet", 100, false, Now, AnOrder.Rules)).Violation;

        Assert.Equal("dispute.too-early", early.Code);
        Assert.Equal(opensAt, early.PossibleFrom);
        Assert.Null(order.Dispute);
        Assert.Equal(DisputeReasons.All, OrderActions.DisputeReasonsFor(order, opensAt, AnOrder.Policy));
    }

    [Fact]
    public void AnOrderShippedWithoutACancellationRequest_DoesNotOfferTheReason()
    {
        var order = AnOrder.Shipped(At);
        var opensAt = At + AnOrder.Policy.DisputeOpensAfterShipment;

        Assert.DoesNotContain(DisputeReasons.SellerDidNotAgreeToCancel, OrderActions.DisputeReasonsFor(order, opensAt, AnOrder.Policy));
        var refused = Assert.Throws<RuleViolationException>(() =>
            order.OpenDispute(AnOrder.Buyer, DisputeReasons.SellerDidNotAgreeToCancel, "Never asked", 100, false, opensAt, AnOrder.Rules)).Violation;
        Assert.Equal("dispute.reason-not-offered", refused.Code);
        Assert.Equal(ViolationKind.Invalid, refused.Kind);
        // Before the window nothing opens, whatever the reason.
        Assert.Equal("dispute.too-early", OrderActions.Check(order, OrderAction.OpenDispute, Now, AnOrder.Rules).Refusal?.Code);
    }

    [Fact]
    public void ConfirmReceipt_WhileADisputeIsOpen_IsRefused_AndPossibleOnceWithdrawn()
    {
        var order = AnOrder.WithOpenDispute(At);

        var refused = Assert.Throws<RuleViolationException>(() => order.ConfirmReceipt(AnOrder.Buyer, Now, AnOrder.Rules)).Violation;
        Assert.Equal("confirm-receipt.dispute-open", refused.Code);
        Assert.Equal(OrderState.Shipped, order.State);

        order.WithdrawDispute(AnOrder.Buyer, Now, AnOrder.Rules);
        order.ConfirmReceipt(AnOrder.Buyer, Now, AnOrder.Rules);
        Assert.Equal(OrderOutcome.Received, order.Outcome);
    }
}
