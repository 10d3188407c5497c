using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

/// <summary>
/// One store's part of a checkout, from placement to completion. Every change goes through a verb below;
/// each verb first asks <see cref="OrderActions.Check"/> and refuses with a <see cref="RuleViolation"/>.
/// Deadlines are stored on the order and fired by <see cref="CatchUp"/>, each effective at its due time.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<Refund> _refunds = [];
    private readonly List<OrderEvent> _timeline = [];
    private readonly List<TrackingEvent> _tracking = [];
    private readonly List<LedgerEntry> _ledger = [];
    private readonly List<IOrderEffect> _effects = [];

    private Order()
    {
        BuyerId = "";
        Currency = "";
        ShippingMethod = "";
        Address = null!;
    }

    public long Id { get; private set; }
    public string BuyerId { get; private set; }
    public long StoreId { get; private set; }
    public string Currency { get; private set; }

    public OrderState State { get; private set; }
    public OrderOutcome? Outcome { get; private set; }
    public MoneyState MoneyState { get; private set; }
    public DeletedMark Deleted { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Who the order's failure counts against when it was cancelled or closed (seller performance, buyer strikes).</summary>
    public Responsibility? CountsAgainst { get; private set; }

    public long ItemsTotalMinor { get; private set; }
    public long ShippingTotalMinor { get; private set; }

    /// <summary>The store coupon's discount, part of the order's price (spec §4, Coupons).</summary>
    public long DiscountMinor { get; private set; }
    public long? CouponId { get; private set; }
    public string? CouponCode { get; private set; }

    /// <summary>The coupon's use was given back (the order ended without the buyer receiving it); at most once.</summary>
    public bool CouponUseReturned { get; private set; }

    public long TotalMinor => ItemsTotalMinor + ShippingTotalMinor - DiscountMinor;
    public Money Total => new(TotalMinor, Currency);

    /// <summary>The longest handling time of the order's lines (spec §2).</summary>
    public int HandlingDays { get; private set; }

    /// <summary>The longest delivery estimate of the lines; null when the shipping method gives none.</summary>
    public int? DeliveryDays { get; private set; }

    public ShippingAddress Address { get; private set; }
    public string ShippingMethod { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }
    public DateTimeOffset? PaymentConfirmedAt { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public PaymentRecord? Payment { get; private set; }
    public CancellationRequest? Cancellation { get; private set; }
    public ExtensionRequest? HandlingExtension { get; private set; }
    public ExtensionRequest? ProtectionExtension { get; private set; }

    /// <summary>Deadlines already warned about (<c>Handling@ticks;…</c>), so each warning is given once per deadline.</summary>
    public string WarnedFor { get; private set; } = "";

    // How long before a deadline its warning goes out (Policy.DeadlineWarning), taken from the rulebook by every verb
    // and catch-up; not stored.
    private TimeSpan _warningLead;

    /// <summary>Since when the order is frozen by an investigation of its store (null when not frozen).</summary>
    public DateTimeOffset? FrozenSince { get; private set; }

    public bool IsFrozen => FrozenSince is not null;

    /// <summary>The order's dispute, if the buyer opened one (one per order).</summary>
    public Dispute? Dispute { get; private set; }
    public int HandlingExtendedDays { get; private set; }
    public int ProtectionExtendedDays { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }

    // The stored deadlines. Each is set when its countdown starts and cleared when it fires or stops mattering.
    public DateTimeOffset? PaymentDueAt { get; private set; }
    public DateTimeOffset? ReviewDueAt { get; private set; }
    public DateTimeOffset? HandlingDueAt { get; private set; }
    public DateTimeOffset? ProtectionEndsAt { get; private set; }

    /// <summary>When escrow goes to the seller: completion as Received + DisputeWindowAfterCompletion (spec §4).</summary>
    public DateTimeOffset? EscrowReleaseAt { get; private set; }

    /// <summary>The earliest pending deadline of the order or its refunds; the sweeper's index.</summary>
    public DateTimeOffset? NextDeadlineAt { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every commit; a stale writer loses with a 409.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<Refund> Refunds => _refunds;
    public IReadOnlyList<OrderEvent> Timeline => _timeline;
    public IReadOnlyList<TrackingEvent> Tracking => _tracking;

    /// <summary>The order's money movements: double-entry, append-only.</summary>
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>What the platform still holds for this order.</summary>
    public long EscrowMinor => _ledger.Where(e => e.Account == LedgerAccount.Escrow).Sum(e => e.AmountMinor);

    /// <summary>What the commit step must do outside the order in the same transaction (stock, buyer strikes).</summary>
    public IReadOnlyList<IOrderEffect> Effects => _effects;

    public DateTimeOffset? InstantCancelUntil(Policy p) => Payment is null ? null : Payment.PaidAt + p.InstantCancelWindow;
    public int HandlingExtensionDaysLeft(Policy p) => (int)p.MaxHandlingExtension.TotalDays - HandlingExtendedDays;
    public int ProtectionExtensionDaysLeft(Policy p) => (int)p.MaxProtectionExtension.TotalDays - ProtectionExtendedDays;
    public long RefundedMinor => _refunds.Sum(r => r.AmountMinor);

    /// <summary>Places an order for one store's lines. Stock is reserved (and the coupon's use taken) by the caller in the same commit.</summary>
    public static Order Place(string buyerId, long storeId, string currency, IReadOnlyList<OrderLine> lines, long shippingTotalMinor,
        ShippingAddress address, string shippingMethod, DateTimeOffset now, Rulebook rules, AppliedCoupon? coupon = null)
    {
        if (lines.Count == 0) throw RuleViolation.Invalid("checkout.no-lines", "lines").ToException();
        var itemsTotal = lines.Sum(l => l.LineTotalMinor);
        if (coupon is not null && (coupon.DiscountMinor < 0 || coupon.DiscountMinor > itemsTotal))
            throw new ArgumentOutOfRangeException(nameof(coupon), "A coupon's discount is at most the items' total.");
        var order = new Order
        {
            BuyerId = buyerId,
            StoreId = storeId,
            Currency = currency,
            ItemsTotalMinor = itemsTotal,
            ShippingTotalMinor = shippingTotalMinor,
            DiscountMinor = coupon?.DiscountMinor ?? 0,
            CouponId = coupon?.CouponId,
            CouponCode = coupon?.Code,
            HandlingDays = lines.Max(l => l.HandlingDays),
            DeliveryDays = lines.All(l => l.DeliveryDays is not null) ? lines.Max(l => l.DeliveryDays) : null,
            Address = address,
            ShippingMethod = shippingMethod,
            State = OrderState.AwaitingPayment,
            MoneyState = MoneyState.Unpaid,
            PlacedAt = now,
            PaymentDueAt = now + rules.Policy.PaymentWindow,
        };
        order._lines.AddRange(lines);
        order._warningLead = rules.Policy.DeadlineWarning;
        order.Record(now, "order.placed", Actor.Buyer(buyerId), ("total", order.TotalMinor.ToString()), ("currency", currency),
            ("coupon", coupon?.Code), ("discount", coupon?.DiscountMinor.ToString()));
        order.RecomputeNextDeadline();
        return order;
    }

    /// <summary>Pays the order; it waits in payment review until the provider answers (at most PaymentReviewMax).</summary>
    public void Pay(Actor actor, PaymentSubmission submission, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.Pay, now, rules);
        // The balance pays all (method Balance) or part (a split with one method); the commit step refuses a balance
        // that does not cover it (BuyerWallet).
        var fromBalance = submission.Method == PaymentMethod.Balance ? TotalMinor : submission.BalanceMinor;
        if (fromBalance < 0 || fromBalance > TotalMinor || (fromBalance == TotalMinor && submission.Method != PaymentMethod.Balance && TotalMinor > 0))
            throw RuleViolation.Invalid("pay.balance-part-out-of-range", "balanceMinor", ("max", TotalMinor - 1), ("total", TotalMinor), ("currency", Currency)).ToException();
        submission = submission with { BalanceMinor = fromBalance };
        // An answer can never arrive before the payment it answers.
        if (submission.AnswerAt < now) submission = submission with { AnswerAt = now };
        Payment = new PaymentRecord(submission, TotalMinor, now);
        State = OrderState.PaymentReview;
        MoneyState = MoneyState.Held;
        PaymentDueAt = null;
        ReviewDueAt = now + rules.Policy.PaymentReviewMax;
        var fromMethod = TotalMinor - fromBalance;
        Post(now, "payment", [
            .. fromMethod > 0 ? [(LedgerAccount.External, submission.Method.ToString(), -fromMethod)] : Array.Empty<(LedgerAccount, string, long)>(),
            .. fromBalance > 0 ? [(LedgerAccount.BuyerBalance, BuyerId, -fromBalance)] : Array.Empty<(LedgerAccount, string, long)>(),
            (LedgerAccount.Escrow, "", TotalMinor)]);
        if (fromBalance > 0) _effects.Add(new BalanceChanged(BuyerId, Currency, -fromBalance));
        Record(now, "order.paid", actor, ("method", submission.Method.ToString()), ("reference", submission.Reference),
            ("fromBalance", fromBalance > 0 ? fromBalance.ToString() : null));
        // The platform's own balance needs no provider review.
        if (submission.Method == PaymentMethod.Balance) ApplyReviewAnswer(true, now, rules);
        RecomputeNextDeadline();
    }

    /// <summary>A provider's answer that arrives later (real providers); the sandbox's answers arrive as a deadline.</summary>
    public void RecordReviewAnswer(bool approved, DateTimeOffset now, Rulebook rules)
    {
        if (State != OrderState.PaymentReview)
            throw RuleViolation.Refused("review.not-under-review").ToException();
        ApplyReviewAnswer(approved, now, rules);
        RecomputeNextDeadline();
    }

    /// <summary>
    /// Cancels at once: an unpaid order (always) or a paid one during the instant-cancel window (full refund,
    /// no seller involved).
    /// </summary>
    public void Cancel(Actor actor, string reasonCode, string? comment, DateTimeOffset now, Rulebook rules)
    {
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
    public void RefuseCancellation(Actor actor, string message, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.RefuseCancellation, now, rules);
        if (string.IsNullOrWhiteSpace(message))
            throw RuleViolation.Invalid("refuse-cancellation.message-required", "message").ToException();
        Cancellation!.End(CancellationRequestStatus.Refused, now, message);
        Record(now, "cancellation.refused", actor, ("message", message));
        RecomputeNextDeadline();
    }

    /// <summary>The seller asks the buyer for more handling time.</summary>
    public void RequestHandlingExtension(Actor actor, int days, string message, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.RequestHandlingExtension, now, rules);
        RequireDays(days, HandlingExtensionDaysLeft(rules.Policy));
        RequireMessage(message);
        HandlingExtension = new ExtensionRequest(days, message ?? "", now, null);
        Record(now, "handling-extension.requested", actor, ("days", days.ToString()), ("message", message));
        RecomputeNextDeadline();
    }

    public void AcceptHandlingExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.AcceptHandlingExtension, now, rules);
        var days = HandlingExtension!.Days;
        HandlingExtension.End(ExtensionStatus.Accepted, now);
        ExtendHandlingDeadline(days);
        Record(now, "handling-extension.accepted", actor, ("days", days.ToString()), ("handlingDueAt", HandlingDueAt!.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    public void DeclineHandlingExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.DeclineHandlingExtension, now, rules);
        HandlingExtension!.End(ExtensionStatus.Declined, now);
        Record(now, "handling-extension.declined", actor);
        RecomputeNextDeadline();
    }

    /// <summary>The buyer gives the seller more time on their own initiative.</summary>
    public void ExtendHandling(Actor actor, int days, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ExtendHandling, now, rules);
        RequireDays(days, HandlingExtensionDaysLeft(rules.Policy));
        ExtendHandlingDeadline(days);
        Record(now, "handling.extended", actor, ("days", days.ToString()), ("handlingDueAt", HandlingDueAt!.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    /// <summary>The seller ships; buyer protection starts. An open cancellation request ends as superseded.</summary>
    public void Ship(Actor actor, string carrier, string trackingNumber, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.Ship, now, rules);
        if (string.IsNullOrWhiteSpace(carrier)) throw RuleViolation.Invalid("ship.carrier-required", "carrier").ToException();
        if (string.IsNullOrWhiteSpace(trackingNumber)) throw RuleViolation.Invalid("ship.tracking-number-required", "trackingNumber").ToException();
        if (Cancellation is { IsOpen: true })
        {
            Cancellation.End(CancellationRequestStatus.SupersededByShipment, now);
            Record(now, "cancellation.superseded-by-shipment", actor);
        }
        if (HandlingExtension is { IsPending: true }) HandlingExtension.End(ExtensionStatus.Lapsed, now);
        State = OrderState.Shipped;
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim();
        ShippedAt = now;
        HandlingDueAt = null;
        ProtectionEndsAt = now + (DeliveryDays is { } d ? TimeSpan.FromDays(d) : rules.Policy.BuyerProtection);
        Record(now, "order.shipped", actor, ("carrier", Carrier), ("trackingNumber", TrackingNumber),
            ("protectionEndsAt", ProtectionEndsAt.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    public void AddTrackingEvent(Actor actor, string description, string? location, DateTimeOffset? eventAt, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.AddTrackingEvent, now, rules);
        if (string.IsNullOrWhiteSpace(description)) throw RuleViolation.Invalid("tracking.description-required", "description").ToException();
        var at = eventAt ?? now;
        if (at > now) throw RuleViolation.Invalid("tracking.event-in-future", "at").ToException();
        _tracking.Add(new TrackingEvent(at, description, location));
        Record(now, "tracking.event-added", actor, ("description", description), ("location", location));
    }

    /// <summary>The buyer confirms the goods arrived.</summary>
    public void ConfirmReceipt(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ConfirmReceipt, now, rules);
        Record(now, "order.receipt-confirmed", actor);
        Complete(OrderOutcome.Received, now, null, rules);
        RecomputeNextDeadline();
    }

    /// <summary>The buyer asks the seller for more buyer protection; silence past ProtectionExtensionResponse declines.</summary>
    public void RequestProtectionExtension(Actor actor, int days, string message, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.RequestProtectionExtension, now, rules);
        RequireDays(days, ProtectionExtensionDaysLeft(rules.Policy));
        RequireMessage(message);
        ProtectionExtension = new ExtensionRequest(days, message ?? "", now, now + rules.Policy.ProtectionExtensionResponse);
        Record(now, "protection-extension.requested", actor, ("days", days.ToString()), ("message", message));
        RecomputeNextDeadline();
    }

    public void AcceptProtectionExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.AcceptProtectionExtension, now, rules);
        var days = ProtectionExtension!.Days;
        ProtectionExtension.End(ExtensionStatus.Accepted, now);
        ProtectionExtendedDays += days;
        ProtectionEndsAt = ProtectionEndsAt!.Value + TimeSpan.FromDays(days);
        Record(now, "protection-extension.accepted", actor, ("days", days.ToString()), ("protectionEndsAt", ProtectionEndsAt.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    public void DeclineProtectionExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.DeclineProtectionExtension, now, rules);
        ProtectionExtension!.End(ExtensionStatus.Declined, now);
        Record(now, "protection-extension.declined", actor);
        RecomputeNextDeadline();
    }

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

    /// <summary>
    /// The buyer opens a dispute on a shipped order (from DisputeOpensAfterShipment, or the delivery estimate if shorter)
    /// or on a received one inside DisputeWindowAfterCompletion, asking for <paramref name="requestedMinor"/> back, with or
    /// without returning the item (spec §3, Dispute).
    /// </summary>
    public void OpenDispute(Actor actor, string reason, string? comment, long requestedMinor, bool withReturn, DateTimeOffset now, Rulebook rules)
    {
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
        Dispute = new Dispute(reason, comment.Trim(), requestedMinor, withReturn, now, rules.Policy);
        if (ProtectionExtension is { IsPending: true }) ProtectionExtension.End(ExtensionStatus.Lapsed, now);
        Record(now, "dispute.opened", actor, ("reason", reason), ("comment", Dispute.Comment), ("amount", requestedMinor.ToString()),
            ("withReturn", withReturn ? "true" : "false"), ("sellerRespondBy", Dispute.SellerRespondBy.ToString("O")));
        RecomputeNextDeadline();
    }

    /// <summary>The seller answers the dispute: accept the buyer's request, propose another amount, or reject it.</summary>
    public void AnswerDispute(Actor actor, OrderAction answer, long? proposedMinor, string? message, DateTimeOffset now, Rulebook rules)
    {
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
                d.SellerAnswers(DisputeStatus.ProposalMade, amount, message!.Trim(), now);
                Record(now, "dispute.amount-proposed", actor, ("amount", amount.ToString()), ("message", d.SellerMessage));
                break;
            case OrderAction.RejectDispute:
                RequireDisputeMessage(message);
                d.SellerAnswers(DisputeStatus.Rejected, null, message!.Trim(), now);
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
        Require(OrderAction.RuleDispute, now, rules);
        if (refundMinor < 0 || refundMinor > EscrowMinor)
            throw RuleViolation.Invalid("dispute.ruling-amount-out-of-range", "amountMinor", ("max", EscrowMinor), ("currency", Currency)).ToException();
        if (string.IsNullOrWhiteSpace(ruling)) throw RuleViolation.Invalid("dispute.ruling-required", "ruling").ToException();
        Dispute!.Rule(ruling.Trim(), actor.UserId ?? "");
        Record(now, "dispute.ruled", actor, ("amount", refundMinor.ToString()), ("ruling", ruling.Trim()));
        Settle(refundMinor, now, actor, rules);
        RecomputeNextDeadline();
    }

    /// <summary>
    /// The buyer or the seller attaches a piece of evidence to the open dispute (the commit step stores the file in the
    /// same transaction). At most <see cref="Dispute.MaxEvidenceFiles"/> per dispute.
    /// </summary>
    public void AttachDisputeEvidence(Actor actor, string fileName, string contentType, long sizeBytes, DateTimeOffset now)
    {
        if (actor.Role is not (ActorRole.Buyer or ActorRole.Seller))
            throw RuleViolation.Refused("evidence.parties-only").ToException();
        if (Dispute is not { IsOpen: true } d) throw RuleViolation.Refused("evidence.no-open-dispute").ToException();
        if (d.EvidenceCount >= Dispute.MaxEvidenceFiles)
            throw RuleViolation.Refused("evidence.too-many", null, ("max", Dispute.MaxEvidenceFiles)).ToException();
        d.CountEvidence();
        Record(now, "dispute.evidence-added", actor, ("fileName", fileName), ("contentType", contentType), ("bytes", sizeBytes.ToString()));
    }

    /// <summary>The buyer ships the item back (a settlement with return) with a tracking number.</summary>
    public void ShipReturn(Actor actor, string? trackingNumber, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ShipReturn, now, rules);
        if (string.IsNullOrWhiteSpace(trackingNumber)) throw RuleViolation.Invalid("return.tracking-number-required", "trackingNumber").ToException();
        Dispute!.ReturnShipped(trackingNumber.Trim(), now);
        Record(now, "return.shipped", actor, ("trackingNumber", trackingNumber.Trim()));
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

    /// <summary>
    /// The seller gives part of the money back (an item missing, a goodwill gesture); disputes use the same refunds.
    /// Several are allowed; together they never exceed what was paid. Each is its own cause (<c>partial:1</c>, <c>partial:2</c>…).
    /// </summary>
    public Refund RefundPart(Actor actor, long amountMinor, string? note, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.RefundPart, now, rules);
        if (amountMinor < 1)
            throw RuleViolation.Invalid("refund-part.amount-out-of-range", "amountMinor", ("max", EscrowMinor), ("currency", Currency)).ToException();
        // More than escrow still holds is not bad input but the order's state (earlier refunds took it): a conflict, as nothing-held.
        if (amountMinor > EscrowMinor)
            throw RuleViolation.Refused("refund-part.more-than-held", null, ("max", EscrowMinor), ("currency", Currency)).ToException();
        if (string.IsNullOrWhiteSpace(note))
            throw RuleViolation.Invalid("refund-part.note-required", "note").ToException();
        var cause = $"partial:{_refunds.Count(r => r.Cause.StartsWith("partial:", StringComparison.Ordinal)) + 1}";
        IssueRefund(cause, amountMinor, actor, note.Trim(), now, rules);
        RecomputeNextDeadline();
        return _refunds[^1];
    }

    /// <summary>The buyer says a refund never arrived: opens an admin case with the refund's history (spec §4).</summary>
    public void ReportMissingRefund(Actor actor, long refundId, string? message, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ReportMissingRefund, now, rules);
        var refund = FindRefund(refundId);
        if (ReportRefusal(refund, now, rules.Policy) is { } refusal) throw refusal.ToException();
        refund.ReportMissing(now, string.IsNullOrWhiteSpace(message) ? "" : message.Trim());
        Record(now, "refund.reported-missing", actor, ("refundCause", refund.Cause), ("message", refund.ReportMessage));
    }

    /// <summary>
    /// An admin settles a refund that needs them (overdue, or reported missing): <c>paid-confirmed</c> when the provider
    /// confirms the money reached the method, <c>credit-balance</c> to put a refund that never left onto the platform balance.
    /// </summary>
    public void ResolveRefund(Actor actor, long refundId, string? resolution, string? note, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ResolveRefund, now, rules);
        var refund = FindRefund(refundId);
        if (!refund.NeedsAdmin) throw RuleViolation.Refused("resolve-refund.nothing-to-resolve", null, ("refundId", refundId)).ToException();
        if (string.IsNullOrWhiteSpace(note)) throw RuleViolation.Invalid("resolve-refund.note-required", "note").ToException();
        switch (resolution)
        {
            case "paid-confirmed":
                if (refund.Stage != RefundStage.Refunded)
                {
                    refund.MarkRefunded(now);
                    PostRefundPaid(refund, now);
                }
                break;
            case "credit-balance":
                if (refund.Stage == RefundStage.Refunded)
                    throw RuleViolation.Refused("resolve-refund.already-refunded", null, ("refundedAt", refund.RefundedAt)).ToException();
                RedirectRefundToBalance(refund, now, "admin-credited", actor);
                break;
            default:
                throw RuleViolation.Invalid("resolve-refund.resolution-invalid", "resolution", ("allowed", "paid-confirmed, credit-balance")).ToException();
        }
        refund.ResolveCase(now, actor.UserId ?? "", resolution, note.Trim());
        Record(now, "refund.case-resolved", actor, ("refundCause", refund.Cause), ("resolution", resolution), ("note", note.Trim()));
        RecomputeNextDeadline();
    }

    /// <summary>
    /// Why this refund cannot be reported missing now, or null when it can: only once the policy's promise for its method
    /// (<see cref="Refund.MaxArrivalAt"/>) has passed, whatever stage the provider reports (spec §4).
    /// </summary>
    public static RuleViolation? ReportRefusal(Refund refund, DateTimeOffset now, Policy policy) => refund switch
    {
        { ReportedMissingAt: not null } => RuleViolation.Refused("report-missing-refund.already-reported", null, ("reportedAt", refund.ReportedMissingAt)),
        { Destination: RefundDestination.PlatformBalance } => RuleViolation.Refused("report-missing-refund.on-balance"),
        _ when now < refund.MaxArrivalAt(policy) =>
            RuleViolation.Refused("report-missing-refund.not-yet-due", refund.MaxArrivalAt(policy), ("dueAt", refund.MaxArrivalAt(policy))),
        _ => null,
    };

    private Refund FindRefund(long refundId) => _refunds.FirstOrDefault(r => r.Id == refundId)
        ?? throw RuleViolation.Invalid("refund.unknown", "refundId", ("refundId", refundId)).ToException();

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
        PaymentDueAt += by;
        ReviewDueAt += by;
        HandlingDueAt += by;
        ProtectionEndsAt += by;
        EscrowReleaseAt += by;
        if (Payment is { AnswerAt: { } answer }) Payment.AnswerAt = answer + by;
        if (Cancellation is { IsOpen: true }) Cancellation.Shift(by);
        if (ProtectionExtension is { IsPending: true, RespondBy: not null }) ProtectionExtension.Shift(by);
        Dispute?.Shift(by);
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

    /// <summary>
    /// Fires every deadline due by <paramref name="now"/>, earliest first, each effective at its own due time, so
    /// a late sweep (or a clock jump) replays the chain and the order ends where it would have. Returns how many fired.
    /// </summary>
    public int CatchUp(DateTimeOffset now, Rulebook rules)
    {
        _warningLead = rules.Policy.DeadlineWarning;
        RecomputeNextDeadline();
        var fired = 0;
        while (NextDue(now) is { } due)
        {
            Fire(due, rules);
            _effects.Add(new DeadlineFired(due.Kind, due.At));
            // Warnings are notices, not deadlines: the count is of deadlines that took effect.
            if (due.Kind != DeadlineKind.Warning) fired++;
            RecomputeNextDeadline();
        }
        return fired;
    }

    /// <summary>The deadlines still pending, earliest first (for the read model and the countdowns).</summary>
    public IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> PendingDeadlines() =>
        AllPending().Where(d => d.Kind != DeadlineKind.Warning).OrderBy(d => d.At).ThenBy(d => d.Kind).Select(d => (d.Kind, d.At));

    /// <summary>
    /// While frozen, the order's own deadlines that wait, each with the time it had left when the order froze (it gets all
    /// of it back when the order thaws); empty when not frozen.
    /// </summary>
    public IEnumerable<(DeadlineKind Kind, TimeSpan Left)> PausedDeadlines() => FrozenSince is { } since
        ? OwnDeadlines().Select(d => (d.Kind, Left: d.At > since ? d.At - since : TimeSpan.Zero)).OrderBy(d => d.Left).ThenBy(d => d.Kind)
        : [];

    /// <summary>
    /// The next thing that will happen to the order unless someone acts: its earliest pending deadline (as
    /// <see cref="PendingDeadlines"/>; a warning is never one), with when the warning before it fires if one is still to
    /// come (<paramref name="warningLead"/> is <c>Policy.DeadlineWarning</c>). Null when nothing is pending.
    /// </summary>
    public (DeadlineKind Kind, DateTimeOffset At, DateTimeOffset? WarningAt)? NextDeadline(TimeSpan warningLead)
    {
        if (PendingDeadlines().Select(d => ((DeadlineKind Kind, DateTimeOffset At)?)d).FirstOrDefault() is not var (kind, at)) return null;
        var warning = DueWarnings(warningLead).Where(w => w.Kind == WarningKind(kind) && w.DueAt == at).Select(w => (DateTimeOffset?)w.WarnAt).FirstOrDefault();
        return (kind, at, warning);
    }

    /// <summary>The name <see cref="Warnable"/> gives a deadline kind (null for the kinds nobody is warned about).</summary>
    private static string? WarningKind(DeadlineKind kind) => kind switch
    {
        DeadlineKind.PaymentWindow => "payment-window",
        DeadlineKind.Handling => "handling",
        DeadlineKind.SellerCancelResponse => "seller-cancel-response",
        DeadlineKind.BuyerProtection => "buyer-protection",
        DeadlineKind.DisputeSellerResponse => "dispute-seller-response",
        DeadlineKind.ReturnShipWindow => "return-ship-window",
        _ => null,
    };

    public void ClearEffects() => _effects.Clear();

    private (DeadlineKind Kind, DateTimeOffset At, Refund? Refund)? NextDue(DateTimeOffset now)
    {
        (DeadlineKind Kind, DateTimeOffset At, Refund? Refund)? best = null;
        foreach (var d in AllPending())
        {
            if (d.At > now) continue;
            // Ties fire in DeadlineKind order: e.g. the handling deadline wins over the seller's silence (spec §3).
            if (best is null || d.At < best.Value.At || (d.At == best.Value.At && d.Kind < best.Value.Kind)) best = d;
        }
        return best;
    }

    private IEnumerable<(DeadlineKind Kind, DateTimeOffset At, Refund? Refund)> AllPending()
    {
        // Frozen: the order's own countdowns wait (they are moved on when it thaws); refunds already on their way go on.
        if (!IsFrozen)
            foreach (var (kind, at) in OwnDeadlines()) yield return (kind, at, null);
        foreach (var r in _refunds)
            if (r.NextStageAt is { } stage) yield return (DeadlineKind.RefundStage, stage, r);
        foreach (var w in DueWarnings()) yield return (DeadlineKind.Warning, w.WarnAt, null);
    }

    /// <summary>The order's own deadlines (not its refunds' stages, not warnings): the ones a freeze pauses.</summary>
    private IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> OwnDeadlines()
    {
        if (PaymentDueAt is { } pay) yield return (DeadlineKind.PaymentWindow, pay);
        if (State == OrderState.PaymentReview && Payment?.AnswerAt is { } answer) yield return (DeadlineKind.ReviewAnswer, answer);
        if (ReviewDueAt is { } review) yield return (DeadlineKind.ReviewTimeout, review);
        if (HandlingDueAt is { } handling) yield return (DeadlineKind.Handling, handling);
        if (Cancellation is { IsOpen: true } c) yield return (DeadlineKind.SellerCancelResponse, c.RespondBy);
        if (ProtectionExtension is { IsPending: true, RespondBy: { } respond }) yield return (DeadlineKind.ProtectionExtensionResponse, respond);
        if (Dispute is { Status: DisputeStatus.AwaitingSeller } ds) yield return (DeadlineKind.DisputeSellerResponse, ds.SellerRespondBy);
        if (Dispute is { IsNegotiating: true } dn) yield return (DeadlineKind.DisputeAutoEscalation, dn.AutoEscalateAt);
        if (Dispute is { Status: DisputeStatus.AwaitingReturn, ReturnShipBy: { } shipBy }) yield return (DeadlineKind.ReturnShipWindow, shipBy);
        if (Dispute is { Status: DisputeStatus.ReturnShipped, ReturnAutoAcceptAt: { } autoAccept }) yield return (DeadlineKind.ReturnAutoAccept, autoAccept);
        // An open dispute holds buyer protection's end and the escrow release (spec §3, Dispute).
        var disputeOpen = Dispute is { IsOpen: true };
        if (ProtectionEndsAt is { } protection && !disputeOpen) yield return (DeadlineKind.BuyerProtection, protection);
        if (EscrowReleaseAt is { } release && !disputeOpen) yield return (DeadlineKind.EscrowRelease, release);
    }

    /// <summary>
    /// The warnings still to give (spec §7: <c>DeadlineWarning</c> before a deadline that someone must act on). A warning
    /// never predates the order's latest event, so one for a deadline set closer than the lead goes out when it is set.
    /// </summary>
    private IEnumerable<(string Key, string Kind, DateTimeOffset WarnAt, DateTimeOffset DueAt)> DueWarnings(TimeSpan? lead = null)
    {
        var warningLead = lead ?? _warningLead;
        if (warningLead <= TimeSpan.Zero || IsFrozen) yield break;
        var latest = _timeline.Count == 0 ? PlacedAt : _timeline.Max(e => e.At);
        var warned = WarnedFor.Split(';');
        foreach (var (kind, due) in Warnable())
        {
            var key = $"{kind}@{due.UtcTicks}";
            if (warned.Contains(key)) continue;
            var warnAt = due - warningLead;
            yield return (key, kind, warnAt < latest ? latest : warnAt, due);
        }
    }

    /// <summary>The deadlines worth a warning: the ones a person must act before.</summary>
    private IEnumerable<(string Kind, DateTimeOffset Due)> Warnable()
    {
        if (PaymentDueAt is { } pay) yield return ("payment-window", pay);
        if (HandlingDueAt is { } handling) yield return ("handling", handling);
        if (Cancellation is { IsOpen: true } c) yield return ("seller-cancel-response", c.RespondBy);
        if (ProtectionEndsAt is { } protection && Dispute is not { IsOpen: true }) yield return ("buyer-protection", protection);
        if (Dispute is { Status: DisputeStatus.AwaitingSeller } d) yield return ("dispute-seller-response", d.SellerRespondBy);
        if (Dispute is { Status: DisputeStatus.AwaitingReturn, ReturnShipBy: { } shipBy }) yield return ("return-ship-window", shipBy);
    }

    private void Fire((DeadlineKind Kind, DateTimeOffset At, Refund? Refund) due, Rulebook rules)
    {
        var at = due.At;
        switch (due.Kind)
        {
            case DeadlineKind.PaymentWindow:
                Record(at, "order.expired-unpaid", Actor.System);
                Complete(OrderOutcome.ExpiredUnpaid, at, Responsibility.Buyer, rules);
                _effects.Add(new BuyerOrderExpiredUnpaid(BuyerId, at));
                break;
            case DeadlineKind.ReviewAnswer:
                ApplyReviewAnswer(Payment!.Answer == ReviewAnswer.Approved, at, rules);
                break;
            case DeadlineKind.ReviewTimeout:
                Record(at, "payment.review-timed-out", Actor.System);
                Payment!.AnswerAt = null;
                CloseWithRefund(OrderOutcome.PaymentFailed, "payment-failed", Responsibility.Platform, at, rules);
                break;
            case DeadlineKind.Handling:
                if (Cancellation is { IsOpen: true }) Cancellation.End(CancellationRequestStatus.ClosedByDeadline, at);
                if (HandlingExtension is { IsPending: true }) HandlingExtension.End(ExtensionStatus.Lapsed, at);
                Record(at, "order.closed-not-shipped", Actor.System);
                CloseWithRefund(OrderOutcome.ClosedNotShipped, "closed-not-shipped", Responsibility.Seller, at, rules);
                break;
            case DeadlineKind.SellerCancelResponse:
                Cancellation!.End(CancellationRequestStatus.AutoApproved, at);
                Record(at, "cancellation.auto-approved", Actor.System);
                CloseWithRefund(OrderOutcome.CancelledByBuyer, "cancellation", Cancellation.CountsAgainst, at, rules);
                break;
            case DeadlineKind.ProtectionExtensionResponse:
                ProtectionExtension!.End(ExtensionStatus.DeclinedBySilence, at);
                Record(at, "protection-extension.declined-by-silence", Actor.System);
                break;
            case DeadlineKind.BuyerProtection:
                if (ProtectionExtension is { IsPending: true }) ProtectionExtension.End(ExtensionStatus.Lapsed, at);
                Record(at, "order.receipt-auto-confirmed", Actor.System);
                Complete(OrderOutcome.Received, at, null, rules);
                break;
            case DeadlineKind.EscrowRelease:
                ReleaseEscrow(at);
                break;
            case DeadlineKind.Warning:
                var warning = DueWarnings().First(w => w.WarnAt == at);
                // Keep only the keys of deadlines still pending, so the list stays short.
                var pending = Warnable().Select(w => $"{w.Kind}@{w.Due.UtcTicks}").ToHashSet();
                WarnedFor = string.Join(';', WarnedFor.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(pending.Contains).Append(warning.Key));
                Record(at, $"warning.{warning.Kind}", Actor.System, ("dueAt", warning.DueAt.ToString("O")));
                break;
            case DeadlineKind.DisputeSellerResponse:
                // The seller's silence accepts the buyer's request (spec §3, Dispute).
                Record(at, "dispute.accepted-by-silence", Actor.System);
                Settle(Dispute!.RequestedMinor, at, Actor.System, rules);
                break;
            case DeadlineKind.DisputeAutoEscalation:
                Dispute!.Escalate(at);
                Record(at, "dispute.escalated-automatically", Actor.System);
                break;
            case DeadlineKind.ReturnShipWindow:
                // The buyer did not send the item back in time: the settlement lapses without a refund.
                Dispute!.Close(DisputeStatus.ReturnLapsed, at);
                Record(at, "return.lapsed", Actor.System);
                if (State == OrderState.Shipped) Complete(OrderOutcome.Received, at, null, rules);
                else ResumeAfterDispute(at);
                break;
            case DeadlineKind.ReturnAutoAccept:
                Record(at, "return.accepted-automatically", Actor.System);
                PaySettlement(at, Actor.System, rules);
                break;
            case DeadlineKind.RefundStage:
                var refund = due.Refund!;
                if (refund.Stage == RefundStage.AwaitingRefund && Payment!.RefundsRefused)
                {
                    // The method refuses the money (card closed, wallet gone) the moment processing hands it over: from then
                    // on the refund is the buyer's balance's, not days later when the method's timing would have ended (spec §4).
                    RedirectRefundToBalance(refund, at, "method-refused", Actor.System);
                    _effects.Add(new RefundStageEnded(refund.Method, RefundStage.AwaitingRefund, at - refund.CreatedAt));
                    break;
                }
                if (refund.Stage == RefundStage.Processing && Payment!.RefundsStall)
                {
                    // The provider has not confirmed the money by the method's maximum time: admins must look (spec §4).
                    refund.FlagOverdue(at);
                    _effects.Add(new RefundFlaggedOverdue(refund.Method));
                    Record(at, "refund.overdue", Actor.System, ("refundCause", refund.Cause), ("dueAt", refund.RefundedDueAt.ToString("O")));
                    break;
                }
                var (ended, since) = (refund.Stage, refund.Stage == RefundStage.Processing ? refund.ProcessingAt ?? refund.CreatedAt : refund.CreatedAt);
                var stage = refund.Advance(at);
                _effects.Add(new RefundStageEnded(refund.Method, ended, at - since));
                if (stage == RefundStage.Refunded) PostRefundPaid(refund, at);
                Record(at, "refund.stage-changed", Actor.System, ("refundCause", refund.Cause), ("stage", stage.ToString()));
                break;
        }
    }

    private void ApplyReviewAnswer(bool approved, DateTimeOffset at, Rulebook rules)
    {
        Payment!.AnswerAt = null;
        if (approved)
        {
            State = OrderState.AwaitingShipment;
            PaymentConfirmedAt = at;
            ReviewDueAt = null;
            // The seller's countdown starts at confirmation, not at payment (spec §3, Payment review).
            HandlingDueAt = at + TimeSpan.FromDays(HandlingDays);
            Record(at, "payment.confirmed", Actor.System, ("handlingDueAt", HandlingDueAt.Value.ToString("O")));
        }
        else
        {
            Record(at, "payment.rejected", Actor.System);
            CloseWithRefund(OrderOutcome.PaymentFailed, "payment-failed", Responsibility.Platform, at, rules);
        }
    }

    private void CloseWithRefund(OrderOutcome outcome, string cause, Responsibility? against, DateTimeOffset at, Rulebook rules)
    {
        Complete(outcome, at, against, rules);
        IssueFullRefund(cause, at, rules);
        RecomputeNextDeadline();
    }

    /// <summary>Ends the order and stops every countdown. Goods that never left the store go back into stock.</summary>
    private void Complete(OrderOutcome outcome, DateTimeOffset at, Responsibility? against, Rulebook rules)
    {
        State = OrderState.Completed;
        Outcome = outcome;
        CompletedAt = at;
        CountsAgainst = against;
        PaymentDueAt = null;
        ReviewDueAt = null;
        HandlingDueAt = null;
        ProtectionEndsAt = null;
        if (Payment is not null) Payment.AnswerAt = null;
        if (ProtectionExtension is { IsPending: true }) ProtectionExtension.End(ExtensionStatus.Lapsed, at);
        if (outcome != OrderOutcome.Received && ShippedAt is null)
            _effects.Add(new StockReleased(_lines.Select(l => (l.ListingId, l.Quantity)).ToList()));
        // An order that ended without the buyer receiving it gives its coupon use back (spec §4, Coupons).
        if (outcome != OrderOutcome.Received && CouponId is { } couponId && !CouponUseReturned)
        {
            CouponUseReturned = true;
            _effects.Add(new CouponUseReturnedEffect(couponId));
        }
        // Escrow stays until a late dispute can no longer be opened, so it can still be refunded from escrow.
        if (outcome == OrderOutcome.Received && EscrowMinor > 0)
            EscrowReleaseAt = at + rules.Policy.DisputeWindowAfterCompletion;
    }

    /// <summary>Pays what escrow still holds to the store (a payout the seller sees).</summary>
    private void ReleaseEscrow(DateTimeOffset at)
    {
        EscrowReleaseAt = null;
        var held = EscrowMinor;
        if (held <= 0) return;
        Post(at, "release", (LedgerAccount.Escrow, "", -held), (LedgerAccount.SellerPayable, StoreId.ToString(System.Globalization.CultureInfo.InvariantCulture), held));
        MoneyState = MoneyState.ReleasedToSeller;
        Record(at, "escrow.released", Actor.System, ("amount", held.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Writes one balanced ledger transaction, once per key: a replayed cause moves no money.</summary>
    private void Post(DateTimeOffset at, string key, params (LedgerAccount Account, string Party, long Amount)[] lines)
    {
        if (_ledger.Any(e => e.TransactionKey == key)) return;
        if (lines.Sum(l => l.Amount) != 0)
            throw new InvalidOperationException($"Ledger transaction '{key}' of order {Id} does not balance.");
        foreach (var (account, party, amount) in lines)
            _ledger.Add(new LedgerEntry(key, account, party, amount, Currency, at));
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

    /// <summary>Refunds what escrow still holds, to where it came from; once per cause.</summary>
    private void IssueFullRefund(string cause, DateTimeOffset at, Rulebook rules) =>
        IssueRefund(cause, EscrowMinor, Actor.System, null, at, rules);

    /// <summary>
    /// Takes <paramref name="amount"/> out of escrow back to the buyer, once per cause. A split payment is refunded in
    /// proportion to what each source paid, counted over all the order's refunds so the parts always add up to what was
    /// paid; the odd minor unit goes to the balance (spec §4). The balance's share is credited at once; the method's
    /// goes through Awaiting refund → Processing refund → Refunded.
    /// </summary>
    private void IssueRefund(string cause, long amount, Actor actor, string? note, DateTimeOffset at, Rulebook rules)
    {
        if (Payment is null || _refunds.Any(r => r.Cause == cause)) return;
        amount = Math.Min(amount, EscrowMinor);
        if (amount <= 0) return;

        var paid = Payment.AmountMinor;
        var refundedBefore = RefundedMinor;
        var methodRefundedBefore = refundedBefore - _refunds.Sum(r => r.BalancePartMinor);
        // Int128: amounts times amounts can pass long's range.
        var methodShareAfter = (long)((Int128)(refundedBefore + amount) * Payment.MethodMinor / paid);
        var methodPart = Math.Clamp(methodShareAfter - methodRefundedBefore, 0, amount);
        var balancePart = amount - methodPart;

        var timing = rules.RefundTimings.For(Payment.Method);
        // A provider that never confirms (sandbox "stall"): the processing stage ends only at the policy's promise, where
        // the refund is flagged to admins — not at the provider's own timing, which would flag it before it is late.
        if (Payment.RefundsStall && timing.ToRefunded < rules.Policy.RefundTime.For(Payment.Method))
            timing = timing with { ToRefunded = rules.Policy.RefundTime.For(Payment.Method) };
        var refund = new Refund(cause, new Money(amount, Currency), balancePart, Payment.Method, Payment.Account, at, timing, note);
        _refunds.Add(refund);
        Post(at, $"refund:{cause}:created", [
            (LedgerAccount.Escrow, "", -amount),
            .. methodPart > 0 ? [(LedgerAccount.RefundsInTransit, "", methodPart)] : Array.Empty<(LedgerAccount, string, long)>(),
            .. balancePart > 0 ? [(LedgerAccount.BuyerBalance, BuyerId, balancePart)] : Array.Empty<(LedgerAccount, string, long)>()]);
        if (balancePart > 0) _effects.Add(new BalanceChanged(BuyerId, Currency, balancePart));
        MoneyState = RefundedMinor >= paid ? MoneyState.Refunded : MoneyState.PartlyRefunded;
        Record(at, "refund.created", actor, ("refundCause", cause), ("amount", amount.ToString()), ("method", Payment.Method.ToString()),
            ("toBalance", balancePart > 0 ? balancePart.ToString() : null), ("note", note));
    }

    /// <summary>The method's part of a refund reached the buyer.</summary>
    private void PostRefundPaid(Refund refund, DateTimeOffset at) =>
        Post(at, $"refund:{refund.Cause}:paid", (LedgerAccount.RefundsInTransit, "", -refund.MethodPartMinor),
            (LedgerAccount.External, refund.Method.ToString(), refund.MethodPartMinor));

    /// <summary>The method's part of a refund goes to the buyer's platform balance instead (method refused, or an admin decided).</summary>
    private void RedirectRefundToBalance(Refund refund, DateTimeOffset at, string reason, Actor actor)
    {
        refund.RedirectToBalance(at, reason);
        Post(at, $"refund:{refund.Cause}:paid", (LedgerAccount.RefundsInTransit, "", -refund.MethodPartMinor),
            (LedgerAccount.BuyerBalance, BuyerId, refund.MethodPartMinor));
        _effects.Add(new BalanceChanged(BuyerId, Currency, refund.MethodPartMinor));
        Record(at, "refund.redirected-to-balance", actor, ("refundCause", refund.Cause), ("reason", reason));
    }

    private void ExtendHandlingDeadline(int days)
    {
        HandlingExtendedDays += days;
        HandlingDueAt = HandlingDueAt!.Value + TimeSpan.FromDays(days);
    }

    private void Require(OrderAction action, DateTimeOffset now, Rulebook rules)
    {
        _warningLead = rules.Policy.DeadlineWarning;
        var decision = OrderActions.Check(this, action, now, rules);
        if (decision.Refusal is { } refusal) throw refusal.ToException();
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

    private static void RequireDays(int days, int daysLeft)
    {
        if (days < 1 || days > daysLeft)
            throw RuleViolation.Invalid("extension.days-out-of-range", "days", ("days", days), ("max", daysLeft)).ToException();
    }

    /// <summary>Spec §3: an extension is asked with days and a message saying why.</summary>
    /// <summary>A proposal or a rejection says why, for the buyer and, later, the admin.</summary>
    private static void RequireDisputeMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw RuleViolation.Invalid("dispute.message-required", "message").ToException();
    }

    private static void RequireMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw RuleViolation.Invalid("extension.message-required", "message").ToException();
    }

    private void RecomputeNextDeadline() => NextDeadlineAt = AllPending().Select(d => (DateTimeOffset?)d.At).Min();

    private void Record(DateTimeOffset at, string kind, Actor actor, params (string Key, string? Value)[] data) =>
        _timeline.Add(new OrderEvent(at, kind, actor,
            data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!)));
}

/// <summary>The order's deadlines; the order of the members breaks ties between deadlines due at the same instant.</summary>
public enum DeadlineKind
{
    RefundStage,
    PaymentWindow,
    ReviewAnswer,
    ReviewTimeout,
    Handling,
    SellerCancelResponse,
    ProtectionExtensionResponse,
    DisputeSellerResponse,
    DisputeAutoEscalation,
    ReturnShipWindow,
    ReturnAutoAccept,
    BuyerProtection,
    EscrowRelease,

    /// <summary>A notice <c>DeadlineWarning</c> before a deadline someone must act on; it changes nothing but the timeline.</summary>
    Warning,
}

/// <summary>Something the commit step must apply outside the order, in the same transaction.</summary>
public interface IOrderEffect;

/// <summary>The order ended before shipping: put its quantities back on the listings.</summary>
public sealed record StockReleased(IReadOnlyList<(long ListingId, int Quantity)> Lines) : IOrderEffect;

/// <summary>An unpaid order expired: counts towards the buyer's ordering block.</summary>
public sealed record BuyerOrderExpiredUnpaid(string BuyerId, DateTimeOffset At) : IOrderEffect;

/// <summary>The buyer's platform balance moved (the ledger has the same movement); applied to their wallet, never below zero.</summary>
public sealed record BalanceChanged(string BuyerId, string Currency, long DeltaMinor) : IOrderEffect;

/// <summary>The order ended without being received: its coupon can be used once more.</summary>
public sealed record CouponUseReturnedEffect(long CouponId) : IOrderEffect;

/// <summary>
/// A deadline took effect at <paramref name="DueAt"/>. Nothing to apply: the commit step reports it (with how late the
/// firing was) to the operators' metrics once the transaction is committed.
/// </summary>
public sealed record DeadlineFired(DeadlineKind Kind, DateTimeOffset DueAt) : IOrderEffect;

/// <summary>A refund left <paramref name="Stage"/> after <paramref name="Took"/> (reported to metrics, like <see cref="DeadlineFired"/>).</summary>
public sealed record RefundStageEnded(PaymentMethod Method, RefundStage Stage, TimeSpan Took) : IOrderEffect;

/// <summary>A refund was not confirmed by its method's maximum time and now waits for an admin (reported to metrics).</summary>
public sealed record RefundFlaggedOverdue(PaymentMethod Method) : IOrderEffect;

/// <summary>A store coupon applied at checkout, with the discount it gives this order.</summary>
public sealed record AppliedCoupon(long CouponId, string Code, long DiscountMinor);
