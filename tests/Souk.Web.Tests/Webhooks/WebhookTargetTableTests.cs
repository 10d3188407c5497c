using System.Net;
using Souk.Web.Features.Webhooks;
using Souk.Web.Infrastructure;

namespace Souk.Web.Tests.Webhooks;

/// <summary>
/// Which webhook targets production accepts (pure: no host, no database): each row a URL, the refusal code or null for
/// accepted, and the reason the refusal names. Only global unicast addresses pass; every entry of the IANA special-purpose
/// registries is refused, IPv4 carried in IPv6 (mapped, NAT64, 6to4, Teredo) is judged by that IPv4 address, this host's
/// own addresses are refused (here a made-up own address, 8.8.4.4, so the row does not depend on the machine), and names
/// local by their form are refused whatever their case or trailing dot.
/// </summary>
public sealed class WebhookTargetTableTests
{
    private static readonly IReadOnlySet<IPAddress> Own = new HashSet<IPAddress> { IPAddress.Parse("8.8.4.4") };

    private const string Private = "webhook.url-private", LocalName = "webhook.url-local-name", OwnAddress = "webhook.url-own-address";

    [Theory]
    // Accepted: global unicast, also carried in IPv6, and public names.
    [InlineData("https://hooks.example.com/souk", null, "a public name")]
    [InlineData("https://xn--bcher-kva.example/hooks", null, "a public name (IDN)")]
    [InlineData("https://8.8.8.8/hooks", null, "global unicast")]
    [InlineData("https://100.128.0.1/", null, "just past Shared Address Space 100.64.0.0/10")]
    [InlineData("https://172.32.0.1/", null, "just past Private-Use 172.16.0.0/12")]
    [InlineData("https://198.20.0.1/", null, "just past Benchmarking 198.18.0.0/15")]
    [InlineData("https://223.255.255.254/", null, "just below multicast")]
    [InlineData("https://[2606:4700:4700::1111]/", null, "IPv6 global unicast")]
    [InlineData("https://[::ffff:8.8.8.8]/", null, "IPv4-mapped of a global address")]
    [InlineData("https://[64:ff9b::808:808]/", null, "NAT64 of a global address")]
    [InlineData("https://[2002:808:808::1]/", null, "6to4 of a global address")]
    // Refused: the IPv4 special-purpose registry, multicast and broadcast.
    [InlineData("https://0.0.0.0/", Private, "This host on this network")]
    [InlineData("https://0.1.2.3/", Private, "This network")]
    [InlineData("https://10.1.2.3/", Private, "Private-Use, 10.0.0.0/8, RFC 1918")]
    [InlineData("https://100.64.0.1/", Private, "Shared Address Space")]
    [InlineData("https://127.0.0.1/", Private, "Loopback")]
    [InlineData("https://127.1.2.3/", Private, "Loopback")]
    [InlineData("https://2130706433/", Private, "Loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data", Private, "Link Local")]
    [InlineData("https://172.31.255.255/", Private, "Private-Use, 172.16.0.0/12")]
    [InlineData("https://192.0.0.1/", Private, "IPv4 Service Continuity Prefix")]
    [InlineData("https://192.0.0.8/", Private, "IPv4 dummy address")]
    [InlineData("https://192.0.0.9/", Private, "Port Control Protocol Anycast")]
    [InlineData("https://192.0.0.170/", Private, "NAT64/DNS64 Discovery")]
    [InlineData("https://192.0.0.200/", Private, "IETF Protocol Assignments")]
    [InlineData("https://192.0.2.1/", Private, "TEST-NET-1")]
    [InlineData("https://192.31.196.1/", Private, "AS112-v4")]
    [InlineData("https://192.52.193.1/", Private, "AMT")]
    [InlineData("https://192.88.99.1/", Private, "6to4 Relay Anycast")]
    [InlineData("https://192.168.1.1/", Private, "Private-Use, 192.168.0.0/16")]
    [InlineData("https://192.175.48.1/", Private, "Direct Delegation AS112 Service")]
    [InlineData("https://198.18.0.1/", Private, "Benchmarking, 198.18.0.0/15, RFC 2544")]
    [InlineData("https://198.19.255.255/", Private, "Benchmarking")]
    [InlineData("https://198.51.100.7/", Private, "TEST-NET-2")]
    [InlineData("https://203.0.113.9/", Private, "TEST-NET-3")]
    [InlineData("https://224.0.0.1/", Private, "Multicast, 224.0.0.0/4")]
    [InlineData("https://239.255.255.250/", Private, "Multicast")]
    [InlineData("https://240.0.0.1/", Private, "Reserved, 240.0.0.0/4")]
    [InlineData("https://255.255.255.255/", Private, "Limited Broadcast")]
    // Refused: the IPv6 registry, and everything outside 2000::/3.
    [InlineData("https://[::1]/", Private, "Loopback Address")]
    [InlineData("https://[::]/", Private, "Unspecified Address")]
    [InlineData("https://[::ffff:127.0.0.1]/", Private, "IPv4-mapped (RFC 4291) of 127.0.0.1: Loopback")]
    [InlineData("https://[::ffff:10.0.0.1]/", Private, "IPv4-mapped (RFC 4291) of 10.0.0.1: Private-Use")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/", Private, "NAT64 (RFC 6052) of 169.254.169.254: Link Local")]
    [InlineData("https://[64:ff9b:1::1]/", Private, "IPv4-IPv6 Translation (local use)")]
    [InlineData("https://[100::1]/", Private, "Discard-Only Address Block")]
    [InlineData("https://[2001:2::1]/", Private, "Benchmarking, 2001:2::/48")]
    [InlineData("https://[2001:10::1]/", Private, "previously ORCHID")]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", Private, "Teredo client (RFC 4380) of 192.0.2.45: Documentation (TEST-NET-1)")]
    [InlineData("https://[2001:db8::1]/", Private, "Documentation, 2001:db8::/32, RFC 3849")]
    [InlineData("https://[2002:7f00:1::1]/", Private, "6to4 (RFC 3056) of 127.0.0.1: Loopback")]
    [InlineData("https://[2002:c0a8:101::1]/", Private, "6to4 (RFC 3056) of 192.168.1.1: Private-Use")]
    [InlineData("https://[2620:4f:8000::1]/", Private, "Direct Delegation AS112 Service")]
    [InlineData("https://[3fff::1]/", Private, "Documentation, 3fff::/20, RFC 9637")]
    [InlineData("https://[5f00::1]/", Private, "Segment Routing (SRv6) SIDs")]
    [InlineData("https://[fd00::2]/", Private, "Unique-Local")]
    [InlineData("https://[fe80::1]/", Private, "Link-Local Unicast")]
    [InlineData("https://[ff02::1]/", Private, "Multicast, ff00::/8")]
    [InlineData("https://[::1.2.3.4]/", Private, "not global unicast")]
    [InlineData("https://[4000::1]/", Private, "not global unicast")]
    // Refused: this host's own address, even when it is global.
    [InlineData("https://8.8.4.4/", OwnAddress, "8.8.4.4 is an address of the Souk server itself")]
    [InlineData("https://[::ffff:8.8.4.4]/", Private, "IPv4-mapped (RFC 4291) of 8.8.4.4: this host's own address")]
    // Refused: names local by their form, normalised first.
    [InlineData("https://localhost/", LocalName, "localhost")]
    [InlineData("https://LOCALHOST./", LocalName, "localhost")]
    [InlineData("https://foo.localhost/", LocalName, "foo.localhost")]
    [InlineData("https://ip6-localhost/", LocalName, "ip6-localhost")]
    [InlineData("https://ip6-loopback/", LocalName, "ip6-loopback")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", LocalName, "metadata.google.internal")]
    [InlineData("https://Metadata.Google.Internal./", LocalName, "metadata.google.internal")]
    [InlineData("https://metadata.goog/", LocalName, "metadata.goog")]
    [InlineData("https://instance-data/latest/", LocalName, "instance-data")]
    [InlineData("https://instance-data.ec2.internal/", LocalName, "instance-data.ec2.internal")]
    [InlineData("https://printer.local/", LocalName, "printer.local")]
    [InlineData("https://router.home.arpa/", LocalName, "router.home.arpa")]
    // Refused: not https.
    [InlineData("http://hooks.example.com/souk", "webhook.url-not-https", "https")]
    public void ATarget_IsAcceptedOnlyWhenGlobalUnicast(string url, string? code, string reason)
    {
        var problem = WebhookTargets.Problem(url, allowInsecure: false, Own, out var uri);
        Assert.Equal(code, problem?.Code);
        if (problem is not { } refused)
        {
            Assert.NotNull(uri);
            return;
        }
        var sentence = RefusalMessages.Render(refused.Code, refused.Args.ToDictionary(a => a.Name, a => a.Value));
        Assert.Contains(reason, sentence);
    }

    [Fact]
    public void AtConnectTime_OnlyTheCheckedAddressesOfANameAreUsed_AndEachRefusedOneIsNamed()
    {
        IPAddress[] resolved = [IPAddress.Parse("10.0.0.7"), IPAddress.Parse("93.184.215.14"), IPAddress.Parse("8.8.4.4"), IPAddress.IPv6Loopback];
        var (allowed, refused) = WebhookTargets.Screen(resolved, Own);
        Assert.Equal([IPAddress.Parse("93.184.215.14")], allowed);
        Assert.Equal("10.0.0.7 (Private-Use, 10.0.0.0/8, RFC 1918); 8.8.4.4 (this host's own address, 8.8.4.4, Souk's network interfaces); "
            + "::1 (Loopback Address, ::1/128, RFC 4291)", refused);
    }

    [Fact]
    public void InDevelopment_AllowInsecureTargets_LetsLocalReceiversThrough()
    {
        Assert.Null(WebhookTargets.Problem("http://localhost:5080/hooks", allowInsecure: true, Own, out _));
        Assert.Null(WebhookTargets.Problem("http://127.0.0.1:5080/hooks", allowInsecure: true, Own, out _));
    }
}
