using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Disputes and returns: opening, answering, accepting a proposal, withdrawing, escalating, the admin's ruling,
// evidence, the return shipped, delivered and confirmed, and how a settlement is paid. The order's Dispute part
// (Dispute.cs) keeps the dispute's own state; its deadlines fire here.
public sealed partial class Order
{
    /// <summary>
    /// The buyer opens a dispute on a shipped order (from DisputeOpensAfterShipment, or the delivery estimate if shorter)
    /// or on a received one inside DisputeWindowAfterCompletion, asking for <paramref name="requestedMinor"/> back, with or
    /// without returning the item (spec §3, Dispute).
    /// </summary>
    public void OpenDispute(Actor actor, string reason, string? comment, long requestedMinor, bool withReturn, DateTimeOffset now, Rulebook rules)
    {
        comment = TextLimits.Clean(comment, "comment", TextLimits.DisputeComment);
        Require(OrderAction.OpenDispute, now, rules);
        var offered = OrderActions.DisputeReasonsFor(this, now, rules.Policy);
        if (!DisputeReasons.All.Contains(reason))
            throw RuleViolation.Invalid("dispute.unknown-reason", "reason", ("allowed", string.Join(", ", offered))).ToException();
        // Only the seller-did-not-agree reason opens before the usual window; the others wait for it.
        if (reason != DisputeReasons.SellerDidNotAgreeToCancel && State == OrderState.Shipped && OrderActions.DisputeOpensAt(this, rules.Policy) is var opensAt && now < opensAt)
            throw RuleViolation.Refused("dispute.too-early", opensAt, ("opensAt", opensAt)).ToException();
        if (!offered.Contains(reason))
            throw RuleViolation.Invalid("dispute.reason-not-offered", "reason", ("allowed", string.Join(", ", offered))).ToException();
        if (string.IsNullOrWhiteSpace(comment))
            throw RuleViolation.Invalid("dispute.comment-required", "comment").ToException();
        if (requestedMinor < 1 || requestedMinor > EscrowMinor)
            throw RuleViolation.Invalid("dispute.amount-out-of-range", "amountMinor", ("max", EscrowMinor), ("currency", Currency)).ToException();
        Dispute = new Dispute(reason, comment, requestedMinor, withReturn, now, rules.Policy);
        if (ProtectionExtension is { IsPending: true }) ProtectionExtension.End(ExtensionStatus.Lapsed, now);
        Record(now, "dispute.opened", actor, ("reason", reason), ("comment", Dispute.Comment), ("amount", requestedMinor.ToString()),
            ("withReturn", withReturn ? "true" : "false"), ("sellerRespondBy", Dispute.SellerRespondBy.ToString("O")));
        RecomputeNextDeadline();
    }

