namespace Souk.Reliability.Tests.Model;

/// <summary>What a model-based step does to the one order under test.</summary>
public enum Command
{
    PayApproved,
    PayDeclined,
    PaySilent,
    Cancel,
    RequestCancellation,
    ApproveCancellation,
    RefuseCancellation,
    Ship,
    ConfirmReceipt,
    OpenDispute,
    /// <summary>A dispute with the reason "the seller did not agree to cancel".</summary>
    OpenDisputeSellerDidNotAgree,
    AcceptDispute,
    WithdrawDispute,
    Delete,
    Restore,
    DeletePermanently,

    /// <summary>An admin opens an investigation of the order's store (the seller sends evidence at once).</summary>
    Investigate,

    /// <summary>The admin closes the store's open investigation: cleared.</summary>
    ClearStore,

    /// <summary>The admin closes the store's open investigation: blocked.</summary>
    BlockStore,
    Wait,
}

/// <summary>
/// One step of a history: a command, or (for <see cref="Command.Wait"/>) a move of the clock. A step with a
/// <see cref="Pick"/> stands for "the Pick-th command the model allows at that moment" (resolved when it runs), so
/// histories spend most of their steps on what moves the order along instead of on refusals.
/// </summary>
public readonly record struct Step(Command Command, TimeSpan Wait, int? Pick = null)
{
    public override string ToString() =>
        Pick is { } pick ? $"Allowed#{pick}" : Command == Command.Wait ? $"Wait({Format(Wait)})" : Command.ToString();

    private static string Format(TimeSpan t) =>
        t.TotalDays >= 1 && t.TotalDays == Math.Floor(t.TotalDays) ? $"{t.TotalDays}d"
        : t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? $"{t.TotalHours}h"
        : $"{t.TotalMinutes}min";
}

/// <summary>What the model, the domain and the API are compared on after every step.</summary>
public sealed record Observation(
    string State, string? Outcome, string Money, long Refunded, string Deleted, string? Cancellation, string? Dispute, bool Frozen)
{
    public override string ToString() =>
        $"{State}{(Outcome is null ? "" : "(" + Outcome + ")")} money {Money} refunded {Refunded} deleted {Deleted}"
        + $" cancellation {Cancellation ?? "-"} dispute {Dispute ?? "-"}{(Frozen ? " frozen" : "")}";
}

/// <summary>
/// The reference model (issue 7, figure 4): the order rules of <c>shared/spec/order-rules.md</c> §2–§4 for one order
/// paid by card, written as plainly as possible and independently of <c>Souk.Domain</c> — no rule table, no deadline
/// queue, just the spec's sentences in order. Where the spec is silent the model states Souk's choice in a comment
/// ("Souk's choice"), so a reader sees which lines are the spec and which are decisions.
/// Money is followed as amounts: what was paid, what was refunded, whether escrow went to the seller.
/// The order's store may be investigated (§3, Complaints and frozen orders): the seller always sends evidence at once,
/// so the store is blocked only by the admin, never by its own silence (that timer is the store's, not the order's).
/// </summary>
public sealed class ReferenceOrder(ModelTerms terms, DateTimeOffset placedAt)
{
    private enum Main { AwaitingPayment, PaymentReview, AwaitingShipment, Shipped, Completed }

    private Main _state = Main.AwaitingPayment;
    private string? _outcome;
    private readonly DateTimeOffset _placedAt = placedAt;
    private DateTimeOffset _now = placedAt;

    private DateTimeOffset? _paidAt;
    private bool? _reviewApproves; // null: the provider never answers
    private DateTimeOffset? _reviewDue;
    private DateTimeOffset? _handlingDue;
    private DateTimeOffset? _shippedAt;
    private DateTimeOffset? _protectionEnds;
    private DateTimeOffset? _completedAt;

    // A received order's escrow goes to the seller when the late-dispute window closes (§4); both end here.
    private DateTimeOffset? _releaseDue;

    private bool _investigationOpen;
    private bool _storeBlocked;
    private DateTimeOffset? _frozenSince;
    private bool Frozen => _frozenSince is not null;

    private bool _paid;
    private long _refunded;
    private bool _released;

    private string _deleted = "None";

    private string? _cancellation;
    private DateTimeOffset? _cancellationRespondBy;

    private string? _dispute;
    private DateTimeOffset? _disputeRespondBy;

    private long Total => terms.TotalMinor;
    private bool DisputeOpen => _dispute == "AwaitingSeller";
    private bool MoneyHeld => _paid && !_released && _refunded < Total;

