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

    internal Refund(string cause, Money amount, PaymentMethod method, string account, DateTimeOffset at, RefundStageTiming timing)
    {
        Cause = cause;
        AmountMinor = amount.Minor;
        Currency = amount.Currency;
        Method = method;
        Account = account;
        CreatedAt = at;
        Stage = RefundStage.AwaitingRefund;
        ProcessingDueAt = at + timing.ToProcessing;
        RefundedDueAt = at + (timing.ToRefunded < timing.ToProcessing ? timing.ToProcessing : timing.ToRefunded);
    }

    public long Id { get; private set; }

    /// <summary>Why the money goes back (<c>cancellation</c>, <c>payment-failed</c>, <c>closed-not-shipped</c>…); unique per order.</summary>
    public string Cause { get; private set; }

    public long AmountMinor { get; private set; }
    public string Currency { get; private set; }
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
    public DateTimeOffset RefundedDueAt { get; private set; }

    /// <summary>When this refund next changes stage, or null once the money has arrived.</summary>
    public DateTimeOffset? NextStageAt => Stage switch
    {
        RefundStage.AwaitingRefund => ProcessingDueAt,
        RefundStage.Processing => RefundedDueAt,
        _ => null,
    };

    /// <summary>The method refused the money at processing: it is credited to the platform balance at once.</summary>
    internal void RedirectToBalance(DateTimeOffset at, string reason)
    {
        Destination = RefundDestination.PlatformBalance;
        RedirectReason = reason;
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