    /// <summary>The seller answers the dispute: accept the buyer's request, propose another amount, or reject it.</summary>
    public void AnswerDispute(Actor actor, OrderAction answer, long? proposedMinor, string? message, DateTimeOffset now, Rulebook rules)
    {
        message = TextLimits.Clean(message, "message", TextLimits.DisputeMessage);
        Require(answer, now, rules);
        var d = Dispute!;
        switch (answer)
        {
            case OrderAction.AcceptDispute:
                d.SellerAnswers(DisputeStatus.AwaitingSeller, null, message, now);
                Record(now, "dispute.accepted", actor, ("message", message));
                Settle(d.RequestedMinor, now, actor, rules);
                break;
            case OrderAction.ProposeDisputeAmount:
                if (proposedMinor is not { } amount || amount < 0 || amount > EscrowMinor || amount == d.RequestedMinor)
                    throw RuleViolation.Invalid("dispute.proposal-out-of-range", "amountMinor", ("max", EscrowMinor), ("requested", d.RequestedMinor),
                        ("currency", Currency)).ToException();
                RequireDisputeMessage(message);
                d.SellerAnswers(DisputeStatus.ProposalMade, amount, message!, now);
                Record(now, "dispute.amount-proposed", actor, ("amount", amount.ToString()), ("message", d.SellerMessage));
                break;
            case OrderAction.RejectDispute:
                RequireDisputeMessage(message);
                d.SellerAnswers(DisputeStatus.Rejected, null, message!, now);
                Record(now, "dispute.rejected", actor, ("message", d.SellerMessage));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer));
        }
        RecomputeNextDeadline();
    }

    /// <summary>The buyer accepts the seller's proposed amount.</summary>
    public void AcceptDisputeProposal(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.AcceptDisputeProposal, now, rules);
        Record(now, "dispute.proposal-accepted", actor, ("amount", Dispute!.ProposedMinor!.Value.ToString()));
        Settle(Dispute.ProposedMinor.Value, now, actor, rules);
        RecomputeNextDeadline();
    }

    /// <summary>The buyer withdraws: the order carries on (protection and escrow release resume, never in the past).</summary>
    public void WithdrawDispute(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.WithdrawDispute, now, rules);
        Dispute!.Close(DisputeStatus.Withdrawn, now);
        Record(now, "dispute.withdrawn", actor);
        ResumeAfterDispute(now);
        RecomputeNextDeadline();
    }

    /// <summary>The buyer asks an admin to decide: after a rejection at once, otherwise from EscalationAllowedAfter.</summary>
    public void EscalateDispute(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.EscalateDispute, now, rules);
        Dispute!.Escalate(now);
        Record(now, "dispute.escalated", actor);
        RecomputeNextDeadline();
    }

    /// <summary>An admin rules: <paramref name="refundMinor"/> 0 (no refund) up to what escrow holds (full), with a written ruling.</summary>
    public void RuleDispute(Actor actor, long refundMinor, string? ruling, DateTimeOffset now, Rulebook rules)
    {
        ruling = TextLimits.Clean(ruling, "ruling", TextLimits.Ruling);
        Require(OrderAction.RuleDispute, now, rules);
        if (refundMinor < 0 || refundMinor > EscrowMinor)
            throw RuleViolation.Invalid("dispute.ruling-amount-out-of-range", "amountMinor", ("max", EscrowMinor), ("currency", Currency)).ToException();
        if (string.IsNullOrWhiteSpace(ruling)) throw RuleViolation.Invalid("dispute.ruling-required", "ruling").ToException();
        Dispute!.Rule(ruling, actor.UserId ?? "");
        Record(now, "dispute.ruled", actor, ("amount", refundMinor.ToString()), ("ruling", ruling));
        Settle(refundMinor, now, actor, rules);
        RecomputeNextDeadline();
    }

    /// <summary>
    /// The buyer or the seller attaches a piece of evidence to the open dispute; the commit step stores the file in the
    /// same transaction (<see cref="DisputeEvidenceAttached"/>). At most <see cref="Dispute.MaxEvidenceFiles"/> per dispute.
    /// </summary>
    public void AttachDisputeEvidence(Actor actor, EvidenceFile file, DateTimeOffset now)
    {
        if (actor.Role is not (ActorRole.Buyer or ActorRole.Seller))
            throw RuleViolation.Refused("evidence.parties-only").ToException();
        if (Dispute is not { IsOpen: true } d) throw RuleViolation.Refused("evidence.no-open-dispute").ToException();
        if (d.EvidenceCount >= Dispute.MaxEvidenceFiles)
            throw RuleViolation.Refused("evidence.too-many", null, ("max", Dispute.MaxEvidenceFiles)).ToException();
        d.CountEvidence();
        Record(now, "dispute.evidence-added", actor, ("fileName", file.FileName), ("contentType", file.ContentType), ("bytes", file.Content.Length.ToString()));
        _effects.Add(new DisputeEvidenceAttached(actor, file, now));
    }

    /// <summary>The buyer ships the item back (a settlement with return) with a tracking number.</summary>
    public void ShipReturn(Actor actor, string? trackingNumber, DateTimeOffset now, Rulebook rules)
    {
        trackingNumber = TextLimits.Clean(trackingNumber, "trackingNumber", TextLimits.TrackingNumber);
        Require(OrderAction.ShipReturn, now, rules);
        if (string.IsNullOrWhiteSpace(trackingNumber)) throw RuleViolation.Invalid("return.tracking-number-required", "trackingNumber").ToException();
        Dispute!.ReturnShipped(trackingNumber, now);
        Record(now, "return.shipped", actor, ("trackingNumber", trackingNumber));
        RecomputeNextDeadline();
    }

    /// <summary>The return was delivered to the store (as the carrier shows): the seller has ReturnAutoAccept to confirm or dispute it.</summary>
    public void MarkReturnDelivered(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.MarkReturnDelivered, now, rules);
        Dispute!.ReturnDelivered(now, now + rules.Policy.ReturnAutoAccept);
        Record(now, "return.delivered", actor, ("autoAcceptAt", Dispute.ReturnAutoAcceptAt!.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    /// <summary>The seller confirms the returned item arrived: the settled refund is paid.</summary>
    public void ConfirmReturnReceived(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ConfirmReturnReceived, now, rules);
        Record(now, "return.received", actor);
        PaySettlement(now, actor, rules);
        RecomputeNextDeadline();
    }

    /// <summary>Agreed or ruled: with a return the buyer first ships the item back; otherwise the refund is paid now.</summary>
    private void Settle(long amount, DateTimeOffset at, Actor actor, Rulebook rules)
    {
        var d = Dispute!;
        d.Agree(amount);
        if (amount > 0 && d.WithReturn)
        {
            d.AwaitReturn(at + rules.Policy.ReturnShipWindow);
            Record(at, "return.awaited", actor, ("shipBy", d.ReturnShipBy!.Value.ToString("O")), ("amount", amount.ToString()));
            return;
        }
        PaySettlement(at, actor, rules);
    }

    /// <summary>
    /// Pays the settled refund once (cause <c>dispute</c>) and closes the dispute. Everything still held refunded →
    /// <c>Completed(RefundedInDispute)</c>; a partial or no refund → <c>Completed(Received)</c>, the buyer keeping the item.
    /// </summary>
    private void PaySettlement(DateTimeOffset at, Actor actor, Rulebook rules)
    {
        var d = Dispute!;
        var amount = d.SettledMinor ?? 0;
        var full = amount > 0 && amount >= EscrowMinor;
        if (amount > 0) IssueRefund("dispute", amount, actor, null, at, rules);
        d.Close(DisputeStatus.Settled, at);
        Record(at, "dispute.settled", actor, ("amount", amount.ToString()), ("outcome", full ? "full-refund" : amount > 0 ? "partial-refund" : "no-refund"));
        if (full)
        {
            // A received order's outcome changes too: the money went back, so the order ends refunded.
            Complete(OrderOutcome.RefundedInDispute, at, Responsibility.Seller, rules);
            EscrowReleaseAt = null;
        }
        else if (State == OrderState.Shipped)
        {
            Record(at, "order.received-after-dispute", Actor.System);
            Complete(OrderOutcome.Received, at, null, rules);
        }
        else
        {
            ResumeAfterDispute(at);
        }
    }

    /// <summary>Countdowns held by an open dispute resume; one that passed meanwhile falls due now, not in the past.</summary>
    private void ResumeAfterDispute(DateTimeOffset at)
    {
        if (ProtectionEndsAt is { } protection && protection < at) ProtectionEndsAt = at;
        if (EscrowReleaseAt is { } release && release < at) EscrowReleaseAt = at;
    }

    /// <summary>A proposal or a rejection says why, for the buyer and, later, the admin.</summary>
    private static void RequireDisputeMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw RuleViolation.Invalid("dispute.message-required", "message").ToException();
    }

    /// <summary>The seller did not answer the dispute in time.</summary>
    private void FireDisputeSellerResponse(DateTimeOffset at, Rulebook rules)
    {
        // The seller's silence accepts the buyer's request (spec §3, Dispute).
        Record(at, "dispute.accepted-by-silence", Actor.System);
        Settle(Dispute!.RequestedMinor, at, Actor.System, rules);
    }

    /// <summary>The negotiation went on too long: the dispute goes to an admin.</summary>
    private void FireDisputeAutoEscalation(DateTimeOffset at)
    {
        Dispute!.Escalate(at);
        Record(at, "dispute.escalated-automatically", Actor.System);
    }

    /// <summary>The return window closed without the item shipped back.</summary>
    private void FireReturnShipWindow(DateTimeOffset at, Rulebook rules)
    {
        // The buyer did not send the item back in time: the settlement lapses without a refund.
        Dispute!.Close(DisputeStatus.ReturnLapsed, at);
        Record(at, "return.lapsed", Actor.System);
        if (State == OrderState.Shipped) Complete(OrderOutcome.Received, at, null, rules);
        else ResumeAfterDispute(at);
    }

    /// <summary>The seller did not confirm or dispute the delivered return in time.</summary>
    private void FireReturnAutoAccept(DateTimeOffset at, Rulebook rules)
    {
        Record(at, "return.accepted-automatically", Actor.System);
        PaySettlement(at, Actor.System, rules);
    }
}
