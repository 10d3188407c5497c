namespace Souk.Domain.Orders;

[Flags]
public enum Audience
{
    None = 0,
    Buyer = 1,
    Seller = 2,
    Both = Buyer | Seller,
}

/// <summary>
/// Whom each timeline event concerns (spec §7): they get an in-app notification, except the person who caused it.
/// Events nobody needs to hear about (placing, deleting, restoring) notify no one.
/// </summary>
public static class EventAudience
{
    public static Audience Of(string kind) => kind switch
    {
        "cancellation.requested" => Audience.Seller,
        "cancellation.approved" or "cancellation.auto-approved" or "cancellation.refused" or "cancellation.superseded-by-shipment" => Audience.Buyer,
        "order.cancelled" or "order.cancelled-instantly" or "order.receipt-confirmed" or "escrow.released" => Audience.Seller,
        "order.shipped" or "tracking.event-added" or "order.expired-unpaid" or "payment.rejected" or "payment.review-timed-out" => Audience.Buyer,
        "payment.confirmed" or "order.closed-not-shipped" or "order.receipt-auto-confirmed" or "order.received-after-dispute" => Audience.Both,
        "handling-extension.requested" => Audience.Buyer,
        "handling-extension.accepted" or "handling-extension.declined" or "handling.extended" => Audience.Seller,
        "protection-extension.requested" => Audience.Seller,
        "protection-extension.accepted" or "protection-extension.declined" or "protection-extension.declined-by-silence" => Audience.Buyer,
        "refund.created" or "refund.stage-changed" or "refund.redirected-to-balance" or "refund.overdue" or "refund.case-resolved" => Audience.Buyer,
        "dispute.opened" or "dispute.proposal-accepted" or "dispute.withdrawn" => Audience.Seller,
        "dispute.accepted" or "dispute.accepted-by-silence" or "dispute.amount-proposed" or "dispute.rejected" => Audience.Buyer,
        "dispute.escalated" or "dispute.escalated-automatically" or "dispute.ruled" or "dispute.settled" or "dispute.evidence-added" => Audience.Both,
        "return.awaited" => Audience.Buyer,
        "return.shipped" or "return.delivered" => Audience.Seller,
        "return.received" or "return.accepted-automatically" or "return.lapsed" => Audience.Both,
        "message.sent" => Audience.Both,
        "warning.payment-window" or "warning.buyer-protection" or "warning.return-ship-window" => Audience.Buyer,
        "warning.handling" or "warning.seller-cancel-response" or "warning.dispute-seller-response" => Audience.Seller,
        _ => Audience.None,
    };
}
