namespace Souk.Domain.Payments;

/// <summary>How a buyer paid; a refund goes back the same way.</summary>
public enum PaymentMethod
{
    Card,
    EWallet,
    Phone,
    Balance,
}

/// <summary>What the payment provider said about a payment under review.</summary>
public enum ReviewAnswer
{
    /// <summary>The provider has not answered (yet); the review times out at <see cref="Policy.PaymentReviewMax"/>.</summary>
    None,
    Approved,
    Rejected,
}

/// <summary>
/// A payment as the provider accepted it for review. The sandbox provider knows its answer and when it
/// arrives at submission time, so the answer is stored as a deadline and replays deterministically; a real
/// provider would answer later through the same verb (<c>Order.RecordReviewAnswer</c>).
/// </summary>
/// <param name="RefundsRefused">The method will refuse refunds (a closed card, a deleted wallet); refunds then go to the
/// buyer's platform balance. The sandbox knows this up front; a real provider says so when a refund fails.</param>
/// <param name="BalanceMinor">The part paid from the buyer's platform balance (a split payment); the method pays the rest.
/// A payment with <see cref="PaymentMethod.Balance"/> alone has all of it here.</param>
/// <param name="RefundsStall">The provider never confirms a refund (sandbox): the refund is flagged to admins once past its
/// method's maximum time.</param>
public sealed record PaymentSubmission(PaymentMethod Method, string Account, string Reference, ReviewAnswer Answer, DateTimeOffset? AnswerAt,
    bool RefundsRefused = false, long BalanceMinor = 0, bool RefundsStall = false)
{
    /// <summary>Paying with the platform balance alone: no provider is involved, so there is nothing to review.</summary>
    public static PaymentSubmission FromBalance(long orderId, long amountMinor, DateTimeOffset now) =>
        new(PaymentMethod.Balance, "platform balance", $"balance-{orderId}", ReviewAnswer.Approved, now, BalanceMinor: amountMinor);
}

/// <summary>How long the payment provider takes to move a refund through its stages, per method.</summary>
public sealed record RefundTimings
{
    public RefundStageTiming Card { get; init; } = new(TimeSpan.FromHours(6), TimeSpan.FromDays(5));
    public RefundStageTiming EWallet { get; init; } = new(TimeSpan.FromHours(1), TimeSpan.FromDays(1));
    public RefundStageTiming Phone { get; init; } = new(TimeSpan.FromHours(2), TimeSpan.FromDays(2));
    public RefundStageTiming Balance { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public RefundStageTiming For(PaymentMethod method) => method switch
    {
        PaymentMethod.Card => Card,
        PaymentMethod.EWallet => EWallet,
        PaymentMethod.Phone => Phone,
        PaymentMethod.Balance => Balance,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}

/// <summary>From creation: when processing starts, and when the money arrives (both measured from creation).</summary>
public sealed record RefundStageTiming(TimeSpan ToProcessing, TimeSpan ToRefunded)
{
    public RefundStageTiming() : this(TimeSpan.Zero, TimeSpan.Zero) { }
}
