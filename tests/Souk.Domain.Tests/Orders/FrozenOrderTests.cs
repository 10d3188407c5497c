using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

/// <summary>Orders frozen by a store investigation (spec §3): countdowns wait, refunds already on their way go on, and
/// thawing moves every countdown on by the frozen time; annulling refunds in full.</summary>
public class FrozenOrderTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void FrozenOrder_DoesNotClose_AndThawsWithItsCountdownsMovedOn()
    {
        var at = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(at);
        var handlingDue = order.HandlingDueAt!.Value;
        var respondBy = order.Cancellation!.RespondBy;
        Assert.True(order.Freeze(Actor.System, at));
        Assert.Equal("order.frozen", OrderActions.Check(order, OrderAction.ApproveCancellation, at, Rules).Refusal?.Code);

        Assert.Equal(0, order.CatchUp(at + TimeSpan.FromDays(10), Rules));
        Assert.Equal(OrderState.AwaitingShipment, order.State);

        order.Unfreeze(Actor.System, at + TimeSpan.FromDays(10));
        Assert.Equal(handlingDue + TimeSpan.FromDays(10), order.HandlingDueAt);
        Assert.Equal(respondBy + TimeSpan.FromDays(10), order.Cancellation.RespondBy);
        Assert.False(order.IsFrozen);
    }

    [Fact]
    public void FrozenOrder_ListsEachPausedDeadline_WithTheTimeItHadLeft_AndTheRefundStagesStillRun()
    {
        var at = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(at);
        order.RefundPart(AnOrder.Seller, 100, "Missing part", at, Rules);
        var handlingDue = order.HandlingDueAt!.Value;
        var respondBy = order.Cancellation!.RespondBy;
        Assert.Empty(order.PausedDeadlines());
        var frozenAt = at + TimeSpan.FromHours(5);
        order.Freeze(Actor.System, frozenAt);

        order.CatchUp(frozenAt + TimeSpan.FromDays(2), Rules);
        Assert.Equal([(DeadlineKind.SellerCancelResponse, respondBy - frozenAt), (DeadlineKind.Handling, handlingDue - frozenAt)],
            order.PausedDeadlines());
        // The pending list keeps only what still happens while frozen: the refund's stages.
        Assert.All(order.PendingDeadlines(), d => Assert.Equal(DeadlineKind.RefundStage, d.Kind));

        order.Unfreeze(Actor.System, frozenAt + TimeSpan.FromDays(2));
        Assert.Empty(order.PausedDeadlines());
        Assert.Equal(frozenAt + TimeSpan.FromDays(2) + (handlingDue - frozenAt), order.HandlingDueAt);
    }

    [Fact]
    public void UnpaidOrders_AreNotFrozen_AndAnnullingRefundsWhatIsHeld()
    {
        var at = AnOrder.Start;
        Assert.False(AnOrder.Placed(at).Freeze(Actor.System, at));

        var order = AnOrder.Confirmed(at);
        order.Freeze(Actor.System, at);
        Assert.True(order.Annul(Actor.System, at + TimeSpan.FromDays(1), Rules));
        Assert.Equal(OrderOutcome.Annulled, order.Outcome);
        Assert.Equal(order.TotalMinor, order.Refunds.Single().AmountMinor);
        Assert.Equal(0, order.EscrowMinor);

        // Refunds already on their way are not held by a freeze.
        var refunding = AnOrder.Confirmed(at);
        refunding.RefundPart(AnOrder.Seller, 100, "Missing part", at, Rules);
        refunding.Freeze(Actor.System, at);
        refunding.CatchUp(at + TimeSpan.FromDays(30), Rules);
        Assert.Equal(RefundStage.Refunded, refunding.Refunds.Single().Stage);
        Assert.Equal(OrderState.AwaitingShipment, refunding.State);
    }

    [Fact]
    public void ReceivedOrderWaitingForRelease_FreezesAndWaits_AndAnnullingRefundsWhatEscrowStillHolds()
    {
        var at = AnOrder.Start;
        var order = AnOrder.Received(at);
        order.RefundPart(AnOrder.Seller, 100, "Scratched lid", at, Rules);
        var releaseAt = order.EscrowReleaseAt!.Value;
        Assert.True(order.Freeze(Actor.System, at + TimeSpan.FromHours(1)));
        Assert.Equal("order.frozen", OrderActions.Check(order, OrderAction.Delete, at, Rules).Refusal?.Code);

        // The release date passes while frozen: the money stays held (only the refund already on its way moves).
        order.CatchUp(releaseAt + TimeSpan.FromDays(10), Rules);
        Assert.Equal(MoneyState.PartlyRefunded, order.MoneyState);
        Assert.Equal(order.TotalMinor - 100, order.EscrowMinor);

        order.ClearEffects();
        Assert.True(order.Annul(Actor.System, releaseAt + TimeSpan.FromDays(10), Rules));
        Assert.Equal(OrderOutcome.Annulled, order.Outcome);
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
        Assert.Equal(order.TotalMinor - 100, order.Refunds.Single(r => r.Cause == "annulled").AmountMinor);
        Assert.Equal(0, order.EscrowMinor);
        Assert.Null(order.EscrowReleaseAt);
        Assert.DoesNotContain(order.Effects, e => e is StockReleased); // delivered: nothing goes back on the shelf
        Assert.DoesNotContain(order.Ledger, e => e.Account == LedgerAccount.SellerPayable);
        Assert.All(order.Ledger.GroupBy(e => e.TransactionKey), t => Assert.Equal(0, t.Sum(e => e.AmountMinor)));
        Assert.False(order.IsFrozen);
        order.CatchUp(releaseAt + TimeSpan.FromDays(60), Rules);
        Assert.DoesNotContain(order.Ledger, e => e.Account == LedgerAccount.SellerPayable);
    }

    [Fact]
    public void ReceivedOrderThawed_ReleasesEscrowAtItsShiftedTime()
    {
        var at = AnOrder.Start;
        var order = AnOrder.Received(at);
        var releaseAt = order.EscrowReleaseAt!.Value;
        order.Freeze(Actor.System, at);
        order.CatchUp(releaseAt + TimeSpan.FromDays(5), Rules);
        order.Unfreeze(Actor.System, at + TimeSpan.FromDays(20));

        Assert.Equal(releaseAt + TimeSpan.FromDays(20), order.EscrowReleaseAt);
        order.CatchUp(releaseAt + TimeSpan.FromDays(20) - TimeSpan.FromMinutes(1), Rules);
        Assert.Equal(MoneyState.Held, order.MoneyState);
        order.CatchUp(releaseAt + TimeSpan.FromDays(20), Rules);
        Assert.Equal(MoneyState.ReleasedToSeller, order.MoneyState);
    }

    [Fact]
    public void DisputeOnAFrozenOrder_CarriesOn_AndAnOrderLeftHoldingNothingIsOnlyThawedWhenBlocked()
    {
        var at = AnOrder.Start;
        var order = AnOrder.Received(at);
        order.OpenDispute(AnOrder.Buyer, "NotAsDescribed", "Wrong colour", order.TotalMinor, false, at, Rules);
        order.Freeze(Actor.System, at + TimeSpan.FromHours(1));
        order.AnswerDispute(AnOrder.Seller, OrderAction.AcceptDispute, null, null, at + TimeSpan.FromHours(2), Rules);
        Assert.Equal(OrderOutcome.RefundedInDispute, order.Outcome);
        Assert.Equal(0, order.EscrowMinor);

        Assert.False(order.Annul(Actor.System, at + TimeSpan.FromDays(1), Rules));
        Assert.Equal(OrderOutcome.RefundedInDispute, order.Outcome);
        Assert.False(order.IsFrozen);
    }

    [Fact]
    public void AnnullingEndsARequestStillWaiting_SoItsCountdownNeverFiresOnTheClosedOrder()
    {
        var at = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(at);
        order.Freeze(Actor.System, at);
        order.Annul(Actor.System, at + TimeSpan.FromDays(1), Rules);
        Assert.Equal(CancellationRequestStatus.ClosedByAnnulment, order.Cancellation!.Status);

        order.CatchUp(at + TimeSpan.FromDays(30), Rules);
        Assert.Equal(OrderOutcome.Annulled, order.Outcome);
        Assert.Null(order.NextDeadlineAt);
    }
}
