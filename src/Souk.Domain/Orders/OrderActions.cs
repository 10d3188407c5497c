namespace Souk.Domain.Orders;

/// <summary>
/// The rule table: for each action, in which states it is allowed, until when, and otherwise which rule
/// refuses it and from when it becomes possible. The verbs on <see cref="Order"/> and the "actions" list the
/// API and pages show both ask this one place, so a page can never offer what the API would refuse.
/// Read it against spec §3.
/// </summary>
public static class OrderActions
{
    /// <summary>
    /// One row per action, in the order of spec §3 (then §4, money): its stable name in the API
    /// (<c>request-cancellation</c>), the role that takes it, and the rule below that says whether it is allowed now. Not
    /// in the table, because no person chooses them and no "actions" list offers them, so each checks on its own:
    /// - RecordReviewAnswer: the payment provider's answer, not a person's; refused unless in payment review.
    /// - AttachDisputeEvidence: part of the open dispute, not an action of its own; the parties only, MaxEvidenceFiles.
    /// - Freeze, Unfreeze, Annul: an investigation's effects on every order of its store; they never refuse, they do
    ///   nothing (and say so in their result) where they do not apply, so an investigation can run over all orders
    ///   and be replayed after a crash.
    /// How each is called over HTTP and shown on the pages is Souk.Web's <c>ActionCatalog</c>, one row per action too.
    /// </summary>
    public static readonly IReadOnlyList<ActionRule> Table =
    [
        new(OrderAction.Pay,                         "pay",                           ActorRole.Buyer,  Pay),
        new(OrderAction.Cancel,                      "cancel",                        ActorRole.Buyer,  Cancel),
        new(OrderAction.RequestCancellation,         "request-cancellation",          ActorRole.Buyer,  RequestCancellation),
        new(OrderAction.ApproveCancellation,         "approve-cancellation",          ActorRole.Seller, AnswerCancellation),
        new(OrderAction.RefuseCancellation,          "refuse-cancellation",           ActorRole.Seller, AnswerCancellation),
        new(OrderAction.RequestHandlingExtension,    "request-handling-extension",    ActorRole.Seller, RequestHandlingExtension),
        new(OrderAction.AcceptHandlingExtension,     "accept-handling-extension",     ActorRole.Buyer,  AcceptHandlingExtension),
        new(OrderAction.DeclineHandlingExtension,    "decline-handling-extension",    ActorRole.Buyer,  AnswerHandlingExtension),
        new(OrderAction.ExtendHandling,              "extend-handling",               ActorRole.Buyer,  ExtendHandling),
        new(OrderAction.Ship,                        "ship",                          ActorRole.Seller, Ship),
        new(OrderAction.AddTrackingEvent,            "add-tracking-event",            ActorRole.Seller, AddTrackingEvent),
        new(OrderAction.ConfirmReceipt,              "confirm-receipt",               ActorRole.Buyer,  ConfirmReceipt),
        new(OrderAction.RequestProtectionExtension,  "request-protection-extension",  ActorRole.Buyer,  RequestProtectionExtension),
        new(OrderAction.AcceptProtectionExtension,   "accept-protection-extension",   ActorRole.Seller, AnswerProtectionExtension),
        new(OrderAction.DeclineProtectionExtension,  "decline-protection-extension",  ActorRole.Seller, AnswerProtectionExtension),
        new(OrderAction.OpenDispute,                 "open-dispute",                  ActorRole.Buyer,  OpenDispute),
        new(OrderAction.AcceptDispute,               "accept-dispute",                ActorRole.Seller, AnswerDispute),
        new(OrderAction.ProposeDisputeAmount,        "propose-dispute-amount",        ActorRole.Seller, AnswerDispute),
        new(OrderAction.RejectDispute,               "reject-dispute",                ActorRole.Seller, AnswerDispute),
        new(OrderAction.AcceptDisputeProposal,       "accept-dispute-proposal",       ActorRole.Buyer,  AcceptDisputeProposal),
        new(OrderAction.WithdrawDispute,             "withdraw-dispute",              ActorRole.Buyer,  WithdrawDispute),
        new(OrderAction.EscalateDispute,             "escalate-dispute",              ActorRole.Buyer,  EscalateDispute),
        new(OrderAction.RuleDispute,                 "rule-dispute",                  ActorRole.Admin,  RuleDispute),
        new(OrderAction.ShipReturn,                  "ship-return",                   ActorRole.Buyer,  ShipReturn),
        new(OrderAction.MarkReturnDelivered,         "mark-return-delivered",         ActorRole.Buyer,  MarkReturnDelivered),
        new(OrderAction.ConfirmReturnReceived,       "confirm-return-received",       ActorRole.Seller, ConfirmReturnReceived),
        new(OrderAction.Delete,                      "delete",                        ActorRole.Buyer,  Delete),
        new(OrderAction.Restore,                     "restore",                       ActorRole.Buyer,  Restore),
        new(OrderAction.DeletePermanently,           "delete-permanently",            ActorRole.Buyer,  DeletePermanently),
        new(OrderAction.AddToCartAgain,              "add-to-cart-again",             ActorRole.Buyer,  Anytime),
        new(OrderAction.RefundPart,                  "refund-part",                   ActorRole.Seller, RefundPart),
        new(OrderAction.ReportMissingRefund,         "report-missing-refund",         ActorRole.Buyer,  ReportMissingRefund),
        new(OrderAction.ResolveRefund,               "resolve-refund",                ActorRole.Admin,  ResolveRefund),
    ];

