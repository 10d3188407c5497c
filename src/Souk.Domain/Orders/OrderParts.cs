using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

/// <summary>A line keeps the title and price it had when the order was placed.</summary>
public sealed class OrderLine
{
    private OrderLine() { Title = ""; }

    public OrderLine(long listingId, string title, long unitPriceMinor, int quantity, int handlingDays, int? deliveryDays)
    {
        ListingId = listingId;
        Title = title;
        UnitPriceMinor = unitPriceMinor;
        Quantity = quantity;
        HandlingDays = handlingDays;
        DeliveryDays = deliveryDays;
    }

    public long Id { get; private set; }
    public long ListingId { get; private set; }
    public string Title { get; private set; }
    public long UnitPriceMinor { get; private set; }
    public int Quantity { get; private set; }
    public int HandlingDays { get; private set; }
    public int? DeliveryDays { get; private set; }
    public long LineTotalMinor => UnitPriceMinor * Quantity;
}

/// <summary>The address chosen at checkout, copied so later edits to the address book do not change the order.</summary>
public sealed record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country, string? Phone);

/// <summary>The payment as submitted to the provider.</summary>
public sealed class PaymentRecord
{
    private PaymentRecord() { Account = ""; Reference = ""; }

    internal PaymentRecord(PaymentSubmission s, long amountMinor, DateTimeOffset at)
    {
        Method = s.Method;
        Account = s.Account;
        Reference = s.Reference;
        AmountMinor = amountMinor;
        PaidAt = at;
        Answer = s.Answer;
        AnswerAt = s.Answer == ReviewAnswer.None ? null : s.AnswerAt;
        RefundsRefused = s.RefundsRefused;
        RefundsStall = s.RefundsStall;
        BalanceMinor = s.BalanceMinor;
    }

    /// <summary>The sandbox provider will never confirm a refund to this method (it is flagged as overdue instead).</summary>
    public bool RefundsStall { get; private set; }

    /// <summary>What the buyer's platform balance paid; the method paid <see cref="MethodMinor"/>.</summary>
    public long BalanceMinor { get; private set; }

    public long MethodMinor => AmountMinor - BalanceMinor;

    /// <summary>The method refuses refunds (closed card, deleted wallet): refunds end on the platform balance.</summary>
    public bool RefundsRefused { get; private set; }

    public PaymentMethod Method { get; private set; }

    /// <summary>The masked account that paid (card ending, wallet id, phone), where a refund goes back to.</summary>
    public string Account { get; private set; }

    public string Reference { get; private set; }
    public long AmountMinor { get; private set; }
    public DateTimeOffset PaidAt { get; private set; }
    public ReviewAnswer Answer { get; private set; }

    /// <summary>When the provider's answer arrives; cleared once it has been applied.</summary>
    public DateTimeOffset? AnswerAt { get; internal set; }
}

public enum CancellationRequestStatus
{
    Open,
    Approved,
    AutoApproved,
    Refused,
    SupersededByShipment,

    /// <summary>The handling deadline came before the seller answered; the order closed as ClosedNotShipped.</summary>
    ClosedByDeadline,

    /// <summary>The store was blocked before the seller answered; the order was annulled with a full refund.</summary>
    ClosedByAnnulment,
}

/// <summary>The buyer's current (latest) cancellation request; earlier ones live in the timeline.</summary>
public sealed class CancellationRequest
{
    private CancellationRequest() { Reason = ""; }

    internal CancellationRequest(string reason, string? comment, Responsibility countsAgainst, DateTimeOffset at, DateTimeOffset respondBy)
    {
        Reason = reason;
        Comment = comment;
        CountsAgainst = countsAgainst;
        RequestedAt = at;
        RespondBy = respondBy;
        Status = CancellationRequestStatus.Open;
    }

