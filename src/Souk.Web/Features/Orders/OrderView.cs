using System.ComponentModel;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Orders;

/// <summary>An order as one viewer sees it: its facts, its timeline and the actions that viewer could take.</summary>
public sealed record OrderView(
    long Id,
    long StoreId,
    string BuyerId,
    OrderState State,
    OrderOutcome? Outcome,
    MoneyState MoneyState,
    bool InDeletedOrders,
    DateTimeOffset? FrozenSince,
    string Currency,
    long ItemsTotal,
    long ShippingTotal,
    long Discount,
    string? CouponCode,
    long Total,
    long Refunded,
    int HandlingDays,
    int? DeliveryDays,
    string ShippingMethod,
    ShippingAddress Address,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PaymentConfirmedAt,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? CompletedAt,
    Responsibility? CountsAgainst,
    IReadOnlyList<OrderLineView> Lines,
    PaymentView? Payment,
    ShipmentView? Shipment,
    CancellationRequestView? CancellationRequest,
    ExtensionView? HandlingExtension,
    ExtensionView? ProtectionExtension,
    DisputeView? Dispute,
    IReadOnlyList<DeadlineView> Deadlines,
    [property: Description("While the order is frozen: each of its own deadlines that waits, with the time it had left when the order froze (all of it is given back when the order thaws). Empty otherwise; `deadlines` then lists only what still happens (refund stages).")]
    IReadOnlyList<PausedDeadlineView> PausedDeadlines,
    IReadOnlyList<RefundView> Refunds,
    IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<ActionView> Actions,
    int Version)
{
    public static OrderView Of(Order o, Actor viewer, DateTimeOffset now, Rulebook rules) => new(
        o.Id, o.StoreId, o.BuyerId, o.State, o.Outcome, o.MoneyState, o.Deleted == DeletedMark.Deleted, o.FrozenSince, o.Currency,
        o.ItemsTotalMinor, o.ShippingTotalMinor, o.DiscountMinor, o.CouponCode, o.TotalMinor, o.RefundedMinor, o.HandlingDays, o.DeliveryDays,
        o.ShippingMethod, o.Address, o.PlacedAt, o.PaymentConfirmedAt, o.ShippedAt, o.CompletedAt, o.CountsAgainst,
        o.Lines.Select(l => new OrderLineView(l.ListingId, l.Title, l.UnitPriceMinor, l.Quantity, l.LineTotalMinor, l.HandlingDays)).ToList(),
        o.Payment is { } p ? new PaymentView(p.Method, p.Account, p.Reference, p.AmountMinor, p.MethodMinor, p.BalanceMinor, p.PaidAt) : null,
        o.Carrier is null ? null : new ShipmentView(o.Carrier, o.TrackingNumber!,
            o.Tracking.OrderBy(t => t.At).Select(t => new TrackingEventView(t.At, t.Description, t.Location)).ToList()),
        o.Cancellation is { } c ? new CancellationRequestView(c.Status, c.Reason, c.Comment, c.CountsAgainst, c.RequestedAt, c.RespondBy, c.AnsweredAt, c.SellerMessage) : null,
        Extension(o.HandlingExtension),
        Extension(o.ProtectionExtension),
        o.Dispute is { } d ? DisputeView.Of(d) : null,
        o.PendingDeadlines().Select(d => new DeadlineView(DeadlineName(d.Kind), d.At)).ToList(),
        o.PausedDeadlines().Select(d => new PausedDeadlineView(DeadlineName(d.Kind), d.Left)).ToList(),
        o.Refunds.Select(r => RefundView.Of(r, rules.Policy)).ToList(),
        o.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new TimelineEntryView(e.At, e.Kind, e.ActorRole, e.ActorId, e.Data)).ToList(),
        ActionCatalog.ActionsFor(o, viewer, now, rules),
        o.Version);

    private static ExtensionView? Extension(ExtensionRequest? e) =>
        e is null ? null : new ExtensionView(e.Status, e.Days, e.Message, e.RequestedAt, e.RespondBy, e.AnsweredAt);

    public static string DeadlineName(DeadlineKind kind) => Order.DeadlineName(kind);
}

