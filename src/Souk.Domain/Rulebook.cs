using Souk.Domain.Payments;
using Souk.Domain.Orders;

namespace Souk.Domain;

/// <summary>What the order rules read besides the order and the time: the policy, the reason table, the refund timings.</summary>
public sealed record Rulebook(Policy Policy, CancelReasonTable Reasons, RefundTimings RefundTimings)
{
    public static Rulebook Default { get; } = new(new Policy(), CancelReasonTable.Default, new RefundTimings());
}