    private static readonly ActionRule[] ByAction = Index(Table);

    /// <summary>The stable name of an action in the API (<c>request-cancellation</c>).</summary>
    public static string Name(OrderAction action) => Row(action).Name;

    /// <summary>Who may take each action on an order they can see.</summary>
    public static ActorRole RoleOf(OrderAction action) => Row(action).Role;

    /// <summary>The actions of a role, in the enum's order (the order the "actions" list shows them).</summary>
    public static IEnumerable<OrderAction> For(ActorRole role) => Enum.GetValues<OrderAction>().Where(a => RoleOf(a) == role);

    /// <summary>May this action be taken on this order at <paramref name="now"/>? Role and ownership are checked by the caller.</summary>
    public static Decision Check(Order o, OrderAction action, DateTimeOffset now, Rulebook rules)
    {
        var row = Row(action);

        // The buyer's "Deleted orders" view: nothing but restoring or deleting for good happens there (spec §3, Delete).
        if (o.Deleted == DeletedMark.PermanentlyDeleted && row.Role == ActorRole.Buyer)
            return Refuse("order.permanently-deleted");
        if (o.Deleted == DeletedMark.Deleted && row.Role == ActorRole.Buyer
            && action is not (OrderAction.Restore or OrderAction.DeletePermanently))
            return Refuse("order.in-deleted-orders");

        // An investigation froze the order: nothing that would move its money (spec §3, Complaints and frozen orders).
        if (o.IsFrozen && action is OrderAction.Cancel or OrderAction.RequestCancellation or OrderAction.Delete
                or OrderAction.RequestProtectionExtension or OrderAction.ApproveCancellation)
            return Refuse("order.frozen", null, ("frozenSince", o.FrozenSince));

        return row.Rule(o, now, rules.Policy);
    }

    private static ActionRule Row(OrderAction action) =>
        (int)action >= 0 && (int)action < ByAction.Length && ByAction[(int)action] is { } row
            ? row : throw new ArgumentOutOfRangeException(nameof(action), action, "No row in OrderActions.Table.");

    private static ActionRule[] Index(IReadOnlyList<ActionRule> table)
    {
        var byAction = new ActionRule[Enum.GetValues<OrderAction>().Length];
        foreach (var row in table) byAction[(int)row.Action] = row;
        return byAction;
    }

    /// <summary>From any order the buyer can see.</summary>
    private static Decision Anytime(Order o, DateTimeOffset now, Policy p) => Decision.Allow();

