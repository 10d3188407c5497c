namespace Souk.Domain;

/// <summary>
/// Every time window and limit of the order rules (spec §8), bound from <c>Souk:Policy</c>.
/// Code never hard-codes these numbers; the defaults below are the spec's.
/// </summary>
public sealed record Policy
{
    /// <summary>An unpaid order closes itself (ExpiredUnpaid) after this long.</summary>
    public TimeSpan PaymentWindow { get; init; } = TimeSpan.FromDays(20);

    /// <summary>A buyer with this many orders awaiting payment cannot place another.</summary>
    public int MaxUnpaidOrders { get; init; } = 10;

    /// <summary>This many orders expiring unpaid within <see cref="UnpaidExpiryBlockPeriod"/> blocks the buyer from ordering.</summary>
    public int UnpaidExpiryBlockThreshold { get; init; } = 20;

    public TimeSpan UnpaidExpiryBlockPeriod { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The longest a payment may stay under review; no answer by then means the payment failed.</summary>
    public TimeSpan PaymentReviewMax { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Right after paying the buyer may cancel at once, without the seller, for this long.</summary>
    public TimeSpan InstantCancelWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A cancellation request the seller leaves unanswered this long is approved automatically.</summary>
    public TimeSpan SellerCancelResponse { get; init; } = TimeSpan.FromHours(48);

    /// <summary>The most extra handling time an order can get, all extensions together.</summary>
    public TimeSpan MaxHandlingExtension { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Buyer protection after shipping when the shipping method gives no delivery estimate.</summary>
    public TimeSpan BuyerProtection { get; init; } = TimeSpan.FromDays(60);

    /// <summary>The seller's time to answer a request to extend buyer protection; silence declines it.</summary>
    public TimeSpan ProtectionExtensionResponse { get; init; } = TimeSpan.FromDays(3);

    public TimeSpan MaxProtectionExtension { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan DisputeOpensAfterShipment { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan DisputeWindowAfterCompletion { get; init; } = TimeSpan.FromDays(15);
    public TimeSpan SellerDisputeResponse { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan EscalationAllowedAfter { get; init; } = TimeSpan.FromDays(3);
    public TimeSpan NegotiationWindow { get; init; } = TimeSpan.FromDays(15);
    public TimeSpan ReturnShipWindow { get; init; } = TimeSpan.FromDays(10);
    public TimeSpan ReturnAutoAccept { get; init; } = TimeSpan.FromDays(15);
    public TimeSpan InvestigationEvidenceWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The longest each payment method may take to refund; a refund past it is flagged to admins.</summary>
    public RefundTimePolicy RefundTime { get; init; } = new();

    /// <summary>How long before a deadline the people concerned are warned.</summary>
    public TimeSpan DeadlineWarning { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Creating calls (checkout, pay, cancel…) each user may make per minute.</summary>
    public int CreatingCallsPerMinute { get; init; } = 60;

    /// <summary>Problems with this policy, one sentence each; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in Windows())
        {
            if (value < TimeSpan.Zero)
                problems.Add($"Souk:Policy:{name} is {value}; a time window cannot be negative.");
        }
        foreach (var (name, value) in new[] { ("PaymentWindow", PaymentWindow), ("PaymentReviewMax", PaymentReviewMax), ("BuyerProtection", BuyerProtection) })
        {
            if (value == TimeSpan.Zero)
                problems.Add($"Souk:Policy:{name} is zero; orders would close the moment they start.");
        }
        if (MaxUnpaidOrders < 1) problems.Add($"Souk:Policy:MaxUnpaidOrders is {MaxUnpaidOrders}; it must be at least 1 or nobody could order.");
        if (UnpaidExpiryBlockThreshold < 1) problems.Add($"Souk:Policy:UnpaidExpiryBlockThreshold is {UnpaidExpiryBlockThreshold}; it must be at least 1.");
        if (CreatingCallsPerMinute < 1) problems.Add($"Souk:Policy:CreatingCallsPerMinute is {CreatingCallsPerMinute}; it must be at least 1.");
        return problems;
    }

    /// <summary>Every window with its configuration name, for validation and for the Help page.</summary>
    public IEnumerable<(string Name, TimeSpan Value)> Windows()
    {
        yield return (nameof(PaymentWindow), PaymentWindow);
        yield return (nameof(UnpaidExpiryBlockPeriod), UnpaidExpiryBlockPeriod);
        yield return (nameof(PaymentReviewMax), PaymentReviewMax);
        yield return (nameof(InstantCancelWindow), InstantCancelWindow);
        yield return (nameof(SellerCancelResponse), SellerCancelResponse);
        yield return (nameof(MaxHandlingExtension), MaxHandlingExtension);
        yield return (nameof(BuyerProtection), BuyerProtection);
        yield return (nameof(ProtectionExtensionResponse), ProtectionExtensionResponse);
        yield return (nameof(MaxProtectionExtension), MaxProtectionExtension);
        yield return (nameof(DisputeOpensAfterShipment), DisputeOpensAfterShipment);
        yield return (nameof(DisputeWindowAfterCompletion), DisputeWindowAfterCompletion);
        yield return (nameof(SellerDisputeResponse), SellerDisputeResponse);
        yield return (nameof(EscalationAllowedAfter), EscalationAllowedAfter);
        yield return (nameof(NegotiationWindow), NegotiationWindow);
        yield return (nameof(ReturnShipWindow), ReturnShipWindow);
        yield return (nameof(ReturnAutoAccept), ReturnAutoAccept);
        yield return (nameof(InvestigationEvidenceWindow), InvestigationEvidenceWindow);
        yield return ("RefundTime:Card", RefundTime.Card);
        yield return ("RefundTime:EWallet", RefundTime.EWallet);
        yield return ("RefundTime:Phone", RefundTime.Phone);
        yield return ("RefundTime:Balance", RefundTime.Balance);
        yield return (nameof(DeadlineWarning), DeadlineWarning);
    }
}

/// <summary>The longest a refund to each method may take (spec: "2–15 days" for cards).</summary>
public sealed record RefundTimePolicy
{
    public TimeSpan Card { get; init; } = TimeSpan.FromDays(15);
    public TimeSpan EWallet { get; init; } = TimeSpan.FromDays(3);
    public TimeSpan Phone { get; init; } = TimeSpan.FromDays(5);
    public TimeSpan Balance { get; init; } = TimeSpan.Zero;

    public TimeSpan For(Payments.PaymentMethod method) => method switch
    {
        Payments.PaymentMethod.Card => Card,
        Payments.PaymentMethod.EWallet => EWallet,
        Payments.PaymentMethod.Phone => Phone,
        Payments.PaymentMethod.Balance => Balance,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
