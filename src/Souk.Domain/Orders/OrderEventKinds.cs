namespace Souk.Domain.Orders;

/// <summary>
/// The catalogue of order events (spec §7), one row per kind: every kind an order's timeline can hold, plus
/// <c>message.sent</c> for the order's message thread; whom it concerns (<see cref="Audience"/>: they get a notification,
/// except the person who caused it); and whether it is the buyer's own housekeeping, which a store is never told
/// about (store webhooks never receive it; platform webhooks do). Integrators subscribe webhooks to these names, so
/// they are stable; the domain's property test checks that no verb records a kind missing here, and Souk.Web's
/// <c>OrderEventTexts</c> has the words of each (a test fails when a kind lacks them).
/// </summary>
public static class OrderEventKinds
{
    public const string MessageSent = "message.sent";

    public static readonly IReadOnlyList<EventKind> Catalogue =
    [
        new("order.placed",                                Audience.None),
        new("order.paid",                                  Audience.None),

        new("payment.confirmed",                           Audience.Both),
        new("payment.rejected",                            Audience.Buyer),
        new("payment.review-timed-out",                    Audience.Buyer),

        new("order.expired-unpaid",                        Audience.Buyer),
        new("order.cancelled",                             Audience.Seller),
        new("order.cancelled-instantly",                   Audience.Seller),

        new("cancellation.requested",                      Audience.Seller),
        new("cancellation.approved",                       Audience.Buyer),
        new("cancellation.auto-approved",                  Audience.Buyer),
        new("cancellation.refused",                        Audience.Buyer),
        new("cancellation.superseded-by-shipment",         Audience.Buyer),

        new("handling-extension.requested",                Audience.Buyer),
        new("handling-extension.accepted",                 Audience.Seller),
        new("handling-extension.declined",                 Audience.Seller),

        new("handling.extended",                           Audience.Seller),

        new("order.closed-not-shipped",                    Audience.Both),
        new("order.shipped",                               Audience.Buyer),

        new("tracking.event-added",                        Audience.Buyer),

        new("order.receipt-confirmed",                     Audience.Seller),
        new("order.receipt-auto-confirmed",                Audience.Both),
        new("order.received-after-dispute",                Audience.Both),

        new("protection-extension.requested",              Audience.Seller),
        new("protection-extension.accepted",               Audience.Buyer),
        new("protection-extension.declined",               Audience.Buyer),
        new("protection-extension.declined-by-silence",    Audience.Buyer),

        new("refund.created",                              Audience.Buyer),
        new("refund.stage-changed",                        Audience.Buyer),
        new("refund.redirected-to-balance",                Audience.Buyer),
        new("refund.overdue",                              Audience.Buyer),
        new("refund.reported-missing",                     Audience.None),
        new("refund.case-resolved",                        Audience.Buyer),

        new("escrow.released",                             Audience.Seller),

        new("dispute.opened",                              Audience.Seller),
        new("dispute.accepted",                            Audience.Buyer),
        new("dispute.accepted-by-silence",                 Audience.Buyer),
        new("dispute.amount-proposed",                     Audience.Buyer),
        new("dispute.rejected",                            Audience.Buyer),
        new("dispute.proposal-accepted",                   Audience.Seller),
        new("dispute.withdrawn",                           Audience.Seller),
        new("dispute.escalated",                           Audience.Both),
        new("dispute.escalated-automatically",             Audience.Both),
        new("dispute.ruled",                               Audience.Both),
        new("dispute.settled",                             Audience.Both),
        new("dispute.evidence-added",                      Audience.Both),

        new("return.awaited",                              Audience.Buyer),
        new("return.shipped",                              Audience.Seller),
        new("return.delivered",                            Audience.Seller),
        new("return.received",                             Audience.Both),
        new("return.accepted-automatically",               Audience.Both),
        new("return.lapsed",                               Audience.Both),

        new("order.frozen",                                Audience.None),
        new("order.unfrozen",                              Audience.None),
        new("order.annulled",                              Audience.None),
        new("order.moved-to-deleted",                      Audience.None, BuyerPrivate: true),
        new("order.restored",                              Audience.None, BuyerPrivate: true),
        new("order.permanently-deleted",                   Audience.None, BuyerPrivate: true),

        new("warning.payment-window",                      Audience.Buyer),
        new("warning.handling",                            Audience.Seller),
        new("warning.seller-cancel-response",              Audience.Seller),
        new("warning.buyer-protection",                    Audience.Buyer),
        new("warning.dispute-seller-response",             Audience.Seller),
        new("warning.return-ship-window",                  Audience.Buyer),

        new(MessageSent,                                   Audience.Both),
    ];

    /// <summary>The kinds' names, in the catalogue's order.</summary>
    public static readonly IReadOnlyList<string> All = Catalogue.Select(k => k.Name).ToList();

    private static readonly Dictionary<string, EventKind> ByName = Catalogue.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static EventKind? Find(string kind) => ByName.GetValueOrDefault(kind);

    /// <summary>The buyer's own housekeeping (moving to Deleted orders and back, deleting for good).</summary>
    public static bool IsBuyerPrivate(string kind) => Find(kind)?.BuyerPrivate == true;

    public static bool IsKnown(string kind) => ByName.ContainsKey(kind);

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

/// <summary>An event kind's row: its stable name, whom it concerns, and whether only the buyer and the platform hear of it.</summary>
public sealed record EventKind(string Name, Audience Audience, bool BuyerPrivate = false);
