using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Cancellation: the instant cancel and the buyer's request to the seller, its approval and refusal, and the reason
// check. The seller's silence (SellerCancelResponse) fires here too.
public sealed partial class Order
{
    /// <summary>
    /// Cancels at once: an unpaid order (always) or a paid one during the instant-cancel window (full refund,
    /// no seller involved).
    /// </summary>
    public void Cancel(Actor actor, string reasonCode, string? comment, DateTimeOffset now, Rulebook rules)
    {
        comment = TextLimits.Clean(comment, "comment", TextLimits.CancellationComment);
        Require(OrderAction.Cancel, now, rules);
        var reason = RequireReason(reasonCode, comment, rules);
        var wasPaid = Payment is not null;
        Record(now, wasPaid ? "order.cancelled-instantly" : "order.cancelled", actor, ("reason", reason.Code), ("comment", comment));
        Complete(OrderOutcome.CancelledByBuyer, now, reason.CountsAgainst, rules);
        if (wasPaid) IssueFullRefund("cancellation", now, rules);
        RecomputeNextDeadline();
    }

    /// <summary>Asks the seller to cancel a paid, confirmed order. The seller has SellerCancelResponse to answer; silence approves.</summary>
    public void RequestCancellation(Actor actor, string reasonCode, string? comment, DateTimeOffset now, Rulebook rules)
    {
        comment = TextLimits.Clean(comment, "comment", TextLimits.CancellationComment);
        Require(OrderAction.RequestCancellation, now, rules);
        var reason = RequireReason(reasonCode, comment, rules);
        Cancellation = new CancellationRequest(reason.Code, comment, reason.CountsAgainst, now, now + rules.Policy.SellerCancelResponse);
        Record(now, "cancellation.requested", actor, ("reason", reason.Code), ("comment", comment),
            ("respondBy", Cancellation.RespondBy.ToString("O")));
        RecomputeNextDeadline();
    }

    /// <summary>The seller agrees: the order is cancelled with a full refund. <paramref name="sellerAtFault"/> makes it count against the seller.</summary>
    public void ApproveCancellation(Actor actor, bool sellerAtFault, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ApproveCancellation, now, rules);
        var against = sellerAtFault ? Responsibility.Seller : Cancellation!.CountsAgainst;
        Cancellation!.End(CancellationRequestStatus.Approved, now, null, against);
        Record(now, "cancellation.approved", actor, ("sellerAtFault", sellerAtFault ? "true" : "false"));
        CloseWithRefund(OrderOutcome.CancelledByBuyer, "cancellation", against, now, rules);
    }

    /// <summary>The seller refuses, with a message to the buyer; the buyer may ask again.</summary>
    public void RefuseCancellation(Actor actor, string? message, DateTimeOffset now, Rulebook rules)
    {
        message = TextLimits.Clean(message, "message", TextLimits.SellerMessage);
        Require(OrderAction.RefuseCancellation, now, rules);
        if (string.IsNullOrWhiteSpace(message))
            throw RuleViolation.Invalid("refuse-cancellation.message-required", "message").ToException();
        Cancellation!.End(CancellationRequestStatus.Refused, now, message);
        Record(now, "cancellation.refused", actor, ("message", message));
        RecomputeNextDeadline();
    }

    private static CancelReason RequireReason(string code, string? comment, Rulebook rules)
    {
        var reason = rules.Reasons.Find(code)
            ?? throw RuleViolation.Invalid("cancel.unknown-reason", "reason", ("reason", code),
                ("allowed", string.Join(", ", rules.Reasons.All.Select(r => r.Code)))).ToException();
        if (reason.RequiresComment && string.IsNullOrWhiteSpace(comment))
            throw RuleViolation.Invalid("cancel.comment-required", "comment", ("reason", code)).ToException();
        return reason;
    }

    /// <summary>The seller's silence approves the cancellation request.</summary>
    private void FireSellerCancelResponse(DateTimeOffset at, Rulebook rules)
    {
        Cancellation!.End(CancellationRequestStatus.AutoApproved, at);
        Record(at, "cancellation.auto-approved", Actor.System);
        CloseWithRefund(OrderOutcome.CancelledByBuyer, "cancellation", Cancellation.CountsAgainst, at, rules);
    }
}
