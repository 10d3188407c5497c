using Microsoft.Extensions.Options;
using Souk.Domain.Payments;

namespace Souk.Web.Payments;

/// <summary>
/// Where payments go. Real providers (card acquirer, e-wallets, phone billing) plug in behind this interface;
/// Souk ships the sandbox below.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Submits a payment for review and says how (and when) the provider will answer.</summary>
    PaymentSubmission Submit(long orderId, PaymentMethod method, string account, long amountMinor, string currency, DateTimeOffset now);

    /// <summary>How long refunds take to move through their stages, per method.</summary>
    RefundTimings RefundTimings { get; }
}

public enum SandboxReviewOutcome
{
    Approve,
    Reject,

    /// <summary>The provider never answers; the review times out after PaymentReviewMax.</summary>
    NoAnswer,
}

/// <summary><c>Souk:Sandbox</c>: the sandbox provider's behaviour, deterministic so tests and demos can rely on it.</summary>
public sealed class SandboxOptions
{
    /// <summary>How long the sandbox takes to answer a payment review.</summary>
    public TimeSpan ReviewDelay { get; set; } = TimeSpan.FromMinutes(5);

    public SandboxReviewOutcome ReviewOutcome { get; set; } = SandboxReviewOutcome.Approve;

    public RefundTimings RefundTimings { get; set; } = new();
}

/// <summary>
/// A deterministic provider for development and tests. Like card test numbers, the account decides the outcome
/// when it contains a magic word: "decline" → rejected, "silent" → never answers, "closed" → accepted but refunds to
/// it are refused (they go to the platform balance), "stall" → accepted but the provider never confirms a refund to it
/// (it is flagged to admins once overdue); otherwise <see cref="SandboxOptions.ReviewOutcome"/> applies.
/// </summary>
public sealed class SandboxPaymentProvider(IOptions<SandboxOptions> options) : IPaymentProvider
{
    public RefundTimings RefundTimings => options.Value.RefundTimings;

    public PaymentSubmission Submit(long orderId, PaymentMethod method, string account, long amountMinor, string currency, DateTimeOffset now)
    {
        var outcome = account.Contains("decline", StringComparison.OrdinalIgnoreCase) ? SandboxReviewOutcome.Reject
            : account.Contains("silent", StringComparison.OrdinalIgnoreCase) ? SandboxReviewOutcome.NoAnswer
            : options.Value.ReviewOutcome;
        var answer = outcome switch
        {
            SandboxReviewOutcome.Approve => ReviewAnswer.Approved,
            SandboxReviewOutcome.Reject => ReviewAnswer.Rejected,
            _ => ReviewAnswer.None,
        };
        var reference = $"sbx-{orderId}-{now.UtcTicks}";
        var refundsRefused = account.Contains("closed", StringComparison.OrdinalIgnoreCase);
        var refundsStall = account.Contains("stall", StringComparison.OrdinalIgnoreCase);
        return new PaymentSubmission(method, Mask(method, account), reference, answer, answer == ReviewAnswer.None ? null : now + options.Value.ReviewDelay,
            refundsRefused, RefundsStall: refundsStall);
    }

    /// <summary>Keeps only what a buyer needs to recognise where a refund goes (card ending, last phone digits).</summary>
    private static string Mask(PaymentMethod method, string account)
    {
        var trimmed = account.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return method switch
        {
            PaymentMethod.Card => $"card •••• {(digits.Length >= 4 ? digits[^4..] : digits)}",
            PaymentMethod.Phone => $"phone •••{(digits.Length >= 2 ? digits[^2..] : digits)}",
            _ => Infrastructure.TextShortening.Shorten(trimmed, 60),
        };
    }
}
