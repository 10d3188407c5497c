using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Money: partial refunds, missing and overdue refunds, escrow release and the ledger (Post, the one writer of the
// order's double entries), and how a refund is issued, split and paid. Refund stages fire here.
public sealed partial class Order
{
    /// <summary>
    /// The seller gives part of the money back (an item missing, a goodwill gesture); disputes use the same refunds.
    /// Several are allowed; together they never exceed what was paid. Each is its own cause (<c>partial:1</c>, <c>partial:2</c>…).
    /// </summary>
    public Refund RefundPart(Actor actor, long amountMinor, string? note, DateTimeOffset now, Rulebook rules)
    {
        note = TextLimits.Clean(note, "note", TextLimits.RefundNote);
        Require(OrderAction.RefundPart, now, rules);
        if (amountMinor < 1)
            throw RuleViolation.Invalid("refund-part.amount-out-of-range", "amountMinor", ("max", EscrowMinor), ("currency", Currency)).ToException();
        // More than escrow still holds is not bad input but the order's state (earlier refunds took it): a conflict, as nothing-held.
        if (amountMinor > EscrowMinor)
            throw RuleViolation.Refused("refund-part.more-than-held", null, ("max", EscrowMinor), ("currency", Currency)).ToException();
        if (string.IsNullOrWhiteSpace(note))
            throw RuleViolation.Invalid("refund-part.note-required", "note").ToException();
        var cause = $"partial:{_refunds.Count(r => r.Cause.StartsWith("partial:", StringComparison.Ordinal)) + 1}";
        IssueRefund(cause, amountMinor, actor, note, now, rules);
        RecomputeNextDeadline();
        return _refunds[^1];
    }

    /// <summary>The buyer says a refund never arrived: opens an admin case with the refund's history (spec §4).</summary>
    public void ReportMissingRefund(Actor actor, long refundId, string? message, DateTimeOffset now, Rulebook rules)
    {
        message = TextLimits.Clean(message, "message", TextLimits.RefundReport);
        Require(OrderAction.ReportMissingRefund, now, rules);
        var refund = FindRefund(refundId);
        if (ReportRefusal(refund, now, rules.Policy) is { } refusal) throw refusal.ToException();
        refund.ReportMissing(now, message ?? "");
        Record(now, "refund.reported-missing", actor, ("refundCause", refund.Cause), ("message", refund.ReportMessage));
    }

    /// <summary>
    /// An admin settles a refund that needs them (overdue, or reported missing): <c>paid-confirmed</c> when the provider
    /// confirms the money reached the method, <c>credit-balance</c> to put a refund that never left onto the platform balance.
    /// </summary>
    public void ResolveRefund(Actor actor, long refundId, string? resolution, string? note, DateTimeOffset now, Rulebook rules)
    {
        note = TextLimits.Clean(note, "note", TextLimits.CaseNote);
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
        refund.ResolveCase(now, actor.UserId ?? "", resolution, note);
        Record(now, "refund.case-resolved", actor, ("refundCause", refund.Cause), ("resolution", resolution), ("note", note));
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

    private void CloseWithRefund(OrderOutcome outcome, string cause, Responsibility? against, DateTimeOffset at, Rulebook rules)
    {
        Complete(outcome, at, against, rules);
        IssueFullRefund(cause, at, rules);
        RecomputeNextDeadline();
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

    /// <summary>A refund's stage ends (or the method refuses the money, or the provider is late).</summary>
    private void FireRefundStage(Refund refund, DateTimeOffset at)
    {
        if (refund.Stage == RefundStage.AwaitingRefund && Payment!.RefundsRefused)
        {
            // The method refuses the money (card closed, wallet gone) the moment processing hands it over: from then
            // on the refund is the buyer's balance's, not days later when the method's timing would have ended (spec §4).
            RedirectRefundToBalance(refund, at, "method-refused", Actor.System);
            _effects.Add(new RefundStageEnded(refund.Method, RefundStage.AwaitingRefund, at - refund.CreatedAt));
            return;
        }
        if (refund.Stage == RefundStage.Processing && Payment!.RefundsStall)
        {
            // The provider has not confirmed the money by the method's maximum time: admins must look (spec §4).
            refund.FlagOverdue(at);
            _effects.Add(new RefundFlaggedOverdue(refund.Method));
            Record(at, "refund.overdue", Actor.System, ("refundCause", refund.Cause), ("dueAt", refund.RefundedDueAt.ToString("O")));
            return;
        }
        var (ended, since) = (refund.Stage, refund.Stage == RefundStage.Processing ? refund.ProcessingAt ?? refund.CreatedAt : refund.CreatedAt);
        var stage = refund.Advance(at);
        _effects.Add(new RefundStageEnded(refund.Method, ended, at - since));
        if (stage == RefundStage.Refunded) PostRefundPaid(refund, at);
        Record(at, "refund.stage-changed", Actor.System, ("refundCause", refund.Cause), ("stage", stage.ToString()));
    }
}