    private static Decision Pay(Order o, DateTimeOffset now, Policy p) => o.State == OrderState.AwaitingPayment
        ? Decision.Allow(o.PaymentDueAt)
        : Refuse("pay.already-paid-or-closed", null, ("state", o.State));

    private static Decision Cancel(Order o, DateTimeOffset now, Policy p) => o.State switch
    {
        OrderState.AwaitingPayment => Decision.Allow(o.PaymentDueAt),
        OrderState.PaymentReview when now < o.InstantCancelUntil(p) => Decision.Allow(o.InstantCancelUntil(p)),
        // After the instant window the provider is already reviewing the money; once it is confirmed the
        // buyer can ask the seller. The review ends by ReviewDueAt at the latest.
        OrderState.PaymentReview => Refuse("cancel.payment-under-review", o.ReviewDueAt,
            ("instantCancelEndedAt", o.InstantCancelUntil(p)), ("reviewEndsBy", o.ReviewDueAt)),
        // The instant-cancel window belongs to the buyer even when the provider confirms inside it.
        OrderState.AwaitingShipment when now < o.InstantCancelUntil(p) => Decision.Allow(o.InstantCancelUntil(p)),
        OrderState.AwaitingShipment => Refuse("cancel.needs-seller-approval"),
        OrderState.Shipped => Refuse("cancel.already-shipped"),
        _ => Refuse("cancel.order-completed", null, ("outcome", o.Outcome)),
    };

    private static Decision RequestCancellation(Order o, DateTimeOffset now, Policy p) => o.State switch
    {
        OrderState.AwaitingPayment => Refuse("request-cancellation.not-paid-cancel-directly"),
        OrderState.PaymentReview when now < o.InstantCancelUntil(p) => Refuse("request-cancellation.instant-cancel-available",
            null, ("instantCancelUntil", o.InstantCancelUntil(p))),
        OrderState.PaymentReview => Refuse("request-cancellation.payment-under-review", o.ReviewDueAt, ("reviewEndsBy", o.ReviewDueAt)),
        OrderState.AwaitingShipment when now < o.InstantCancelUntil(p) => Refuse("request-cancellation.instant-cancel-available",
            null, ("instantCancelUntil", o.InstantCancelUntil(p))),
        OrderState.AwaitingShipment when o.Cancellation is { IsOpen: true } => Refuse("request-cancellation.already-open",
            null, ("respondBy", o.Cancellation.RespondBy)),
        OrderState.AwaitingShipment => Decision.Allow(o.HandlingDueAt),
        OrderState.Shipped => Refuse("request-cancellation.already-shipped"),
        _ => Refuse("request-cancellation.order-completed", null, ("outcome", o.Outcome)),
    };

    private static Decision AnswerCancellation(Order o, DateTimeOffset now, Policy p) =>
        o.State == OrderState.AwaitingShipment && o.Cancellation is { IsOpen: true }
            ? Decision.Allow(Earliest(o.Cancellation.RespondBy, o.HandlingDueAt))
            : Refuse("cancellation.no-open-request");

    private static Decision RequestHandlingExtension(Order o, DateTimeOffset now, Policy p) => o.State != OrderState.AwaitingShipment
        ? Refuse("handling-extension.not-awaiting-shipment")
        : o.HandlingExtension is { IsPending: true }
            ? Refuse("handling-extension.request-pending")
            : o.HandlingExtensionDaysLeft(p) <= 0
                ? Refuse("handling-extension.limit-reached", null, ("maxDays", (int)p.MaxHandlingExtension.TotalDays))
                : Decision.Allow(o.HandlingDueAt);

    // The buyer may have extended on their own since the seller asked; the total must stay within the limit.
    private static Decision AcceptHandlingExtension(Order o, DateTimeOffset now, Policy p) =>
        o.State == OrderState.AwaitingShipment
            && o.HandlingExtension is { IsPending: true } pending && pending.Days > o.HandlingExtensionDaysLeft(p)
            ? Refuse("handling-extension.limit-reached", null, ("maxDays", (int)p.MaxHandlingExtension.TotalDays))
            : AnswerHandlingExtension(o, now, p);

