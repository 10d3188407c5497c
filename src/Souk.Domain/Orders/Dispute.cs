using System.Linq.Expressions;

namespace Souk.Domain.Orders;

public enum DisputeStatus
{
    /// <summary>Opened; the seller has SellerDisputeResponse to accept, propose another amount or reject (silence accepts).</summary>
    AwaitingSeller,

    /// <summary>The seller proposed another amount; the buyer accepts it, withdraws or escalates.</summary>
    ProposalMade,

    /// <summary>The seller rejected; the buyer may escalate at once (or withdraw).</summary>
    Rejected,

    /// <summary>An admin decides: full, partial or no refund, with a written ruling.</summary>
    Escalated,

    /// <summary>Settled with a return: the buyer ships the item back within ReturnShipWindow.</summary>
    AwaitingReturn,

    /// <summary>The return is on its way; the seller confirms it arrived, or ReturnAutoAccept after delivery pays the refund.</summary>
    ReturnShipped,

    /// <summary>Settled: the agreed or ruled refund was paid (or none was due).</summary>
    Settled,

    /// <summary>The buyer withdrew; the order carries on as before.</summary>
    Withdrawn,

    /// <summary>A settlement with return lapsed because the buyer did not ship the item back in time: no refund.</summary>
    ReturnLapsed,
}

/// <summary>The reasons a buyer can give for a dispute (spec §3, Dispute).</summary>
public static class DisputeReasons
{
    public const string SellerDidNotAgreeToCancel = "SellerDidNotAgreeToCancel";
    public const string Other = "Other";

    public static readonly IReadOnlyList<string> All =
        ["NotReceived", "RefusedOrReturned", "NotAsDescribed", "QualityProblem", SellerDidNotAgreeToCancel, Other];
}

/// <summary>
/// The order's dispute (one per order; the timeline keeps every step). Its deadlines — the seller's answer, the
/// automatic escalation, the return's shipping window and auto-accept — are fired by <see cref="Order.CatchUp"/> like
/// every other deadline.
/// </summary>
public sealed class Dispute
{
    private Dispute() { Reason = ""; Comment = ""; }

    internal Dispute(string reason, string comment, long requestedMinor, bool withReturn, DateTimeOffset at, Policy p)
    {
        Reason = reason;
        Comment = comment;
        RequestedMinor = requestedMinor;
        WithReturn = withReturn;
        OpenedAt = at;
        Status = DisputeStatus.AwaitingSeller;
        SellerRespondBy = at + p.SellerDisputeResponse;
        EscalationAllowedFrom = at + p.EscalationAllowedAfter;
        AutoEscalateAt = at + p.NegotiationWindow;
    }

