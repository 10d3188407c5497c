using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>
/// A dispute's course on the pure domain (spec §3, Dispute): the seller's answers and silence, the buyer's answers, the
/// automatic escalation, the admin's ruling, and a settlement with return (shipped back or lapsed). The HTTP tests
/// cover the same through the API; these pin the rules without a host.
/// </summary>
public class DisputeTests
{
    private static readonly DateTimeOffset At = AnOrder.Start + TimeSpan.FromDays(10);
    private static readonly Rulebook Rules = AnOrder.Rules;
    private static readonly Policy P = AnOrder.Policy;

    [Fact]
    public void AttachingEvidence_IsAnEffectTheCommitStepStores_AndIsRefusedWithoutAnOpenDispute()
    {
        var order = AnOrder.WithOpenDispute(At);
        order.ClearEffects();
        var file = new EvidenceFile("photo.png", "image/png", [1, 2, 3]);

        order.AttachDisputeEvidence(AnOrder.Seller, file, At + TimeSpan.FromHours(1));

        Assert.Equal(new DisputeEvidenceAttached(AnOrder.Seller, file, At + TimeSpan.FromHours(1)), Assert.Single(order.Effects));
        Assert.Equal(("dispute.evidence-added", "3"), (order.Timeline[^1].Kind, order.Timeline[^1].Data["bytes"]));
        Assert.Equal("evidence.no-open-dispute",
            Expect.Violation(() => AnOrder.Shipped(At).AttachDisputeEvidence(AnOrder.Buyer, file, At)).Code);
    }

    [Fact]
    public void SellerSilence_AcceptsTheRequest_PartRefunded_AndTheBuyerKeepsTheItem()
    {
        var order = AnOrder.WithOpenDispute(At);

        order.CatchUp(At + P.SellerDisputeResponse, Rules);

        Assert.Equal(DisputeStatus.Settled, order.Dispute!.Status);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("dispute", 1_000L), (refund.Cause, refund.AmountMinor));
        Assert.Equal(OrderOutcome.Received, order.Outcome);
        Assert.Equal(AnOrder.TotalMinor - 1_000, order.EscrowMinor);
    }

    [Fact]
    public void SellerAcceptsAFullRequest_TheOrderEndsRefundedInDispute()
    {
        var order = AnOrder.Shipped(At - P.DisputeOpensAfterShipment);
        order.OpenDispute(AnOrder.Buyer, "NotReceived", "Nothing came", AnOrder.TotalMinor, false, At, Rules);

        order.AnswerDispute(AnOrder.Seller, OrderAction.AcceptDispute, null, null, At + TimeSpan.FromHours(1), Rules);

        Assert.Equal(OrderOutcome.RefundedInDispute, order.Outcome);
        Assert.Equal(0, order.EscrowMinor);
        Assert.Equal(AnOrder.TotalMinor, Assert.Single(order.Refunds).AmountMinor);
    }

    [Fact]
    public void BuyerAcceptsTheSellersProposal_ThatAmountIsRefunded()
    {
        var order = AnOrder.WithOpenDispute(At);
        order.AnswerDispute(AnOrder.Seller, OrderAction.ProposeDisputeAmount, 400, "Half of the item", At + TimeSpan.FromHours(1), Rules);

        order.AcceptDisputeProposal(AnOrder.Buyer, At + TimeSpan.FromHours(2), Rules);

        Assert.Equal(DisputeStatus.Settled, order.Dispute!.Status);
        Assert.Equal(400, Assert.Single(order.Refunds).AmountMinor);
        Assert.Equal(OrderOutcome.Received, order.Outcome);
    }

    [Fact]
    public void AnUnsettledDispute_EscalatesByItself_AndTheAdminsRulingOfNoRefundEndsIt()
    {
        var order = AnOrder.WithOpenDispute(At);
        order.AnswerDispute(AnOrder.Seller, OrderAction.RejectDispute, null, "As described", At + TimeSpan.FromHours(1), Rules);

        order.CatchUp(At + P.NegotiationWindow, Rules);
        Assert.Equal(DisputeStatus.Escalated, order.Dispute!.Status);
        Assert.Equal(OrderState.Shipped, order.State);

        order.RuleDispute(AnOrder.Admin, 0, "The photos show the item as described", At + P.NegotiationWindow + TimeSpan.FromHours(1), Rules);

        Assert.Equal(DisputeStatus.Settled, order.Dispute.Status);
        Assert.Empty(order.Refunds);
        Assert.Equal(OrderOutcome.Received, order.Outcome);
    }

    [Fact]
    public void AnOpenDispute_HoldsTheEndOfBuyerProtection_WhichResumesNotInThePastOnWithdrawal()
    {
        var order = AnOrder.WithOpenDispute(At);
        var protectionEnds = order.ProtectionEndsAt!.Value;
        order.AnswerDispute(AnOrder.Seller, OrderAction.RejectDispute, null, "As described", At + TimeSpan.FromHours(1), Rules);
        order.EscalateDispute(AnOrder.Buyer, At + TimeSpan.FromHours(2), Rules);
        var later = protectionEnds + TimeSpan.FromDays(1);

        Assert.Equal(0, order.CatchUp(later, Rules));
        Assert.Equal(OrderState.Shipped, order.State);
        Assert.DoesNotContain(order.PendingDeadlines(), d => d.Kind == DeadlineKind.BuyerProtection);

        order.WithdrawDispute(AnOrder.Buyer, later, Rules);
        Assert.Equal(later, order.ProtectionEndsAt);
        order.CatchUp(later, Rules);
        Assert.Equal(OrderOutcome.Received, order.Outcome);
    }

    [Fact]
    public void ASettlementWithReturn_LapsesWithoutRefund_WhenTheItemIsNotShippedBackInTime()
    {
        var order = AnOrder.AwaitingReturn(At);
        Assert.Contains(order.PendingDeadlines(), d => d.Kind == DeadlineKind.ReturnShipWindow && d.At == At + P.ReturnShipWindow);

        order.CatchUp(At + P.ReturnShipWindow, Rules);

        Assert.Equal(DisputeStatus.ReturnLapsed, order.Dispute!.Status);
        Assert.Empty(order.Refunds);
        Assert.Equal(OrderOutcome.Received, order.Outcome);
    }

    [Fact]
    public void AReturnMarkedDelivered_IsAcceptedAutomatically_AndTheSettledRefundPaid()
    {
        var order = AnOrder.ReturnShipped(At);
        var deliveredAt = At + TimeSpan.FromDays(3);
        order.MarkReturnDelivered(AnOrder.Buyer, deliveredAt, Rules);
        Assert.Equal(0, order.CatchUp(deliveredAt + P.ReturnAutoAccept - TimeSpan.FromMinutes(1), Rules));
        Assert.Empty(order.Refunds);

        order.CatchUp(deliveredAt + P.ReturnAutoAccept, Rules);

        Assert.Equal(DisputeStatus.Settled, order.Dispute!.Status);
        Assert.Equal(("dispute", 1_000L), (Assert.Single(order.Refunds).Cause, order.Refunds[0].AmountMinor));
    }
}