    public CancellationRequestStatus Status { get; private set; }
    public string Reason { get; private set; }
    public string? Comment { get; private set; }
    public Responsibility CountsAgainst { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Silence until then approves the request.</summary>
    public DateTimeOffset RespondBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? SellerMessage { get; private set; }

    public bool IsOpen => Status == CancellationRequestStatus.Open;

    /// <summary>The request's own pending deadline: the seller's silence approves it at <see cref="RespondBy"/>.</summary>
    internal IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> PendingDeadlines()
    {
        if (IsOpen) yield return (DeadlineKind.SellerCancelResponse, RespondBy);
    }

    /// <summary>A thawed order's open request resumes its countdown where it stopped (an answered one keeps its times).</summary>
    internal void Shift(TimeSpan by)
    {
        if (IsOpen) RespondBy += by;
    }

    internal void End(CancellationRequestStatus status, DateTimeOffset at, string? sellerMessage = null, Responsibility? countsAgainst = null)
    {
        Status = status;
        AnsweredAt = at;
        SellerMessage = sellerMessage;
        if (countsAgainst is { } c) CountsAgainst = c;
    }
}

public enum ExtensionStatus
{
    Pending,
    Accepted,
    Declined,

    /// <summary>The seller did not answer a protection extension in time; silence declines it.</summary>
    DeclinedBySilence,

    /// <summary>The order moved on (shipped, closed) before the request was answered.</summary>
    Lapsed,
}

/// <summary>A request to extend a deadline by some days: the seller asks for handling time, the buyer for protection.</summary>
public sealed class ExtensionRequest
{
    private ExtensionRequest() { Message = ""; }

    internal ExtensionRequest(int days, string message, DateTimeOffset at, DateTimeOffset? respondBy)
    {
        Days = days;
        Message = message;
        RequestedAt = at;
        RespondBy = respondBy;
        Status = ExtensionStatus.Pending;
    }

    public int Days { get; private set; }
    public string Message { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? RespondBy { get; private set; }
    public ExtensionStatus Status { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public bool IsPending => Status == ExtensionStatus.Pending;

    /// <summary>
    /// The request's own pending deadline, as <paramref name="kind"/>: only a request with an answer-by time has one (the
    /// buyer's protection request; the seller's handling request waits for the buyer without a deadline of its own).
    /// </summary>
    internal IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> PendingDeadlines(DeadlineKind kind)
    {
        if (IsPending && RespondBy is { } respond) yield return (kind, respond);
    }

    /// <summary>A thawed order's pending request resumes its countdown where it stopped (an answered one keeps its times).</summary>
    internal void Shift(TimeSpan by)
    {
        if (IsPending) RespondBy += by;
    }

    internal void End(ExtensionStatus status, DateTimeOffset at)
    {
        Status = status;
        AnsweredAt = at;
    }
}

/// <summary>A carrier's tracking event, as the seller (or a carrier integration) reports it.</summary>
public sealed class TrackingEvent
{
    private TrackingEvent() { Description = ""; }

    internal TrackingEvent(DateTimeOffset at, string description, string? location)
    {
        At = at;
        Description = description;
        Location = location;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Description { get; private set; }
    public string? Location { get; private set; }
}

/// <summary>One entry of the order's timeline: what happened, who did it, when, and its details.</summary>
public sealed class OrderEvent
{
    private OrderEvent() { Kind = ""; Data = new Dictionary<string, string>(); }

    internal OrderEvent(DateTimeOffset at, string kind, Actor actor, IReadOnlyDictionary<string, string> data)
    {
        At = at;
        Kind = kind;
        ActorRole = actor.Role;
        ActorId = actor.UserId;
        Data = data;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Past tense, stable: <c>order.placed</c>, <c>cancellation.requested</c>, <c>refund.stage-changed</c>…</summary>
    public string Kind { get; private set; }

    public ActorRole ActorRole { get; private set; }
    public string? ActorId { get; private set; }
    public IReadOnlyDictionary<string, string> Data { get; private set; }
}
