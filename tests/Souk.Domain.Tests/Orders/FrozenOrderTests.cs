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
}
