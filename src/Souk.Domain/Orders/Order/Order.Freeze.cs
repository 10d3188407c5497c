using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Freeze: an investigation of the store freezes the order, clearing the store thaws it (every countdown moved on by
// the frozen time), blocking it annuls the order with a refund of what escrow holds.
public sealed partial class Order
{
    /// <summary>
    /// An investigation of the store freezes orders with money held (paid, not yet released or refunded), whatever their
    /// main state — a received order whose escrow waits for the end of <c>DisputeWindowAfterCompletion</c> too: no
    /// cancellation request, no deletion, no protection extension, no automatic closing or escrow release while frozen
    /// (spec §3, Complaints). Unpaid orders are not frozen. Returns whether this order was frozen.
    /// </summary>
    public bool Freeze(Actor actor, DateTimeOffset now)
    {
        if (IsFrozen || Payment is null || EscrowMinor <= 0 || MoneyState == MoneyState.ReleasedToSeller) return false;
        FrozenSince = now;
        Record(now, "order.frozen", actor);
        RecomputeNextDeadline();
        return true;
    }

    /// <summary>The store was cleared: the order carries on, every countdown moved on by the time it was frozen.</summary>
    public void Unfreeze(Actor actor, DateTimeOffset now)
    {
        if (FrozenSince is not { } since) return;
        var by = now - since;
        FrozenSince = null;
        ShiftDeadlines(by);
        Record(now, "order.unfrozen", actor, ("frozenFor", by.ToString("c", System.Globalization.CultureInfo.InvariantCulture)));
        RecomputeNextDeadline();
    }

    /// <summary>
    /// The store was blocked: a frozen or unpaid order ends <c>Completed(Annulled)</c> with a refund of everything escrow
    /// still holds, so none of it ever reaches the store. That includes a frozen received order: the buyer keeps the item
    /// and gets the held money back (it was delivered, so no stock goes back). A frozen order that holds nothing any more
    /// (a dispute refunded it in full while frozen) keeps its outcome and is only thawed. Returns whether it was annulled.
    /// </summary>
    public bool Annul(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        if (!IsFrozen && State != OrderState.AwaitingPayment) return false;
        if (State == OrderState.Completed && EscrowMinor <= 0)
        {
            Unfreeze(actor, now);
            return false;
        }
        FrozenSince = null;
        if (Dispute is { IsOpen: true } d) d.Close(DisputeStatus.Withdrawn, now);
        // Requests still waiting for an answer end with the order, or their countdowns would fire on a closed order.
        if (Cancellation is { IsOpen: true }) Cancellation.End(CancellationRequestStatus.ClosedByAnnulment, now);
        if (HandlingExtension is { IsPending: true }) HandlingExtension.End(ExtensionStatus.Lapsed, now);
        Record(now, "order.annulled", actor);
        Complete(OrderOutcome.Annulled, now, Responsibility.Seller, rules);
        EscrowReleaseAt = null;
        IssueFullRefund("annulled", now, rules);
        RecomputeNextDeadline();
        return true;
    }
}
