using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// The one list of deadline kinds: a row per kind says its name (the API's, and its warning's), whether someone is
// warned before it, where its time is kept and what firing it does. The order's stored deadlines also say how to read
// them, whether completing the order clears them (thawing moves every one of them on); the parts that keep their own
// (the cancellation request, the protection request, the dispute) yield and move theirs themselves. Adding a kind is
// adding its row here; DeadlineKindsTests fails for a kind without one.
public sealed partial class Order
{
    private static readonly IReadOnlyDictionary<DeadlineKind, DeadlineRow> DeadlineRows = new DeadlineRow[]
    {
        new(DeadlineKind.RefundStage, "refund-stage", Warned: false, DeadlineHeldBy.Refund,
            (o, at, refund, _) => o.FireRefundStage(refund!, at)),
        new(DeadlineKind.PaymentWindow, "payment-window", Warned: true, DeadlineHeldBy.Order,
            (o, at, _, rules) => o.FirePaymentWindow(at, rules),
            new StoredDeadline(o => o.PaymentDueAt, (o, v) => o.PaymentDueAt = v, ClearedOnCompletion: true)),
        // The provider's answer is kept on the payment and counts only while the payment is under review.
        new(DeadlineKind.ReviewAnswer, "payment-review-answer", Warned: false, DeadlineHeldBy.Order,
            (o, at, _, rules) => o.FireReviewAnswer(at, rules),
            new StoredDeadline(o => o.Payment?.AnswerAt, (o, v) => { if (o.Payment is { } p) p.AnswerAt = v; }, ClearedOnCompletion: true,
                PendingWhen: o => o.State == OrderState.PaymentReview)),
        new(DeadlineKind.ReviewTimeout, "payment-review-timeout", Warned: false, DeadlineHeldBy.Order,
            (o, at, _, rules) => o.FireReviewTimeout(at, rules),
            new StoredDeadline(o => o.ReviewDueAt, (o, v) => o.ReviewDueAt = v, ClearedOnCompletion: true)),
        new(DeadlineKind.Handling, "handling", Warned: true, DeadlineHeldBy.Order,
            (o, at, _, rules) => o.FireHandling(at, rules),
            new StoredDeadline(o => o.HandlingDueAt, (o, v) => o.HandlingDueAt = v, ClearedOnCompletion: true)),
        new(DeadlineKind.SellerCancelResponse, "seller-cancel-response", Warned: true, DeadlineHeldBy.Part,
            (o, at, _, rules) => o.FireSellerCancelResponse(at, rules)),
        new(DeadlineKind.ProtectionExtensionResponse, "protection-extension-response", Warned: false, DeadlineHeldBy.Part,
            (o, at, _, _) => o.FireProtectionExtensionResponse(at)),
        new(DeadlineKind.DisputeSellerResponse, "dispute-seller-response", Warned: true, DeadlineHeldBy.Part,
            (o, at, _, rules) => o.FireDisputeSellerResponse(at, rules)),
        new(DeadlineKind.DisputeAutoEscalation, "dispute-auto-escalation", Warned: false, DeadlineHeldBy.Part,
            (o, at, _, _) => o.FireDisputeAutoEscalation(at)),
        new(DeadlineKind.ReturnShipWindow, "return-ship-window", Warned: true, DeadlineHeldBy.Part,
            (o, at, _, rules) => o.FireReturnShipWindow(at, rules)),
        new(DeadlineKind.ReturnAutoAccept, "return-auto-accept", Warned: false, DeadlineHeldBy.Part,
            (o, at, _, rules) => o.FireReturnAutoAccept(at, rules)),
        // An open dispute holds buyer protection's end and the escrow release (spec §3, Dispute).
        new(DeadlineKind.BuyerProtection, "buyer-protection", Warned: true, DeadlineHeldBy.Order,
            (o, at, _, rules) => o.FireBuyerProtection(at, rules),
            new StoredDeadline(o => o.ProtectionEndsAt, (o, v) => o.ProtectionEndsAt = v, ClearedOnCompletion: true,
                PendingWhen: o => o.Dispute is not { IsOpen: true })),
        // Completing the order is what starts the escrow release, so completion does not clear it.
        new(DeadlineKind.EscrowRelease, "escrow-release", Warned: false, DeadlineHeldBy.Order,
            (o, at, _, _) => o.ReleaseEscrow(at),
            new StoredDeadline(o => o.EscrowReleaseAt, (o, v) => o.EscrowReleaseAt = v, ClearedOnCompletion: false,
                PendingWhen: o => o.Dispute is not { IsOpen: true })),
        new(DeadlineKind.Warning, "warning", Warned: false, DeadlineHeldBy.Warning,
            (o, at, _, _) => o.FireWarning(at)),
    }.ToDictionary(r => r.Kind);

