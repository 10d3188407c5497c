namespace Souk.Domain.Payments;

/// <summary>The three stages a buyer sees: Awaiting refund → Processing refund → Refunded.</summary>
public enum RefundStage
{
    AwaitingRefund,
    Processing,
    Refunded,
}

public enum RefundDestination
{
    OriginalMethod,
    PlatformBalance,
}

/// <summary>
/// Money going back to the method that paid. One refund per cause per order (the database enforces it too),
/// so a retried or replayed cancellation can never refund twice.
/// </summary>
public sealed class Refund
{
    private Refund() { Cause = ""; Currency = ""; Account = ""; }

    /// <param name="balancePartMinor">The share of <paramref name="amount"/> that goes back to the platform balance because the
    /// balance paid it (split payments); it is credited at once, the rest goes through the method's stages.</param>
    internal Refund(string cause, Money amount, long balancePartMinor, PaymentMethod method, string account, DateTimeOffset at, RefundStageTiming timing,
        string? note = null)
    {
        Cause = cause;
        AmountMinor = amount.Minor;
        BalancePartMinor = balancePartMinor;
        Currency = amount.Currency;
        Method = method;
        Account = account;
        Note = note;
        CreatedAt = at;
        Stage = RefundStage.AwaitingRefund;
        ProcessingDueAt = at + timing.ToProcessing;
        RefundedDueAt = at + (timing.ToRefunded < timing.ToProcessing ? timing.ToProcessing : timing.ToRefunded);
        if (MethodPartMinor == 0)
        {
            // Paid from the balance alone: back on the balance at once, no stages to wait for.
            Destination = RefundDestination.PlatformBalance;
            Stage = RefundStage.Refunded;
            ProcessingAt = at;
            RefundedAt = at;
        }
    }

    public long Id { get; private set; }

    /// <summary>Why the money goes back (<c>cancellation</c>, <c>payment-failed</c>, <c>closed-not-shipped</c>…); unique per order.</summary>
    public string Cause { get; private set; }

    public long AmountMinor { get; private set; }

    /// <summary>The part credited back to the platform balance at creation because the balance paid it.</summary>
    public long BalancePartMinor { get; private set; }

    /// <summary>The part going back to the method through the stages.</summary>
    public long MethodPartMinor => AmountMinor - BalancePartMinor;

    public string Currency { get; private set; }

    /// <summary>Why a partial refund was given, in the giver's words.</summary>
    public string? Note { get; private set; }
    public Money Amount => new(AmountMinor, Currency);
    public PaymentMethod Method { get; private set; }
    public string Account { get; private set; }
    public RefundStage Stage { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ProcessingAt { get; private set; }
    public DateTimeOffset? RefundedAt { get; private set; }
    public DateTimeOffset ProcessingDueAt { get; private set; }

    /// <summary>Where the money went: the method that paid, or — when that method refused it — the buyer's platform balance.</summary>
    public RefundDestination Destination { get; private set; }

    /// <summary>Why the money went to the balance instead (<c>method-refused</c>), shown on the order.</summary>
    public string? RedirectReason { get; private set; }
    /// <summary>When the payment provider's own timing brings the money (the sandbox's <c>RefundTimings</c>); not a promise.</summary>
    public DateTimeOffset RefundedDueAt { get; private set; }

    /// <summary>The promise to the buyer: the money arrives within the method's <c>RefundTime</c> of the policy, counted from
    /// creation. Before then a refund cannot be reported missing; a provider that has not confirmed it by then is flagged.</summary>
    public DateTimeOffset MaxArrivalAt(Policy policy) => CreatedAt + policy.RefundTime.For(Method);

    /// <summary>When this refund next changes stage, or null once the money has arrived (or it is overdue and waits for an admin).</summary>
    public DateTimeOffset? NextStageAt => Stage switch
    {
        RefundStage.AwaitingRefund => ProcessingDueAt,
        RefundStage.Processing when OverdueSince is null => RefundedDueAt,
        _ => null,
    };

    /// <summary>The provider had not confirmed the refund by its method's maximum time: flagged to admins.</summary>
    public DateTimeOffset? OverdueSince { get; private set; }

    /// <summary>The buyer said the money never arrived: an admin case with this refund's history.</summary>
    public DateTimeOffset? ReportedMissingAt { get; private set; }
    public string? ReportMessage { get; private set; }
    public DateTimeOffset? CaseResolvedAt { get; private set; }
    public string? CaseResolvedBy { get; private set; }

    /// <summary><c>paid-confirmed</c> or <c>credited-to-balance</c>.</summary>
    public string? CaseResolution { get; private set; }
    public string? CaseNote { get; private set; }

    /// <summary>Needs an admin: overdue and not refunded, or reported missing and not yet resolved.</summary>
    public bool NeedsAdmin => CaseResolvedAt is null && (ReportedMissingAt is not null || (OverdueSince is not null && Stage != RefundStage.Refunded));

    internal void FlagOverdue(DateTimeOffset at) => OverdueSince = at;

    internal void ReportMissing(DateTimeOffset at, string message)
    {
        ReportedMissingAt = at;
        ReportMessage = message;
        // A report after an admin settled an overdue refund opens a new case (the timeline keeps the earlier one).
        CaseResolvedAt = null;
        CaseResolvedBy = null;
        CaseResolution = null;
        CaseNote = null;
    }

    internal void ResolveCase(DateTimeOffset at, string adminId, string resolution, string note)
    {
        CaseResolvedAt = at;
        CaseResolvedBy = adminId;
        CaseResolution = resolution;
        CaseNote = note;
    }

    /// <summary>The method refused the money when processing began (or an admin decided): it is credited to the platform
    /// balance at once.</summary>
    internal void RedirectToBalance(DateTimeOffset at, string reason)
    {
        Destination = RefundDestination.PlatformBalance;
        RedirectReason = reason;
        ProcessingAt ??= at;
        Stage = RefundStage.Refunded;
        RefundedAt = at;
    }

    /// <summary>An admin confirmed with the provider that the money arrived.</summary>
    internal void MarkRefunded(DateTimeOffset at)
    {
        ProcessingAt ??= at;
        Stage = RefundStage.Refunded;
        RefundedAt = at;
    }

    /// <summary>Moves one stage on, effective at <paramref name="at"/> (the stage's due time).</summary>
    internal RefundStage Advance(DateTimeOffset at)
    {
        switch (Stage)
        {
            case RefundStage.AwaitingRefund:
                Stage = RefundStage.Processing;
                ProcessingAt = at;
                break;
            case RefundStage.Processing:
                Stage = RefundStage.Refunded;
                RefundedAt = at;
                break;
        }
        return Stage;
    }
}