    private static Decision AnswerHandlingExtension(Order o, DateTimeOffset now, Policy p) =>
        o.State == OrderState.AwaitingShipment && o.HandlingExtension is { IsPending: true }
            ? Decision.Allow(o.HandlingDueAt)
            : Refuse("handling-extension.no-pending-request");

    private static Decision ExtendHandling(Order o, DateTimeOffset now, Policy p) => o.State != OrderState.AwaitingShipment
        ? Refuse("handling-extension.not-awaiting-shipment")
        : o.HandlingExtensionDaysLeft(p) <= 0
            ? Refuse("handling-extension.limit-reached", null, ("maxDays", (int)p.MaxHandlingExtension.TotalDays))
            : Decision.Allow(o.HandlingDueAt);

    private static Decision Ship(Order o, DateTimeOffset now, Policy p) => o.State switch
    {
        OrderState.AwaitingShipment => Decision.Allow(o.HandlingDueAt),
        OrderState.AwaitingPayment => Refuse("ship.not-paid"),
        OrderState.PaymentReview => Refuse("ship.payment-under-review", o.ReviewDueAt, ("reviewEndsBy", o.ReviewDueAt)),
        OrderState.Shipped => Refuse("ship.already-shipped"),
        _ => Refuse("ship.order-completed", null, ("outcome", o.Outcome)),
    };

    private static Decision AddTrackingEvent(Order o, DateTimeOffset now, Policy p) => o.State == OrderState.Shipped
        ? Decision.Allow(o.ProtectionEndsAt)
        : Refuse("tracking.not-shipped");

    private static Decision ConfirmReceipt(Order o, DateTimeOffset now, Policy p) => o.State switch
    {
        // Completing would release the escrow the dispute is about (issue 15): withdraw the dispute first.
        OrderState.Shipped when o.Dispute is { IsOpen: true } d => Refuse("confirm-receipt.dispute-open", null, ("status", d.Status)),
        OrderState.Shipped => Decision.Allow(o.ProtectionEndsAt),
        OrderState.Completed => Refuse("confirm-receipt.order-completed", null, ("outcome", o.Outcome)),
        _ => Refuse("confirm-receipt.not-shipped"),
    };

    private static Decision RequestProtectionExtension(Order o, DateTimeOffset now, Policy p) => o.State != OrderState.Shipped
        ? Refuse("protection-extension.not-shipped")
        : o.Dispute is { IsOpen: true }
            ? Refuse("protection-extension.dispute-open")
        : o.ProtectionExtension is { IsPending: true }
            ? Refuse("protection-extension.request-pending", null, ("respondBy", o.ProtectionExtension.RespondBy))
            : o.ProtectionExtensionDaysLeft(p) <= 0
                ? Refuse("protection-extension.limit-reached", null, ("maxDays", (int)p.MaxProtectionExtension.TotalDays))
                : Decision.Allow(o.ProtectionEndsAt);

    private static Decision AnswerProtectionExtension(Order o, DateTimeOffset now, Policy p) =>
        o.State == OrderState.Shipped && o.ProtectionExtension is { IsPending: true }
            ? Decision.Allow(o.ProtectionExtension.RespondBy)
            : Refuse("protection-extension.no-pending-request");

