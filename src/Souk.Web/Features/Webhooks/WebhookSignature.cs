using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Souk.Web.Features.Webhooks;

/// <summary>
/// How a delivery is signed: <c>Souk-Signature: v1=</c> followed by the lower-case hex HMAC-SHA256, keyed with the
/// endpoint's secret, of <c>{Souk-Timestamp}.{raw body}</c>. A receiver recomputes it over the bytes it received and
/// compares in constant time; checking that the timestamp is recent stops an old delivery being replayed at it.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "Souk-Signature";
    public const string TimestampHeader = "Souk-Timestamp";
    public const string EventIdHeader = "Souk-Event-Id";
    public const string EventTypeHeader = "Souk-Event-Type";
    public const string AttemptHeader = "Souk-Delivery-Attempt";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static bool Verify(string secret, long unixSeconds, string body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(header));

    /// <summary>A new random secret, for endpoints registered without one.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