    public Observation Observe() => new(
        _state.ToString(), _outcome,
        !_paid ? "Unpaid" : _released ? "ReleasedToSeller" : _refunded >= Total ? "Refunded" : _refunded > 0 ? "PartlyRefunded" : "Held",
        _refunded, _deleted, _cancellation, _dispute, Frozen);

    /// <summary>The commands the rules allow now (tried on a copy of the model).</summary>
    public IReadOnlyList<Command> Allowed() =>
        Enum.GetValues<Command>().Where(c => c != Command.Wait && ((ReferenceOrder)MemberwiseClone()).Apply(c)).ToList();

    /// <summary>Moves time forward, letting every deadline that falls due take effect at its own due time, in order.</summary>
    public void Advance(TimeSpan by)
    {
        var until = _now + by;
        while (NextDeadline() is { } due && due <= until)
        {
            // A deadline already past (one an open dispute held back) takes effect now.
            if (due > _now) _now = due;
            Fire();
        }
        _now = until;
    }

    /// <summary>Applies a command at the current time; false when the rules refuse it (and then nothing changed).</summary>
    public bool Apply(Command command) => command switch
    {
        Command.PayApproved => Pay(true),
        Command.PayDeclined => Pay(false),
        Command.PaySilent => Pay(null),
        Command.Cancel => Cancel(),
        Command.RequestCancellation => RequestCancellation(),
        Command.ApproveCancellation => AnswerCancellation(approve: true),
        Command.RefuseCancellation => AnswerCancellation(approve: false),
        Command.Ship => Ship(),
        Command.ConfirmReceipt => ConfirmReceipt(),
        Command.OpenDispute => OpenDispute(),
        Command.OpenDisputeSellerDidNotAgree => OpenDispute(sellerDidNotAgree: true),
        Command.AcceptDispute => AcceptDispute(),
        Command.WithdrawDispute => WithdrawDispute(),
        Command.Delete => Delete(),
        Command.Restore => Restore(),
        Command.DeletePermanently => DeletePermanently(),
        Command.Investigate => Investigate(),
        Command.ClearStore => CloseInvestigation(blocked: false),
        Command.BlockStore => CloseInvestigation(blocked: true),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    // ---- Buyer-side view: nothing but restoring or deleting for good happens in "Deleted orders" (§3 Delete), and a
    // permanently deleted order is gone for the buyer.
    private bool BuyerCanAct => _deleted == "None";

    private bool Pay(bool? approves)
    {
        if (_state != Main.AwaitingPayment || !BuyerCanAct) return false;
        _state = Main.PaymentReview;
        _paid = true;
        _paidAt = _now;
        _reviewApproves = approves;
        _reviewDue = approves is null ? _now + terms.PaymentReviewMax : _now + terms.ReviewDelay;
        // Souk's choice: an investigation freezes the orders that hold money when it opens; one paid later is not frozen.
        return true;
    }

    /// <summary>§3: unpaid → always; paid → only during the instant-cancel window after paying.</summary>
    private bool Cancel()
    {
        if (!BuyerCanAct || Frozen) return false;
        if (_state == Main.AwaitingPayment)
        {
            Complete("CancelledByBuyer");
            return true;
        }
        // Souk's choice: the window is half-open, [paid, paid + window). It also covers an order whose payment the
        // provider confirmed inside the window (the window belongs to the buyer).
        if (_state is Main.PaymentReview or Main.AwaitingShipment && _now < _paidAt + terms.InstantCancelWindow)
        {
            Complete("CancelledByBuyer");
            RefundAll();
            return true;
        }
        return false;
    }

    private bool RequestCancellation()
    {
        if (!BuyerCanAct || Frozen || _state != Main.AwaitingShipment || _cancellation == "Open") return false;
        // Souk's choice: while the instant cancel is still open the buyer is sent to it instead of asking the seller.
        if (_now < _paidAt + terms.InstantCancelWindow) return false;
        _cancellation = "Open";
        _cancellationRespondBy = _now + terms.SellerCancelResponse;
        return true;
    }

    private bool AnswerCancellation(bool approve)
    {
        if (_state != Main.AwaitingShipment || _cancellation != "Open") return false;
        // Frozen: nothing that moves the money; the seller may still refuse.
        if (approve && Frozen) return false;
        if (approve)
        {
            _cancellation = "Approved";
            Complete("CancelledByBuyer");
            RefundAll();
        }
        else _cancellation = "Refused";
        return true;
    }

    private bool Ship()
    {
        if (_state != Main.AwaitingShipment) return false;
        if (_cancellation == "Open") _cancellation = "SupersededByShipment";
        _state = Main.Shipped;
        _shippedAt = _now;
        _protectionEnds = _now + terms.DeliveryEstimate;
        return true;
    }

    private bool ConfirmReceipt()
    {
        // Issue 15: not while a dispute is open — completing would release the escrow the dispute is about; the buyer
        // withdraws the dispute first.
        if (!BuyerCanAct || _state != Main.Shipped || DisputeOpen) return false;
        Complete("Received");
        return true;
    }

    /// <summary>§3 Dispute: on a shipped order from DisputeOpensAfterShipment after shipping, or within
    /// DisputeWindowAfterCompletion of a received order's completion. Not from Deleted orders.</summary>
    private bool OpenDispute(bool sellerDidNotAgree = false)
    {
        if (!BuyerCanAct) return false;
        // Souk's choice: one dispute per order; a withdrawn or settled one is not reopened.
        if (_dispute is not null) return false;
        // Issue 15: "the seller did not agree to cancel" is a reason only where the buyer asked to cancel and the seller
        // shipped anyway (the request refused, or overtaken by the shipment); there it opens at once, without the wait.
        var sellerShippedAnyway = _shippedAt is not null && _cancellation is "Refused" or "SupersededByShipment";
        if (sellerDidNotAgree && !sellerShippedAnyway) return false;
        var open = _state == Main.Shipped && (sellerDidNotAgree || _now >= _shippedAt + terms.DisputeOpensAfterShipment)
            || _state == Main.Completed && _outcome == "Received" && !_released && _now < _releaseDue;
        if (!open) return false;
        _dispute = "AwaitingSeller";
        _disputeRespondBy = _now + terms.SellerDisputeResponse;
        return true;
    }

    /// <summary>The buyer asked for everything back (the histories' disputes ask for the full amount, no return).</summary>
    private bool AcceptDispute()
    {
        if (!DisputeOpen) return false;
        SettleDisputeWithFullRefund();
        return true;
    }

    private bool WithdrawDispute()
    {
        if (!BuyerCanAct || !DisputeOpen) return false;
        _dispute = "Withdrawn";
        // Buyer protection's end and the escrow release did not pass while the dispute was open; one that has passed
        // falls due now (and, on a frozen order, waits for the thaw like every other countdown).
        if (_protectionEnds < _now) _protectionEnds = _now;
        if (_releaseDue < _now) _releaseDue = _now;
        return true;
    }

    private bool Delete()
    {
        if (_deleted != "None" || _state != Main.Completed || DisputeOpen || Frozen) return false;
        _deleted = "Deleted";
        return true;
    }

    private bool Restore()
    {
        if (_deleted != "Deleted") return false;
        _deleted = "None";
        return true;
    }

    private bool DeletePermanently()
    {
        if (_deleted != "Deleted") return false;
        _deleted = "Gone";
        return true;
    }

    // ---- Investigations (§3, Complaints and frozen orders).
    private bool Investigate()
    {
        if (_investigationOpen) return false;
        _investigationOpen = true;
        // "The store's orders with money held (paid, not yet released to the seller) become frozen", whatever their
        // main state: a received order still waiting for its escrow release too. Unpaid orders are not frozen.
        // Souk's choice: a store already blocked can be investigated again, but its orders were settled by the block
        // and nothing more is frozen.
        if (MoneyHeld && !_storeBlocked) _frozenSince = _now;
        return true;
    }

    private bool CloseInvestigation(bool blocked)
    {
        if (!_investigationOpen) return false;
        _investigationOpen = false;
        _storeBlocked |= blocked;
        if (!_storeBlocked) Thaw();
        else if (Frozen && MoneyHeld || _state == Main.AwaitingPayment)
        {
            // Blocked: "all its frozen and unpaid orders become Completed(Annulled) with full refunds" — of what escrow
            // still holds, a received order's too (the buyer keeps the item). An open dispute ends withdrawn.
            // Souk's choice: a cancellation request still waiting for the seller ends with the order.
            _frozenSince = null;
            if (DisputeOpen) _dispute = "Withdrawn";
            if (_cancellation == "Open") _cancellation = "ClosedByAnnulment";
            Complete("Annulled");
            _releaseDue = null;
            RefundAll();
        }
        // A frozen order a dispute refunded in full meanwhile holds nothing: it keeps its outcome and only thaws.
        else Thaw();
        return true;
    }

    /// <summary>"Their deadlines are extended by the frozen time."</summary>
    private void Thaw()
    {
        if (_frozenSince is not { } since) return;
        var by = _now - since;
        _frozenSince = null;
        _reviewDue += by;
        _handlingDue += by;
        _cancellationRespondBy += by;
        _protectionEnds += by;
        _disputeRespondBy += by;
        _releaseDue += by;
    }

    // ---- Deadlines (§3, §4, §6): each takes effect at its due time; none while frozen ("no automatic closing or
    // release while frozen").
    private DateTimeOffset? NextDeadline()
    {
        if (Frozen) return null;
        var due = new List<DateTimeOffset?>();
        switch (_state)
        {
            case Main.AwaitingPayment:
                due.Add(_placedAt + terms.PaymentWindow);
                break;
            case Main.PaymentReview:
                due.Add(_reviewDue);
                break;
            case Main.AwaitingShipment:
                due.Add(_handlingDue);
                if (_cancellation == "Open") due.Add(_cancellationRespondBy);
                break;
            case Main.Shipped:
                if (DisputeOpen) due.Add(_disputeRespondBy);
                else due.Add(_protectionEnds);
                break;
            case Main.Completed:
                if (DisputeOpen) due.Add(_disputeRespondBy);
                else if (_outcome == "Received" && !_released) due.Add(_releaseDue);
                break;
        }
        return due.Where(d => d is not null).Min();
    }

    private void Fire()
    {
        switch (_state)
        {
            case Main.AwaitingPayment:
                Complete("ExpiredUnpaid");
                break;
            case Main.PaymentReview when _reviewApproves == true:
                _state = Main.AwaitingShipment;
                _handlingDue = _now + terms.HandlingTime;
                break;
            case Main.PaymentReview:
                // Rejected, or no answer within PaymentReviewMax: the payment failed and the money goes back.
                Complete("PaymentFailed");
                RefundAll();
                break;
            case Main.AwaitingShipment when _now >= _handlingDue:
                // "If the handling deadline comes first, the order closes at the deadline as ClosedNotShipped."
                // Souk's choice on a tie with the seller's answer time: the deadline wins (it is the seller's failure).
                if (_cancellation == "Open") _cancellation = "ClosedByDeadline";
                Complete("ClosedNotShipped");
                RefundAll();
                break;
            case Main.AwaitingShipment:
                // A request the seller leaves unanswered is approved automatically.
                _cancellation = "AutoApproved";
                Complete("CancelledByBuyer");
                RefundAll();
                break;
            case Main.Shipped or Main.Completed when DisputeOpen:
                // The seller's silence accepts the dispute.
                SettleDisputeWithFullRefund();
                break;
            case Main.Shipped:
                Complete("Received");
                break;
            case Main.Completed:
                _released = true;
                break;
        }
    }

    private void SettleDisputeWithFullRefund()
    {
        _dispute = "Settled";
        RefundAll();
        _state = Main.Completed;
        _outcome = "RefundedInDispute";
        _completedAt ??= _now;
    }

    private void Complete(string outcome)
    {
        _state = Main.Completed;
        _outcome = outcome;
        _completedAt = _now;
        if (outcome == "Received" && MoneyHeld) _releaseDue = _now + terms.DisputeWindowAfterCompletion;
    }

    private void RefundAll()
    {
        if (_paid) _refunded = Total;
    }
}

/// <summary>The numbers the model needs: the policy's windows (spec §8 defaults) and the one listing's terms.</summary>
public sealed record ModelTerms
{
    public long TotalMinor { get; init; }
    public TimeSpan HandlingTime { get; init; } = TimeSpan.FromDays(3);
    public TimeSpan DeliveryEstimate { get; init; } = TimeSpan.FromDays(20);
    public TimeSpan ReviewDelay { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan PaymentWindow { get; init; } = TimeSpan.FromDays(20);
    public TimeSpan PaymentReviewMax { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan InstantCancelWindow { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan SellerCancelResponse { get; init; } = TimeSpan.FromHours(48);
    public TimeSpan DisputeOpensAfterShipment { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan DisputeWindowAfterCompletion { get; init; } = TimeSpan.FromDays(15);
    public TimeSpan SellerDisputeResponse { get; init; } = TimeSpan.FromDays(5);
}
