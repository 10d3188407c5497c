using System.Globalization;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Money as people read and type it: minor units (what Souk stores and the API carries) shown in major units with the
/// currency's minor digits and the reader's number format, then the code — "1,299.50 USD", in Russian "1 299,50 USD",
/// "1,299 JPY". The one formatter for pages and sentences (refusals, their <c>detail</c>s and <c>actions[].reason</c>s).
/// </summary>
public static class MoneyText
{
    // ISO 4217 currencies without two minor digits; every other code has two (Souk accepts any three-letter code).
    private static readonly Dictionary<string, int> OtherMinorDigits = new(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0, ["PYG"] = 0,
        ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    /// <summary>How many minor digits the currency has (2 for USD: 1299 minor units are 12.99).</summary>
    public static int MinorDigits(string? currency) => currency is not null && OtherMinorDigits.TryGetValue(currency, out var digits) ? digits : 2;

    /// <summary>The amount in the current culture's number format (the page viewer's language).</summary>
    public static string Format(long minor, string? currency) => Format(minor, currency, CultureInfo.CurrentCulture);

    /// <summary>The amount in <paramref name="culture"/>'s number format with group separators; without a currency, just the number.</summary>
    public static string Format(long minor, string? currency, CultureInfo culture)
    {
        var digits = MinorDigits(currency);
        var number = ToMajor(minor, currency).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), culture);
        return string.IsNullOrEmpty(currency) ? number : number + " " + currency;
    }

    /// <summary>Minor units as a form field's value in major units, without group separators, so <see cref="ToMinor"/> reads it back.</summary>
    public static string Major(long minor, string? currency) =>
        ToMajor(minor, currency).ToString("F" + MinorDigits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>An amount typed in major units ("12.50", or "12,50" in Russian) as minor units; null when it is not a number
    /// or has more digits after the separator than the currency has.</summary>
    public static long? ToMinor(string? major, string? currency)
    {
        if (string.IsNullOrWhiteSpace(major)) return null;
        if (!decimal.TryParse(major, NumberStyles.Number, CultureInfo.CurrentCulture, out var amount)
            && !decimal.TryParse(major, NumberStyles.Number, CultureInfo.InvariantCulture, out amount)) return null;
        var minor = amount * Scale(currency);
        // A fraction of a minor unit cannot be paid; refuse it rather than round it silently. Far out of range reads as
        // no number too: every caller then refuses it as out of range.
        return minor == decimal.Truncate(minor) && minor is >= long.MinValue and <= long.MaxValue ? (long)minor : null;
    }

    private static decimal ToMajor(long minor, string? currency) => minor / Scale(currency);

    private static decimal Scale(string? currency) => MinorDigits(currency) switch { 0 => 1m, 3 => 1_000m, 4 => 10_000m, _ => 100m };
}
