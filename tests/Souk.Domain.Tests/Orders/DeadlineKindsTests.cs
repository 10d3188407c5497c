using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>
/// The one list of deadline kinds (<c>Order.DeadlineKinds.cs</c>): every kind has its row, and every countdown of the order
/// and its parts is moved on when the order thaws and stopped when it completes. A new kind
/// fails here until it has its row and an order on which it is pending below.
/// </summary>
public class DeadlineKindsTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;
    private static readonly DateTimeOffset At = AnOrder.Start;
    private static readonly TimeSpan FrozenFor = TimeSpan.FromHours(5);

    /// <summary>For each kind kept by the order or a part, an order on which that kind is pending.</summary>
    private static readonly Dictionary<DeadlineKind, Func<DateTimeOffset, Order>> PendingOn = new()
    {
        [DeadlineKind.PaymentWindow] = at => AnOrder.Placed(at),
        [DeadlineKind.ReviewAnswer] = at => AnOrder.Paid(at),
        [DeadlineKind.ReviewTimeout] = at => AnOrder.Paid(at),
        [DeadlineKind.Handling] = at => AnOrder.Confirmed(at),
        [DeadlineKind.SellerCancelResponse] = at => AnOrder.WithOpenCancellationRequest(at),
        [DeadlineKind.ProtectionExtensionResponse] = at => AnOrder.WithPendingProtectionExtension(at),
        [DeadlineKind.DisputeSellerResponse] = at => AnOrder.WithOpenDispute(at),
        [DeadlineKind.DisputeAutoEscalation] = at => AnOrder.WithOpenDispute(at),
        [DeadlineKind.ReturnShipWindow] = at => AnOrder.AwaitingReturn(at),
        [DeadlineKind.ReturnAutoAccept] = at => ReturnDelivered(at),
        [DeadlineKind.BuyerProtection] = at => AnOrder.Shipped(at),
        [DeadlineKind.EscrowRelease] = at => AnOrder.Received(at),
    };

    /// <summary>The kinds kept by the order or a part. A refund's stages run on while frozen and the warnings follow the deadlines they warn of.</summary>
    public static TheoryData<DeadlineKind> Countdowns() =>
        new(Order.DeadlineKinds().Where(r => r.HeldBy is DeadlineHeldBy.Order or DeadlineHeldBy.Part).Select(r => r.Kind));

    [Fact]
    public void EveryKind_HasExactlyOneRow_WithANameOfItsOwn()
    {
        var rows = Order.DeadlineKinds().ToList();
        Assert.Equal(Enum.GetValues<DeadlineKind>(), rows.Select(r => r.Kind));
        Assert.Equal(rows.Count, rows.Select(r => r.Name).Distinct().Count());
        Assert.All(rows, r => Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Name));
        Assert.All(rows, r => Assert.Equal(r.Name, Order.DeadlineName(r.Kind)));
        // Only what a person must act before is warned about, and never a warning itself.
        Assert.All(rows.Where(r => r.Warned), r => Assert.Contains(r.HeldBy, new[] { DeadlineHeldBy.Order, DeadlineHeldBy.Part }));
    }

    [Theory]
    [MemberData(nameof(Countdowns))]
    public void EveryCountdownOfTheOrderOrAPart_MovesOnByTheFrozenTime(DeadlineKind kind)
    {
        var (order, due) = WithPending(kind);
        if (kind == DeadlineKind.PaymentWindow)
        {
            // Unpaid orders are never frozen (spec §3, Complaints), so their payment window never needs moving on.
            Assert.False(order.Freeze(Actor.System, At));
            return;
        }
        Assert.True(order.Freeze(Actor.System, At));
        Assert.DoesNotContain(order.PendingDeadlines(), d => d.Kind == kind);
        order.Unfreeze(Actor.System, At + FrozenFor);

        Assert.Equal(due + FrozenFor, DueOf(order, kind));
    }

    [Theory]
    [MemberData(nameof(Countdowns))]
    public void EveryCountdownOfTheOrderOrAPart_StopsWhenTheBlockedStoresOrderCompletes(DeadlineKind kind)
    {
        // Blocking the store completes the order (Annulled) whatever it was doing, paid or not: completion clears the
        // stored countdowns and lapses the protection request; annulling ends the cancellation request and the dispute.
        var (order, _) = WithPending(kind);
        order.Freeze(Actor.System, At);
        Assert.True(order.Annul(Actor.System, At + FrozenFor, Rules));

        Assert.Equal(OrderState.Completed, order.State);
        Assert.DoesNotContain(order.PendingDeadlines(), d => d.Kind == kind);
        if (kind == DeadlineKind.ProtectionExtensionResponse) Assert.Equal(ExtensionStatus.Lapsed, order.ProtectionExtension!.Status);
    }

    private static (Order Order, DateTimeOffset Due) WithPending(DeadlineKind kind)
    {
        Assert.True(PendingOn.ContainsKey(kind), $"{kind}: add an order on which it is pending to {nameof(PendingOn)}");
        var order = PendingOn[kind](At);
        return (order, DueOf(order, kind));
    }

    private static Order ReturnDelivered(DateTimeOffset at)
    {
        var order = AnOrder.ReturnShipped(at - TimeSpan.FromDays(1));
        order.MarkReturnDelivered(AnOrder.Buyer, at, Rules);
        return order;
    }

    private static DateTimeOffset DueOf(Order order, DeadlineKind kind)
    {
        var pending = order.PendingDeadlines().Where(d => d.Kind == kind).ToList();
        Assert.True(pending.Count == 1, $"{kind} should be pending once on its order, found {pending.Count}");
        return pending[0].At;
    }
}
