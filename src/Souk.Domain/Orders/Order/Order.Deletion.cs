using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Deletion: the buyer moving a completed order to "Deleted orders", restoring it, and deleting it for good.
public sealed partial class Order
{
    /// <summary>Moves a completed order to the buyer's "Deleted orders"; the seller and admins still see it.</summary>
    public void MoveToDeleted(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.Delete, now, rules);
        Deleted = DeletedMark.Deleted;
        DeletedAt = now;
        Record(now, "order.moved-to-deleted", actor);
    }

    public void Restore(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.Restore, now, rules);
        Deleted = DeletedMark.None;
        DeletedAt = null;
        Record(now, "order.restored", actor);
    }

    /// <summary>Gone for the buyer for good: never restored, viewed or disputed again. Needs an explicit confirmation.</summary>
    public void DeletePermanently(Actor actor, bool confirmed, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.DeletePermanently, now, rules);
        if (!confirmed) throw RuleViolation.Invalid("delete-permanently.confirmation-required", "confirm").ToException();
        Deleted = DeletedMark.PermanentlyDeleted;
        DeletedAt = now;
        Record(now, "order.permanently-deleted", actor);
    }
}
