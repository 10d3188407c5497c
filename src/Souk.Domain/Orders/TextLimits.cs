namespace Souk.Domain.Orders;

/// <summary>
/// The free texts of an order and the most characters each may hold, in one table: the verbs refuse longer text, and
/// the EF configuration sizes the columns from the same numbers, so a text the rules accept always fits.
/// One rule for every one of them (<see cref="Clean"/>): the blanks around a text are not part of it, a blank text is
/// no text (the verb then says whether it was required), and a text longer than its limit is refused with
/// <c>text.too-long</c> — never cut.
/// </summary>
public static class TextLimits
{
    public const int CancellationComment = 1000;
    public const int SellerMessage = 1000;          // refusing a cancellation
    public const int ExtensionMessage = 1000;       // asking for more handling time or longer protection
    public const int Carrier = 100;
    public const int TrackingNumber = 100;          // the shipment's and the return's
    public const int TrackingDescription = 500;
    public const int TrackingLocation = 200;
    public const int DisputeComment = 2000;
    public const int DisputeMessage = 2000;         // the seller's answer to a dispute
    public const int Ruling = 4000;
    public const int RefundNote = 500;              // a partial refund's reason
    public const int RefundReport = 1000;           // the buyer's report of a missing refund
    public const int CaseNote = 1000;               // the admin's settlement of a refund case

    /// <summary>The text without its surrounding blanks, null when blank; refused when longer than <paramref name="max"/>.</summary>
    public static string? Clean(string? text, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length > max ? throw RuleViolation.Invalid("text.too-long", field, ("max", max)).ToException() : trimmed;
    }
}
