using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

/// <summary>
/// The effects the commit step reports to metrics: each fired deadline with its own due time (so a late sweep's lag
/// can be measured), and each refund stage with how long the refund stayed in it.
/// </summary>
public class ObservedEffectsTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void ALateCatchUp_ReportsEachFiredDeadline_AtItsDueTime()
    {
        var order = AnOrder.Placed(AnOrder.Start);
        var dueAt = AnOrder.Start + AnOrder.Policy.PaymentWindow;

        order.CatchUp(dueAt + TimeSpan.FromHours(3), Rules);

        Assert.Equal(new DeadlineFired(DeadlineKind.PaymentWindow, dueAt), Assert.Single(order.Effects.OfType<DeadlineFired>()));
    }

    [Fact]
    public void ARefundPassingItsStages_ReportsHowLongEachStageTook_ByMethod()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt, PaymentMethod.EWallet);
        var closedAt = confirmedAt + TimeSpan.FromDays(AnOrder.HandlingDays);
        order.ClearEffects();

        // The seller never ships: the order closes with a refund, which then passes both stages.
        order.CatchUp(closedAt + TimeSpan.FromDays(60), Rules);

        var refund = Assert.Single(order.Refunds);
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        var stages = order.Effects.OfType<RefundStageEnded>().ToList();
        Assert.Equal(
            [
                new RefundStageEnded(PaymentMethod.EWallet, RefundStage.AwaitingRefund, refund.ProcessingAt!.Value - refund.CreatedAt),
                new RefundStageEnded(PaymentMethod.EWallet, RefundStage.Processing, refund.RefundedAt!.Value - refund.ProcessingAt.Value),
            ], stages);
        Assert.Equal(closedAt, refund.CreatedAt);
        Assert.Contains(new DeadlineFired(DeadlineKind.Handling, closedAt), order.Effects.OfType<DeadlineFired>());
    }
}
