using System.Net;
using System.Net.Sockets;

namespace Souk.Web.Features.Webhooks;

/// <summary>
/// Which URLs Souk will call. A seller controls its endpoint's URL, so in production only public https targets are
/// allowed, checked twice: when the URL is saved (a literal address or <c>localhost</c>) and again when connecting
/// (the address the name resolves to then, so a name that later points inside the network is refused too).
/// </summary>
public static class WebhookTargets
{
    /// <summary>Null when <paramref name="url"/> may be used; otherwise the refusal code.</summary>
    public static string? Problem(string? url, bool allowInsecure, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > Data.Webhooks.WebhookEndpoint.MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0)
            return "webhook.url-invalid";
        if (!allowInsecure)
        {
            if (parsed.Scheme != "https") return "webhook.url-not-https";
            if (parsed.IsLoopback || (IPAddress.TryParse(parsed.DnsSafeHost, out var ip) && IsPrivate(ip))) return "webhook.url-private";
        }
        uri = parsed;
        return null;
    }

    /// <summary>The handler behind the dispatcher's HttpClient: no redirects (a 3xx is a failed attempt) and the address check.</summary>
    public static SocketsHttpHandler Handler(bool allowInsecure) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = allowInsecure ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
            if (allowed.Length == 0)
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to private or loopback addresses, which webhooks may not call.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,   // carrier-grade NAT
            169 => b[1] == 254,                // link-local, including cloud metadata services
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168,
            _ => false,
        };
    }
}
