using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Souk.Web.Features.Webhooks;

/// <summary>
/// Which URLs Souk will call. A seller controls its endpoint's URL, so in production only https to <b>global unicast</b>
/// addresses is allowed (server-side request forgery: a URL must not make Souk open connections inside its own network
/// or to itself). Checked twice: when the URL is saved (a literal address, or a name that is local by its form) and
/// again when connecting, on every address the name resolves to then, so a name that later points inside is refused too.
/// <c>Souk:Webhooks:AllowInsecureTargets</c> switches both checks off, for local receivers in development.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why an address is refused: the registry entry it falls in (or this host's own address).</summary>
    public sealed record Refusal(string Range, string Name, string Rfc)
    {
        public override string ToString() => $"{Name}, {Range}, {Rfc}";
    }

    /// <summary>An entry of the special-purpose registries, all refused (the longest match names the reason).</summary>
    public sealed record SpecialRange(IPNetwork Network, string Name, string Rfc)
    {
        public SpecialRange(string cidr, string name, string rfc) : this(IPNetwork.Parse(cidr), name, rfc) { }
    }

    /// <summary>
    /// The IANA IPv4 special-purpose address registry, every entry, plus multicast and limited broadcast. Every entry is
    /// refused — also the few the registry marks globally reachable (protocol anycast, AS112, AMT): they are protocol
    /// infrastructure, never a webhook receiver.
    /// </summary>
    public static readonly IReadOnlyList<SpecialRange> IPv4Special =
    [
        new("0.0.0.0/8", "This network", "RFC 791"),
        new("0.0.0.0/32", "This host on this network", "RFC 1122"),
        new("10.0.0.0/8", "Private-Use", "RFC 1918"),
        new("100.64.0.0/10", "Shared Address Space (carrier-grade NAT)", "RFC 6598"),
        new("127.0.0.0/8", "Loopback", "RFC 1122"),
        new("169.254.0.0/16", "Link Local (cloud metadata services)", "RFC 3927"),
        new("172.16.0.0/12", "Private-Use", "RFC 1918"),
        new("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890"),
        new("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335"),
        new("192.0.0.8/32", "IPv4 dummy address", "RFC 7600"),
        new("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723"),
        new("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
        new("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880"),
        new("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880"),
        new("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
        new("192.31.196.0/24", "AS112-v4", "RFC 7535"),
        new("192.52.193.0/24", "AMT", "RFC 7450"),
        new("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
        new("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751"),
        new("192.168.0.0/16", "Private-Use", "RFC 1918"),
        new("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534"),
        new("198.18.0.0/15", "Benchmarking", "RFC 2544"),
        new("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
        new("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
        new("224.0.0.0/4", "Multicast", "RFC 5771"),
        new("240.0.0.0/4", "Reserved", "RFC 1112"),
        new("255.255.255.255/32", "Limited Broadcast", "RFC 919"),
    ];

    /// <summary>
    /// The IANA IPv6 special-purpose address registry, every entry, plus link-local and multicast; anything outside
    /// 2000::/3 is not global unicast (RFC 4291). The IPv4-embedding forms (mapped, NAT64's well-known prefix, 6to4,
    /// Teredo) are not in this list: they are judged by the IPv4 address they carry (<see cref="Check(IPAddress, IReadOnlySet{IPAddress})"/>).
    /// </summary>
    public static readonly IReadOnlyList<SpecialRange> IPv6Special =
    [
        new("::1/128", "Loopback Address", "RFC 4291"),
        new("::/128", "Unspecified Address", "RFC 4291"),
        new("64:ff9b:1::/48", "IPv4-IPv6 Translation (local use)", "RFC 8215"),
        new("100::/64", "Discard-Only Address Block", "RFC 6666"),
        new("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780"),
        new("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
        new("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723"),
        new("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
        new("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665"),
        new("2001:2::/48", "Benchmarking", "RFC 5180"),
        new("2001:3::/32", "AMT", "RFC 7450"),
        new("2001:4:112::/48", "AS112-v6", "RFC 7535"),
        new("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843"),
        new("2001:20::/28", "ORCHIDv2", "RFC 7343"),
        new("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374"),
        new("2001:db8::/32", "Documentation", "RFC 3849"),
        new("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534"),
        new("3fff::/20", "Documentation", "RFC 9637"),
        new("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
        new("fc00::/7", "Unique-Local", "RFC 4193"),
        new("fe80::/10", "Link-Local Unicast", "RFC 4291"),
        new("ff00::/8", "Multicast", "RFC 4291"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>Null when <paramref name="address"/> is a global unicast address that is not one of this host's own.</summary>
    public static Refusal? Check(IPAddress address, IReadOnlySet<IPAddress> ownAddresses)
    {
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal) address = new IPAddress(address.GetAddressBytes()); // the zone (%eth0) is not part of it
        if (ownAddresses.Contains(address)) return OwnAddress(address);
        if (address.AddressFamily == AddressFamily.InterNetwork) return Match(IPv4Special, address);
        var b = address.GetAddressBytes();
        // An IPv6 address that carries an IPv4 address reaches that IPv4 host: judged by it.
        if (address.IsIPv4MappedToIPv6) return Embedded("IPv4-mapped", "RFC 4291", b[12..16], ownAddresses);
        if (Nat64.Contains(address)) return Embedded("NAT64", "RFC 6052", b[12..16], ownAddresses);
        if (SixToFour.Contains(address)) return Embedded("6to4", "RFC 3056", b[2..6], ownAddresses);
        if (Teredo.Contains(address))
            return Embedded("Teredo server", "RFC 4380", b[4..8], ownAddresses)
                ?? Embedded("Teredo client", "RFC 4380", b[12..16].Select(x => (byte)~x).ToArray(), ownAddresses);
        return Match(IPv6Special, address)
            ?? (GlobalUnicast.Contains(address) ? null : new Refusal("outside 2000::/3", "not global unicast", "RFC 4291"));
    }

    private static Refusal OwnAddress(IPAddress address) => new(address.ToString(), "this host's own address", "Souk's network interfaces");

    private static Refusal? Embedded(string form, string rfc, byte[] ipv4, IReadOnlySet<IPAddress> own) =>
        Check(new IPAddress(ipv4), own) is { } inner
            ? new Refusal(inner.Range, $"{form} ({rfc}) of {new IPAddress(ipv4)}: {inner.Name}", inner.Rfc)
            : null;

    private static Refusal? Match(IReadOnlyList<SpecialRange> table, IPAddress address)
    {
        SpecialRange? best = null;
        foreach (var range in table)
            if (range.Network.Contains(address) && (best is null || range.Network.PrefixLength > best.Network.PrefixLength))
                best = range;
        return best is null ? null : new Refusal(best.Network.ToString(), best.Name, best.Rfc);
    }

    /// <summary>This host's own unicast addresses, on every interface but loopback (read at each connect: interfaces change).</summary>
    public static IReadOnlySet<IPAddress> OwnAddresses()
    {
        var own = new HashSet<IPAddress>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                // Loopback is refused by the registry already, under its own name.
                if (!IPAddress.IsLoopback(unicast.Address)) own.Add(new IPAddress(unicast.Address.GetAddressBytes()));
        }
        catch (NetworkInformationException)
        {
            // Interfaces unreadable: the registry ranges still apply (loopback and the private ranges among them).
        }
        return own;
    }

    /// <summary>
    /// Names that stay on this machine or its cloud's network whatever the DNS says: <c>localhost</c> and
    /// <c>*.localhost</c> (RFC 6761), the <c>ip6-*</c> loopback and multicast names of /etc/hosts, the metadata services'
    /// names, the private-use top-level names (<c>.internal</c>, <c>.local</c>, <c>.home.arpa</c>), and names without a
    /// dot (found through local search domains and hosts files, not the public DNS).
    /// </summary>
    public static bool IsLocalName(string host)
    {
        var name = NormaliseName(host);
        return name.Length == 0 || !name.Contains('.') || name.StartsWith("ip6-", StringComparison.Ordinal)
            || name is "localhost" or "metadata.google.internal" or "metadata.goog" or "instance-data.ec2.internal"
            || name.EndsWith(".localhost", StringComparison.Ordinal) || name.EndsWith(".internal", StringComparison.Ordinal)
            || name.EndsWith(".local", StringComparison.Ordinal) || name.EndsWith(".localdomain", StringComparison.Ordinal)
            || name.EndsWith(".home.arpa", StringComparison.Ordinal);
    }

    /// <summary>A name as DNS compares it: lower case, without the trailing dot of a fully qualified name.</summary>
    public static string NormaliseName(string host) => host.TrimEnd('.').ToLowerInvariant();

    /// <summary>Null when <paramref name="url"/> may be used; otherwise the refusal code and its arguments.</summary>
    public static (string Code, (string Name, object? Value)[] Args)? Problem(string? url, bool allowInsecure, out Uri? uri) =>
        Problem(url, allowInsecure, OwnAddresses(), out uri);

    public static (string Code, (string Name, object? Value)[] Args)? Problem(string? url, bool allowInsecure, IReadOnlySet<IPAddress> ownAddresses,
        out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > Data.Webhooks.WebhookEndpoint.MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0)
            return ("webhook.url-invalid", []);
        if (!allowInsecure)
        {
            if (parsed.Scheme != "https") return ("webhook.url-not-https", []);
            if (IPAddress.TryParse(parsed.DnsSafeHost, out var ip))
            {
                if (Check(ip, ownAddresses) is { } refusal)
                    return refusal == OwnAddress(ip) ? ("webhook.url-own-address", [("address", ip.ToString())])
                        : ("webhook.url-private", [("address", ip.ToString()), ("range", refusal.ToString())]);
            }
            else if (IsLocalName(parsed.IdnHost))
                return ("webhook.url-local-name", [("host", NormaliseName(parsed.IdnHost))]);
        }
        uri = parsed;
        return null;
    }

    /// <summary>The addresses a connection may use, and the others with the reason each is refused (for the delivery log).</summary>
    public static (IPAddress[] Allowed, string Refused) Screen(IReadOnlyList<IPAddress> addresses, IReadOnlySet<IPAddress> ownAddresses)
    {
        var checks = addresses.Select(a => (Address: a, Why: Check(a, ownAddresses))).ToList();
        return (checks.Where(c => c.Why is null).Select(c => c.Address).ToArray(),
            string.Join("; ", checks.Where(c => c.Why is not null).Select(c => $"{c.Address} ({c.Why})")));
    }

    /// <summary>Resolves a host name to its addresses: the DNS in production (a service, so a test can point a name at
    /// an address of its choosing and the rest of the connect step runs as in production).</summary>
    public delegate Task<IPAddress[]> Resolver(string host, CancellationToken ct);

    /// <summary>
    /// The handler behind the dispatcher's HttpClient: no redirects (a 3xx is a failed attempt), and every connection made
    /// here: the name resolved, every address checked, the socket connected only to a checked one (so a DNS answer that
    /// changes between a check and the connect cannot slip through), and the address used noted for the delivery log.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowInsecure, Resolver? resolve = null) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal]
                : await (resolve ?? Dns.GetHostAddressesAsync)(host, ct);
            var allowed = addresses;
            if (!allowInsecure)
            {
                (allowed, var refused) = Screen(addresses, OwnAddresses());
                if (allowed.Length == 0)
                    throw new HttpRequestException(addresses.Length == 0 ? $"{host} resolves to no address."
                        : $"{host} resolves only to addresses webhooks may not call: {refused}.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new PeerStream(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static readonly AsyncLocal<StrongBox<IPAddress?>?> CurrentPeer = new();

    /// <summary>
    /// Starts noting the address the requests sent from the calling flow go to (see <see cref="PeerStream"/>); read the
    /// box after the request. Connections are pooled, so the address is taken when the request is written, not when a
    /// connection is made.
    /// </summary>
    public static StrongBox<IPAddress?> WatchPeer() => CurrentPeer.Value = new StrongBox<IPAddress?>();

    /// <summary>A connection's stream that notes its remote address into the writing request's <see cref="WatchPeer"/> box.
    /// HTTP/1.1 writes a request from the request's own flow, so the note lands on the right delivery.</summary>
    private sealed class PeerStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
    {
        private readonly IPAddress? _remote = (socket.RemoteEndPoint as IPEndPoint)?.Address is { } a && a.IsIPv4MappedToIPv6 ? a.MapToIPv4()
            : (socket.RemoteEndPoint as IPEndPoint)?.Address;

        private void Note()
        {
            if (CurrentPeer.Value is { } box) box.Value = _remote;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Note();
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Note();
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Note();
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Note();
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