    public DisputeStatus Status { get; private set; }
    public string Reason { get; private set; }
    public string Comment { get; private set; }
    public long RequestedMinor { get; private set; }
    public bool WithReturn { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset SellerRespondBy { get; private set; }
    public DateTimeOffset EscalationAllowedFrom { get; private set; }
    public DateTimeOffset AutoEscalateAt { get; private set; }
    public long? ProposedMinor { get; private set; }
    public string? SellerMessage { get; private set; }
    public DateTimeOffset? SellerAnsweredAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public string? Ruling { get; private set; }
    public string? RuledBy { get; private set; }

    /// <summary>What was agreed or ruled; null until then.</summary>
    public long? SettledMinor { get; private set; }
    public DateTimeOffset? ReturnShipBy { get; private set; }
    public string? ReturnTrackingNumber { get; private set; }
    public DateTimeOffset? ReturnShippedAt { get; private set; }
    public DateTimeOffset? ReturnDeliveredAt { get; private set; }
    public DateTimeOffset? ReturnAutoAcceptAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Files attached as evidence (the files themselves are stored beside the order, not loaded with it).</summary>
    public int EvidenceCount { get; private set; }

    public const int MaxEvidenceFiles = 10;

    internal void CountEvidence() => EvidenceCount++;

    /// <summary>A frozen order's countdowns resume where they stopped.</summary>
    internal void Shift(TimeSpan by)
    {
        SellerRespondBy += by;
        EscalationAllowedFrom += by;
        AutoEscalateAt += by;
        ReturnShipBy += by;
        ReturnAutoAcceptAt += by;
    }

    /// <summary>
    /// Open = not settled, withdrawn or lapsed: cancellation, deletion, buyer protection's end and escrow release wait.
    /// The one definition: <see cref="IsOpen"/> compiles it, and the In-dispute tab's query filters with it
    /// (<see cref="OpenOnOrder"/>), so the tab holds exactly the orders the rules treat as in dispute.
    /// </summary>
    public static readonly Expression<Func<Dispute, bool>> Open = d =>
        d.Status != DisputeStatus.Settled && d.Status != DisputeStatus.Withdrawn && d.Status != DisputeStatus.ReturnLapsed;

    private static readonly Func<Dispute, bool> IsOpenCheck = Open.Compile();

    /// <summary>The orders with an open dispute, as a filter for a query (<see cref="Open"/> on the order's dispute).</summary>
    public static readonly Expression<Func<Order, bool>> OpenOnOrder = RuleExpressions.Has<Order, Dispute>(o => o.Dispute, Open);

    /// <summary>See <see cref="Open"/>.</summary>
    public bool IsOpen => IsOpenCheck(this);

    /// <summary>Still negotiating: the seller's answer and the automatic escalation are running.</summary>
    public bool IsNegotiating => Status is DisputeStatus.AwaitingSeller or DisputeStatus.ProposalMade or DisputeStatus.Rejected;

    /// <summary>The dispute's own pending deadlines: the seller's answer, the automatic escalation, the return's window and auto-accept.</summary>
    internal IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> PendingDeadlines()
    {
        if (Status == DisputeStatus.AwaitingSeller) yield return (DeadlineKind.DisputeSellerResponse, SellerRespondBy);
        if (IsNegotiating) yield return (DeadlineKind.DisputeAutoEscalation, AutoEscalateAt);
        if (Status == DisputeStatus.AwaitingReturn && ReturnShipBy is { } shipBy) yield return (DeadlineKind.ReturnShipWindow, shipBy);
        if (Status == DisputeStatus.ReturnShipped && ReturnAutoAcceptAt is { } autoAccept) yield return (DeadlineKind.ReturnAutoAccept, autoAccept);
    }

    internal void SellerAnswers(DisputeStatus status, long? proposed, string? message, DateTimeOffset at)
    {
        Status = status;
        ProposedMinor = proposed;
        SellerMessage = message;
        SellerAnsweredAt = at;
    }

    internal void Escalate(DateTimeOffset at)
    {
        Status = DisputeStatus.Escalated;
        EscalatedAt = at;
    }

    internal void Rule(string ruling, string adminId)
    {
        Ruling = ruling;
        RuledBy = adminId;
    }

    internal void Agree(long amount) => SettledMinor = amount;

    internal void AwaitReturn(DateTimeOffset shipBy)
    {
        Status = DisputeStatus.AwaitingReturn;
        ReturnShipBy = shipBy;
    }

    internal void ReturnShipped(string trackingNumber, DateTimeOffset at)
    {
        Status = DisputeStatus.ReturnShipped;
        ReturnTrackingNumber = trackingNumber;
        ReturnShippedAt = at;
    }

    internal void ReturnDelivered(DateTimeOffset at, DateTimeOffset autoAcceptAt)
    {
        ReturnDeliveredAt = at;
        ReturnAutoAcceptAt = autoAcceptAt;
    }

    internal void Close(DisputeStatus status, DateTimeOffset at)
    {
        Status = status;
        ClosedAt = at;
        ReturnAutoAcceptAt = null;
    }
}