    /// <summary>The name the API gives a deadline kind (<c>payment-window</c>, <c>handling</c>…); a warning before it is the timeline event <c>warning.</c> + the name.</summary>
    public static string DeadlineName(DeadlineKind kind) => DeadlineRows[kind].Name;

    /// <summary>Every deadline kind's row as the outside may read it: its name, whether it is warned about, where it is kept.</summary>
    public static IEnumerable<(DeadlineKind Kind, string Name, bool Warned, DeadlineHeldBy HeldBy)> DeadlineKinds() =>
        DeadlineRows.Values.OrderBy(r => r.Kind).Select(r => (r.Kind, r.Name, r.Warned, r.HeldBy));

    private static IEnumerable<DeadlineRow> StoredDeadlineRows => DeadlineRows.Values.Where(r => r.Stored is not null);

    /// <summary>
    /// The parts that keep deadlines of their own: each yields them while they are pending and moves them on when the
    /// order thaws. Completion lapses a pending protection request; the cancellation request and the dispute are ended
    /// by their own verbs and deadlines (approved, closed by the handling deadline, annulled…), and a late dispute is
    /// opened on a completed order, so completion leaves them alone.
    /// </summary>
    private IEnumerable<(IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> Pending, Action<TimeSpan> Shift, Action<DateTimeOffset>? EndWithOrder)> DeadlineParts()
    {
        if (Cancellation is { } cancellation) yield return (cancellation.PendingDeadlines(), cancellation.Shift, null);
        if (ProtectionExtension is { } protection)
            yield return (protection.PendingDeadlines(DeadlineKind.ProtectionExtensionResponse), protection.Shift,
                at => { if (protection.IsPending) protection.End(ExtensionStatus.Lapsed, at); });
        if (Dispute is { } dispute) yield return (dispute.PendingDeadlines(), dispute.Shift, null);
    }

    /// <summary>Moves every countdown of the order and its parts on by <paramref name="by"/> (a thawed order resumes where it stopped).</summary>
    private void ShiftDeadlines(TimeSpan by)
    {
        foreach (var row in StoredDeadlineRows) row.Stored!.Set(this, row.Stored.Get(this) + by);
        foreach (var part in DeadlineParts()) part.Shift(by);
    }

    /// <summary>Stops the countdowns that end with the order (the escrow release is what completion starts).</summary>
    private void ClearDeadlinesOnCompletion(DateTimeOffset at)
    {
        foreach (var row in StoredDeadlineRows.Where(r => r.Stored!.ClearedOnCompletion)) row.Stored!.Set(this, null);
        foreach (var part in DeadlineParts()) part.EndWithOrder?.Invoke(at);
    }

    /// <param name="Fire">What the deadline does when it fires at its due time (the refund is the one whose stage is due).</param>
    /// <param name="Stored">How to read and set a deadline stored on the order itself; null when a part, a refund or the warnings keep it.</param>
    private sealed record DeadlineRow(DeadlineKind Kind, string Name, bool Warned, DeadlineHeldBy HeldBy,
        Action<Order, DateTimeOffset, Refund?, Rulebook> Fire, StoredDeadline? Stored = null);

    /// <param name="PendingWhen">When the stored time counts as pending (null: whenever it is set).</param>
    private sealed record StoredDeadline(Func<Order, DateTimeOffset?> Get, Action<Order, DateTimeOffset?> Set, bool ClearedOnCompletion,
        Func<Order, bool>? PendingWhen = null)
    {
        public DateTimeOffset? Pending(Order o) => PendingWhen is null || PendingWhen(o) ? Get(o) : null;
    }
}

/// <summary>Where a deadline kind's time is kept.</summary>
public enum DeadlineHeldBy
{
    /// <summary>A field of the order: moved on when it thaws, cleared or kept when it completes as its row says.</summary>
    Order,

    /// <summary>A part of the order (the cancellation request, the protection request, the dispute), which yields and moves it itself.</summary>
    Part,

    /// <summary>Each refund's next stage: it runs on while the order is frozen, so nothing moves it.</summary>
    Refund,

    /// <summary>The warnings, computed from the warned deadlines.</summary>
    Warning,
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