/// <summary>The order's dispute: what the buyer asked, the seller's answer, the admin's ruling, the return and its deadlines.</summary>
public sealed record DisputeView(DisputeStatus Status, bool Open, string Reason, string Comment, long Requested, bool WithReturn, DateTimeOffset OpenedAt,
    DateTimeOffset SellerRespondBy, DateTimeOffset EscalationAllowedFrom, DateTimeOffset AutoEscalateAt, long? Proposed, string? SellerMessage,
    DateTimeOffset? SellerAnsweredAt, DateTimeOffset? EscalatedAt, string? Ruling, long? Settled, DateTimeOffset? ReturnShipBy,
    string? ReturnTrackingNumber, DateTimeOffset? ReturnShippedAt, DateTimeOffset? ReturnDeliveredAt, DateTimeOffset? ReturnAutoAcceptAt,
    DateTimeOffset? ClosedAt)
{
    public static DisputeView Of(Dispute d) => new(d.Status, d.IsOpen, d.Reason, d.Comment, d.RequestedMinor, d.WithReturn, d.OpenedAt,
        d.SellerRespondBy, d.EscalationAllowedFrom, d.AutoEscalateAt, d.ProposedMinor, d.SellerMessage, d.SellerAnsweredAt, d.EscalatedAt,
        d.Ruling, d.SettledMinor, d.ReturnShipBy, d.ReturnTrackingNumber, d.ReturnShippedAt, d.ReturnDeliveredAt, d.ReturnAutoAcceptAt, d.ClosedAt);
}

public sealed record OrderLineView(long ListingId, string Title, long UnitPrice, int Quantity, long LineTotal, int HandlingDays);
/// <summary>The payment; <c>FromBalance</c> is the platform balance's part of a split payment (all of it for method Balance).</summary>
public sealed record PaymentView(PaymentMethod Method, string Account, string Reference, long Amount, long FromMethod, long FromBalance, DateTimeOffset PaidAt);
public sealed record ShipmentView(string Carrier, string TrackingNumber, IReadOnlyList<TrackingEventView> TrackingEvents);
public sealed record TrackingEventView(DateTimeOffset At, string Description, string? Location);
public sealed record CancellationRequestView(CancellationRequestStatus Status, string Reason, string? Comment, Responsibility CountsAgainst,
    DateTimeOffset RequestedAt, DateTimeOffset RespondBy, DateTimeOffset? AnsweredAt, string? SellerMessage);
public sealed record ExtensionView(ExtensionStatus Status, int Days, string Message, DateTimeOffset RequestedAt, DateTimeOffset? RespondBy, DateTimeOffset? AnsweredAt);
public sealed record DeadlineView(string Kind, DateTimeOffset At);

/// <summary>A deadline a freeze holds: <c>left</c> is what it had left when the order froze (e.g. <c>2.04:00:00</c>).</summary>
public sealed record PausedDeadlineView(string Kind, TimeSpan Left);

/// <summary>A list row's next deadline: the deadline itself (never its warning) and, separately, when its warning fires.</summary>
public sealed record NextDeadlineView(
    string Kind,
    DateTimeOffset At,
    [property: Description("When the warning before this deadline fires (Policy.DeadlineWarning before it), if one is still to come; null for deadlines nobody is warned about or once warned.")]
    DateTimeOffset? WarningAt);