    /// <summary>
    /// A dispute opens on a shipped order from DisputeOpensAfterShipment (earlier if the delivery estimate is shorter),
    /// or on a received order inside DisputeWindowAfterCompletion while escrow still holds money; one per order. An order
    /// the seller shipped although the buyer asked to cancel may be disputed at once, for that reason only (issue 15).
    /// </summary>
    private static Decision OpenDispute(Order o, DateTimeOffset now, Policy p)
    {
        if (o.Dispute is { } existing) return Refuse("dispute.already-opened", null, ("status", existing.Status), ("openedAt", existing.OpenedAt));
        switch (o.State)
        {
            case OrderState.Shipped:
                var opensAt = DisputeOpensAt(o, p);
                return now < opensAt && !SellerDidNotAgreeToCancel(o) ? Refuse("dispute.too-early", opensAt, ("opensAt", opensAt)) : Decision.Allow(o.ProtectionEndsAt);
            case OrderState.Completed when o.Outcome == OrderOutcome.Received:
                // The window ends with the escrow release, which a thawed freeze moved on by the frozen time.
                var closesAt = o.EscrowReleaseAt ?? o.CompletedAt!.Value + p.DisputeWindowAfterCompletion;
                return now >= closesAt || o.MoneyState is MoneyState.ReleasedToSeller || o.EscrowMinor <= 0
                    ? Refuse("dispute.window-closed", null, ("closedAt", closesAt))
                    : Decision.Allow(closesAt);
            case OrderState.Completed:
                return Refuse("dispute.order-completed", null, ("outcome", o.Outcome));
            default:
                return Refuse("dispute.not-shipped");
        }
    }

    private static Decision AnswerDispute(Order o, DateTimeOffset now, Policy p) => o.Dispute switch
    {
        null => Refuse("dispute.none-open"),
        { Status: DisputeStatus.AwaitingSeller } d => Decision.Allow(d.SellerRespondBy),
        { IsOpen: true } d => Refuse("dispute.seller-already-answered", null, ("status", d.Status)),
        _ => Refuse("dispute.none-open"),
    };

    private static Decision AcceptDisputeProposal(Order o, DateTimeOffset now, Policy p) => o.Dispute is { Status: DisputeStatus.ProposalMade } dp
        ? Decision.Allow(dp.AutoEscalateAt)
        : Refuse("dispute.no-proposal");

    private static Decision WithdrawDispute(Order o, DateTimeOffset now, Policy p) => o.Dispute is { IsNegotiating: true } or { Status: DisputeStatus.Escalated }
        ? Decision.Allow()
        : o.Dispute is { IsOpen: true } dw
            ? Refuse("dispute.already-settled", null, ("status", dw.Status))
            : Refuse("dispute.none-open");

    private static Decision EscalateDispute(Order o, DateTimeOffset now, Policy p) => o.Dispute switch
    {
        { Status: DisputeStatus.Rejected } d => Decision.Allow(d.AutoEscalateAt),
        { IsNegotiating: true } d when now >= d.EscalationAllowedFrom => Decision.Allow(d.AutoEscalateAt),
        { IsNegotiating: true } d => Refuse("dispute.escalation-too-early", d.EscalationAllowedFrom, ("escalationAllowedFrom", d.EscalationAllowedFrom)),
        { Status: DisputeStatus.Escalated } => Refuse("dispute.already-escalated"),
        { IsOpen: true } d => Refuse("dispute.already-settled", null, ("status", d.Status)),
        _ => Refuse("dispute.none-open"),
    };

    private static Decision RuleDispute(Order o, DateTimeOffset now, Policy p) => o.Dispute is { Status: DisputeStatus.Escalated }
        ? Decision.Allow()
        : Refuse("dispute.not-escalated");

    private static Decision ShipReturn(Order o, DateTimeOffset now, Policy p) => o.Dispute is { Status: DisputeStatus.AwaitingReturn } dr
        ? Decision.Allow(dr.ReturnShipBy)
        : Refuse("return.not-awaited");

    private static Decision MarkReturnDelivered(Order o, DateTimeOffset now, Policy p) => o.Dispute switch
    {
        { Status: DisputeStatus.ReturnShipped, ReturnDeliveredAt: null } => Decision.Allow(),
        { Status: DisputeStatus.ReturnShipped } d => Refuse("return.already-delivered", null, ("autoAcceptAt", d.ReturnAutoAcceptAt)),
        _ => Refuse("return.not-shipped"),
    };

    private static Decision ConfirmReturnReceived(Order o, DateTimeOffset now, Policy p) => o.Dispute is { Status: DisputeStatus.ReturnShipped } rs
        ? Decision.Allow(rs.ReturnAutoAcceptAt)
        : Refuse("return.not-shipped");

