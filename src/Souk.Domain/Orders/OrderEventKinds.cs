namespace Souk.Domain.Orders;

/// <summary>
/// The catalogue of order events (spec §7): every kind an order's timeline can hold, plus <c>message.sent</c> for the
/// order's message thread. Integrators subscribe webhooks to these names, so they are stable; the domain's property
/// test checks that no verb records a kind missing here.
/// </summary>
public static class OrderEventKinds
{
    public const string MessageSent = "message.sent";

    public static readonly IReadOnlyList<string> All =
    [
        "order.placed", "order.paid", "payment.confirmed", "payment.rejected", "payment.review-timed-out", "order.expired-unpaid",
        "order.cancelled", "order.cancelled-instantly",
        "cancellation.requested", "cancellation.approved", "cancellation.auto-approved", "cancellation.refused", "cancellation.superseded-by-shipment",
        "handling-extension.requested", "handling-extension.accepted", "handling-extension.declined", "handling.extended",
        "order.closed-not-shipped", "order.shipped", "tracking.event-added",
        "order.receipt-confirmed", "order.receipt-auto-confirmed", "order.received-after-dispute",
        "protection-extension.requested", "protection-extension.accepted", "protection-extension.declined", "protection-extension.declined-by-silence",
        "refund.created", "refund.stage-changed", "refund.redirected-to-balance", "refund.overdue", "refund.reported-missing", "refund.case-resolved",
        "escrow.released",
        "dispute.opened", "dispute.accepted", "dispute.accepted-by-silence", "dispute.amount-proposed", "dispute.rejected", "dispute.proposal-accepted",
        "dispute.withdrawn", "dispute.escalated", "dispute.escalated-automatically", "dispute.ruled", "dispute.settled", "dispute.evidence-added",
        "return.awaited", "return.shipped", "return.delivered", "return.received", "return.accepted-automatically", "return.lapsed",
        "order.frozen", "order.unfrozen", "order.annulled",
        "order.moved-to-deleted", "order.restored", "order.permanently-deleted",
        "warning.payment-window", "warning.handling", "warning.seller-cancel-response", "warning.buyer-protection",
        "warning.dispute-seller-response", "warning.return-ship-window",
        MessageSent,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>
    /// The buyer's own housekeeping: a store is not told when a buyer tidies an order into "Deleted orders" or back,
    /// so store webhooks never receive these (platform webhooks do).
    /// </summary>
    public static bool IsBuyerPrivate(string kind) => kind is "order.moved-to-deleted" or "order.restored" or "order.permanently-deleted";

    public static bool IsKnown(string kind) => Known.Contains(kind);

    /// <summary>
    /// A subscription is <c>*</c> (everything), a group such as <c>dispute.*</c>, or one kind. Returns false for a
    /// pattern that matches no kind, so a typo is refused instead of silently receiving nothing.
    /// </summary>
    public static bool IsValidSubscription(string pattern) => pattern == "*" || All.Any(kind => Matches(pattern, kind));

    public static bool Matches(string pattern, string kind) =>
        pattern == "*"
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && kind.StartsWith(pattern[..^1], StringComparison.Ordinal))
        || pattern == kind;
}