/// <summary>A refund and where its money went: <c>destination</c> is the method that paid, or the platform balance when that
/// method refused it (<c>redirectReason</c>).</summary>
/// <summary>
/// A refund: its three stages, where the money went (the method, or the platform balance and why), the balance's share
/// of a split payment, and — when it needed an admin — the overdue flag and the buyer's case.
/// </summary>
public sealed record RefundView(long Id, string Cause, long Amount, long ToMethod, long ToBalance, string Currency, PaymentMethod Method, string Account,
    RefundStage Stage, DateTimeOffset CreatedAt, DateTimeOffset? ProcessingAt, DateTimeOffset? RefundedAt, DateTimeOffset? NextStageAt,
    [property: Description("The promise: created + the policy's RefundTime for the method. The buyer can report the refund missing from then on.")]
    DateTimeOffset MaxArrivalAt,
    [property: Description("The method that paid, or PlatformBalance from the moment the method refused the money (redirectReason method-refused) or an admin credited it there (admin-credited).")]
    RefundDestination Destination, string? RedirectReason, string? Note, DateTimeOffset? OverdueSince,
    RefundCaseView? Case)
{
    public static RefundView Of(Refund r, Policy policy) => new(r.Id, r.Cause, r.AmountMinor,
        r.Destination == RefundDestination.PlatformBalance ? 0 : r.MethodPartMinor,
        r.Destination == RefundDestination.PlatformBalance ? r.AmountMinor : r.BalancePartMinor,
        r.Currency, r.Method, r.Account, r.Stage, r.CreatedAt, r.ProcessingAt, r.RefundedAt, r.NextStageAt, r.MaxArrivalAt(policy),
        r.Destination, r.RedirectReason, r.Note, r.OverdueSince,
        r.ReportedMissingAt is null && r.CaseResolvedAt is null ? null
            : new RefundCaseView(r.ReportedMissingAt, r.ReportMessage, r.CaseResolvedAt is null ? "open" : "resolved", r.CaseResolvedAt, r.CaseResolution, r.CaseNote));
}

/// <summary>A missing-refund case: what the buyer reported and how an admin settled it.</summary>
public sealed record RefundCaseView(DateTimeOffset? ReportedAt, string? Message, string Status, DateTimeOffset? ResolvedAt, string? Resolution, string? Note);
public sealed record TimelineEntryView(DateTimeOffset At, string Kind, ActorRole Actor, string? ActorId, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// One action the viewer could take: allowed or not, with the refusal's code, arguments and sentence, and when it
/// becomes possible (or until when it is). An allowed action says how to call it.
/// </summary>
public sealed record ActionView(
    string Action,
    bool Allowed,
    string? Code,
    IReadOnlyDictionary<string, object?>? Arguments,
    string? Message,
    DateTimeOffset? PossibleFrom,
    DateTimeOffset? PossibleUntil,
    string Method,
    string Href,
    IReadOnlyList<ActionField> Fields);

/// <summary>
/// A field of an action's body, described as JSON Schema would: <c>Type</c> is the JSON type of its value
/// (<c>string</c>, <c>integer</c>, <c>boolean</c>), <c>Format</c> refines a string (<c>date-time</c>: ISO 8601),
/// <c>Minimum</c>/<c>Maximum</c> bound an integer, and <c>Options</c> lists the accepted values, of that type, where
/// there is a fixed list — so a client can fill the body from the fields alone.
/// </summary>
public sealed record ActionField(string Name, string Type, bool Required, IReadOnlyList<object>? Options = null, string? Note = null,
    string? Format = null, long? Minimum = null, long? Maximum = null)
{
    /// <summary>JSON Schema's names of the types a field can have.</summary>
    public static readonly IReadOnlyList<string> Types = ["string", "integer", "boolean"];

    public static ActionField Text(string name, bool required, string? note = null) => new(name, "string", required, null, note);

    public static ActionField Choice(string name, bool required, IEnumerable<string> options, string? note = null) =>
        new(name, "string", required, options.Cast<object>().ToList(), note);

    public static ActionField Integer(string name, bool required, long minimum, long maximum, string? note = null) =>
        new(name, "integer", required, null, note, Minimum: minimum, Maximum: maximum);

    public static ActionField Flag(string name, bool required, string? note = null) => new(name, "boolean", required, null, note);
}