    // Orders already in Deleted orders were answered by the guard above.
    private static Decision Delete(Order o, DateTimeOffset now, Policy p) => o.State != OrderState.Completed
        ? Refuse("delete.order-not-completed", null, ("state", o.State))
        : o.Dispute is { IsOpen: true }
            ? Refuse("delete.dispute-open")
            : Decision.Allow();

    private static Decision Restore(Order o, DateTimeOffset now, Policy p) => o.Deleted == DeletedMark.Deleted
        ? Decision.Allow()
        : Refuse("restore.not-in-deleted-orders");

    private static Decision DeletePermanently(Order o, DateTimeOffset now, Policy p) => o.Deleted == DeletedMark.Deleted
        ? Decision.Allow()
        : Refuse("delete-permanently.not-in-deleted-orders");

    // Money the seller still holds in escrow can be given back in part; once released it is the seller's.
    private static Decision RefundPart(Order o, DateTimeOffset now, Policy p) => o.Payment is null
        ? Refuse("refund-part.not-paid")
        : o.PaymentConfirmedAt is null && o.State != OrderState.Completed
        ? Refuse("refund-part.payment-not-confirmed", o.ReviewDueAt)
        : o.MoneyState == MoneyState.ReleasedToSeller
            ? Refuse("refund-part.released-to-seller")
            : o.EscrowMinor <= 0
                ? Refuse("refund-part.nothing-held")
                : Decision.Allow(o.EscrowReleaseAt);

    private static Decision ReportMissingRefund(Order o, DateTimeOffset now, Policy p) => o.Refunds.Count == 0
        ? Refuse("report-missing-refund.no-refund")
        : o.Refunds.Select(r => Order.ReportRefusal(r, now, p)).ToList() is var refusals && refusals.Any(r => r is null)
            ? Decision.Allow()
            // None can be reported yet: say when the first one can.
            : Decision.Refuse(refusals.OrderBy(r => r!.PossibleFrom ?? DateTimeOffset.MaxValue).First()!);

    private static Decision ResolveRefund(Order o, DateTimeOffset now, Policy p) => o.Refunds.Any(r => r.NeedsAdmin)
        ? Decision.Allow()
        : Refuse("resolve-refund.nothing-to-resolve");

    /// <summary>When a dispute with the usual reasons opens on a shipped order: DisputeOpensAfterShipment after shipping, or
    /// the delivery estimate if shorter.</summary>
    internal static DateTimeOffset DisputeOpensAt(Order o, Policy p) =>
        o.ShippedAt!.Value + (o.DeliveryDays is { } days && TimeSpan.FromDays(days) < p.DisputeOpensAfterShipment ? TimeSpan.FromDays(days) : p.DisputeOpensAfterShipment);

    /// <summary>
    /// The seed's own story: the buyer asked to cancel and the seller shipped anyway — the request was overtaken by the
    /// shipment, or refused and the order then shipped. Only such orders offer <see cref="DisputeReasons.SellerDidNotAgreeToCancel"/>.
    /// </summary>
    public static bool SellerDidNotAgreeToCancel(Order o) =>
        o.ShippedAt is not null && o.Cancellation is { Status: CancellationRequestStatus.Refused or CancellationRequestStatus.SupersededByShipment };

    /// <summary>
    /// The reasons a dispute may give on this order now: "seller did not agree to cancel" only where the seller did not
    /// (and it alone before the usual window opens on a shipped order); the others from the usual window on.
    /// </summary>
    public static IReadOnlyList<string> DisputeReasonsFor(Order o, DateTimeOffset now, Policy p)
    {
        var usual = o.State != OrderState.Shipped || now >= DisputeOpensAt(o, p);
        return DisputeReasons.All.Where(r => r == DisputeReasons.SellerDidNotAgreeToCancel ? SellerDidNotAgreeToCancel(o) : usual).ToList();
    }

    private static Decision Refuse(string code, DateTimeOffset? possibleFrom = null, params (string, object?)[] args) =>
        Decision.Refuse(RuleViolation.Refused(code, possibleFrom, args));

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
