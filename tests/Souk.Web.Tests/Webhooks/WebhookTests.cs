using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Souk.Web.Features.Webhooks;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Webhooks;

/// <summary>
/// Signed webhooks through the real host (both providers) to a real HTTP receiver on 127.0.0.1: signatures verify,
/// a failing receiver still gets every event, events of one order arrive in order, a dead letter holds its order's
/// later events until replayed or skipped, and a dispatcher that dies mid-send is taken over after its lease.
/// </summary>
public sealed class WebhookTests : IDisposable
{
    private const string Secret = "store-secret-0123456789";
    private const string PlatformSecret = "platform-secret-0123456789";

    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonObject> RegisterAsync(HttpClient owner, string url, string[] events, string? secret = Secret) =>
        await (await owner.PostAsJsonAsync("/api/webhooks", new { url, events, secret })).ExpectAsync(201);

    private static async Task<JsonArray> LogAsync(HttpClient owner, long endpointId, string? status = null) =>
        (await (await owner.GetAsync($"/api/webhooks/{endpointId}/deliveries?limit=100" + (status is null ? "" : $"&status={status}"))).ExpectAsync(200))["items"]!
        .AsArray();

    /// <summary>Checks the signature the way an integrator would, with nothing from Souk but the secret.</summary>
    private static JsonNode AssertSigned(ReceivedCall call, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(call.Timestamp + "." + call.Body));
        Assert.Equal("v1=" + Convert.ToHexStringLower(mac), call.Signature);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal(call.EventId, body["id"]!.GetValue<string>());
        Assert.Equal(call.EventType, body["type"]!.GetValue<string>());
        return body;
    }

    private static long OrderOf(ReceivedCall call) => JsonNode.Parse(call.Body)!["order"]!["id"]!.GetValue<long>();

    private static async Task<List<string>> SellerTimelineAsync(HttpClient seller, long orderId) => (await seller.Order(orderId)).Timeline().ToList();

    [Fact]
    public async Task EventsArriveSigned_ToTheStoreAndThePlatform_AndToNoOtherStore()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (seller, storeId, listing) = await Shop.SellerWithListingAsync(_app);
        var created = await RegisterAsync(seller, receiver.Url + "?to=store", ["*"]);
        Assert.Equal(Secret, created["secret"]!.GetValue<string>());
        Assert.Equal("store", created["scope"]!.GetValue<string>());
        Assert.Equal(storeId, created["storeId"]!.GetValue<long>());
        // The secret is shown once; afterwards only its last characters.
        var listed = await (await seller.GetAsync("/api/webhooks")).ExpectArrayAsync(200);
        Assert.Null(listed.Single()!["secret"]);
        Assert.Equal("…" + Secret[^4..], listed.Single()!["secretHint"]!.GetValue<string>());

        var admin = await _app.AdminAsync();
        var platform = await RegisterAsync(admin, receiver.Url + "?to=platform", ["order.shipped", "order.moved-to-deleted"], PlatformSecret);
        Assert.Equal("platform", platform["scope"]!.GetValue<string>());
        var (otherSeller, _, _) = await Shop.SellerWithListingAsync(_app);
        await RegisterAsync(otherSeller, receiver.Url + "?to=other-store", ["*"]);

        var buyer = await _app.SignUpAsync("buyer");
        var shipped = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(shipped);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(shipped, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await (await seller.PostAsJsonAsync($"/api/orders/{shipped}/messages", new { text = "On its way" })).ExpectAsync(201);
        var tidied = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.ActOk(tidied, "cancel", new { reason = "NoLongerNeeded" });
        await buyer.ActOk(tidied, "delete");

        Assert.True(await _app.DeliverWebhooksAsync() > 0);

        var toStore = receiver.Accepted.Where(c => c.Query == "?to=store").ToList();
        Assert.All(toStore, c => AssertSigned(c, Secret));
        var shippedTimeline = await SellerTimelineAsync(seller, shipped);
        Assert.Superset(new HashSet<string> { "order.placed", "payment.confirmed", "order.shipped" }, shippedTimeline.ToHashSet());
        Assert.Equal([.. shippedTimeline, "message.sent"], toStore.Where(c => OrderOf(c) == shipped).Select(c => c.EventType));
        // The buyer tidying an order away is the buyer's business, not the store's.
        var tidiedEvents = toStore.Where(c => OrderOf(c) == tidied).Select(c => c.EventType).ToList();
        Assert.Contains("order.cancelled", tidiedEvents);
        Assert.DoesNotContain("order.moved-to-deleted", tidiedEvents);
        Assert.Equal(toStore.Count, toStore.Select(c => c.EventId).Distinct().Count());

        var toPlatform = receiver.Accepted.Where(c => c.Query == "?to=platform").ToList();
        Assert.All(toPlatform, c => AssertSigned(c, PlatformSecret));
        // Different orders' events go out side by side; only one order's events are kept in order.
        Assert.Equal(["order.moved-to-deleted", "order.shipped"], toPlatform.Select(c => c.EventType).Order());
        var platformShipped = toPlatform.Single(c => c.EventType == "order.shipped");
        // One event, one id, whichever endpoints receive it.
        Assert.Equal(toStore.Single(c => c.EventType == "order.shipped").EventId, platformShipped.EventId);
        var body = JsonNode.Parse(platformShipped.Body)!;
        Assert.Equal("Shipped", body["order"]!["state"]!.GetValue<string>());
        Assert.Equal("Seller", body["actor"]!.GetValue<string>());
        Assert.Equal("RR1", body["data"]!["trackingNumber"]!.GetValue<string>());

        Assert.DoesNotContain(receiver.Calls, c => c.Query == "?to=other-store");
        Assert.Empty(await LogAsync(seller, created["id"]!.GetValue<long>(), "Pending"));
    }

    [Fact]
    public async Task AReceiverFailingAtFirst_GetsEveryEvent_InOrderPerOrder_AfterBackingOff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 4 ? 503 : 200;
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var endpoint = (await RegisterAsync(seller, receiver.Url, ["*"]))["id"]!.GetValue<long>();
        var ada = await _app.SignUpAsync("buyer");
        var bea = await _app.SignUpAsync("buyer");
        var first = await Shop.PlaceOrderAsync(_app, ada, listing);
        var second = await Shop.PlaceOrderAsync(_app, bea, listing);
        await bea.Pay(second);
        await ada.Pay(first);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(second, "ship", new { carrier = "Poste", trackingNumber = "RR2" });
        await seller.ActOk(first, "ship", new { carrier = "Poste", trackingNumber = "RR1" });

        await _app.DeliverWebhooksAsync();
        // Each order's first event failed; nothing after it was tried, and the retry waits for the back-off.
        Assert.Equal(2, receiver.Calls.Count);
        var waiting = (await LogAsync(seller, endpoint)).Where(d => d!["attempts"]!.GetValue<int>() == 1).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, d => Assert.Equal(d!["lastAttemptAt"].Time() + TimeSpan.FromSeconds(30), d["nextAttemptAt"].Time()));
        Assert.All(waiting, d => Assert.Equal(503, d!["lastStatusCode"]!.GetValue<int>()));
        // The delivery log says where each attempt went (two requests side by side, each noted on its own delivery).
        Assert.All(waiting, d => Assert.Equal("127.0.0.1", d!["lastAddress"]!.GetValue<string>()));
        await _app.DeliverWebhooksAsync();
        Assert.Equal(2, receiver.Calls.Count);

        for (var i = 0; i < 10 && (await LogAsync(seller, endpoint, "Pending")).Count > 0; i++)
        {
            await _app.AdvanceAsync(TimeSpan.FromMinutes(5));
            await _app.DeliverWebhooksAsync();
        }

        Assert.Empty(await LogAsync(seller, endpoint, "Pending"));
        Assert.Equal(4, receiver.Calls.Count(c => c.AnsweredWith == 503));
        foreach (var order in new[] { first, second })
        {
            var arrived = receiver.Accepted.Where(c => OrderOf(c) == order).ToList();
            Assert.All(arrived, c => AssertSigned(c, Secret));
            Assert.Equal(await SellerTimelineAsync(seller, order), arrived.Select(c => c.EventType));
            Assert.Equal(arrived.Count, arrived.Select(c => c.EventId).Distinct().Count());
        }
        // The retried events say which attempt this is, so a receiver can tell a retry from a first send.
        Assert.Contains(receiver.Accepted, c => c.Attempt == 3);
    }

    [Fact]
    public async Task AnEventOutOfRetries_IsDeadLettered_AndHoldsItsOrdersLaterEvents_UntilReplayedOrSkipped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var endpoint = (await RegisterAsync(seller, receiver.Url, ["*"]))["id"]!.GetValue<long>();
        var ada = await _app.SignUpAsync("buyer");
        var bea = await _app.SignUpAsync("buyer");
        var replayed = await Shop.PlaceOrderAsync(_app, ada, listing);
        var skipped = await Shop.PlaceOrderAsync(_app, bea, listing);

        // Retried with back-off for 24 hours (the default), then dead-lettered.
        await _app.DeliverWebhooksAsync();
        for (var hour = 1; hour <= 23; hour++)
        {
            await _app.AdvanceAsync(TimeSpan.FromHours(1));
            await _app.DeliverWebhooksAsync();
        }
        Assert.Empty(await LogAsync(seller, endpoint, "DeadLettered"));
        await _app.AdvanceAsync(TimeSpan.FromHours(1));
        await _app.DeliverWebhooksAsync();
        var dead = await LogAsync(seller, endpoint, "DeadLettered");
        Assert.Equal(2, dead.Count);
        Assert.All(dead, d => Assert.True(d!["attempts"]!.GetValue<int>() >= 20, $"only {d["attempts"]} attempts in 24 h"));
        var deadOf = dead.ToDictionary(d => d!["orderId"]!.GetValue<long>(), d => d!["id"]!.GetValue<long>());

        // The receiver recovers; the orders move on, but their new events wait behind the dead letters.
        receiver.Answer = _ => 200;
        await ada.Pay(replayed);
        await bea.Pay(skipped);
        var other = await Shop.PlaceOrderAsync(_app, await _app.SignUpAsync("buyer"), listing);
        await _app.DeliverWebhooksAsync();
        Assert.Equal(["order.placed"], receiver.Accepted.Select(c => c.EventType));
        Assert.Equal(other, OrderOf(receiver.Accepted[0]));
        var held = (await LogAsync(seller, endpoint, "Pending")).Where(d => d!["orderId"]!.GetValue<long>() == replayed).ToList();
        Assert.NotEmpty(held);
        Assert.All(held, d => Assert.Equal(deadOf[replayed], d!["waitingFor"]!.GetValue<long>()));
        Assert.Contains("replay or skip", held[0]!["explanation"]!.GetValue<string>());

        // Replay sends the dead letter again, then the events behind it, in order.
        var replay = await (await seller.PostAsync($"/api/webhooks/{endpoint}/deliveries/{deadOf[replayed]}/replay", null)).ExpectAsync(200);
        Assert.Equal("Pending", replay["status"]!.GetValue<string>());
        await (await seller.PostAsync($"/api/webhooks/{endpoint}/deliveries/{deadOf[replayed]}/replay", null))
            .ExpectProblemAsync(409, "webhook-delivery.already-pending");
        // Skip gives up on the other dead letter, so only the events after it are sent.
        var skip = await (await seller.PostAsync($"/api/webhooks/{endpoint}/deliveries/{deadOf[skipped]}/skip", null)).ExpectAsync(200);
        Assert.Equal("Skipped", skip["status"]!.GetValue<string>());
        await (await seller.PostAsync($"/api/webhooks/{endpoint}/deliveries/{deadOf[skipped]}/skip", null))
            .ExpectProblemAsync(409, "webhook-delivery.not-dead-lettered");
        await _app.DeliverWebhooksAsync();

        Assert.Equal(await SellerTimelineAsync(seller, replayed), receiver.Accepted.Where(c => OrderOf(c) == replayed).Select(c => c.EventType));
        Assert.Equal((await SellerTimelineAsync(seller, skipped)).Skip(1), receiver.Accepted.Where(c => OrderOf(c) == skipped).Select(c => c.EventType));
        Assert.Empty(await LogAsync(seller, endpoint, "Pending"));
        Assert.Empty(await LogAsync(seller, endpoint, "DeadLettered"));
    }

    [Fact]
    public async Task ADispatcherThatDiesMidSend_IsTakenOverAfterItsLease_AndTheEventIsSentAgainWithItsId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Hold = hold;
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var endpoint = (await RegisterAsync(seller, receiver.Url, ["order.placed"]))["id"]!.GetValue<long>();
        var order = await Shop.PlaceOrderAsync(_app, await _app.SignUpAsync("buyer"), listing);

        // The dispatcher claims the delivery and is stopped while the receiver is still handling it.
        using var dying = new CancellationTokenSource();
        var pass = _app.DeliverWebhooksAsync(dying.Token);
        await receiver.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await dying.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        receiver.Hold = null;
        hold.SetResult();

        // Its lease still holds the delivery: no second process sends it at the same time…
        Assert.Equal(0, await _app.DeliverWebhooksAsync());
        Assert.Equal("Pending", Assert.Single(await LogAsync(seller, endpoint))!["status"]!.GetValue<string>());
        // …until the lease (5 minutes) runs out and another pass takes it over: at least once, with the same event id.
        await _app.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await _app.DeliverWebhooksAsync());
        var log = Assert.Single(await LogAsync(seller, endpoint));
        Assert.Equal("Delivered", log!["status"]!.GetValue<string>());
        Assert.Equal(1, log["attempts"]!.GetValue<int>());
        Assert.Equal(2, receiver.Calls.Count);
        Assert.All(receiver.Calls, c => Assert.Equal(log["eventId"]!.GetValue<string>(), c.EventId));
        Assert.All(receiver.Calls, c => Assert.Equal(order, OrderOf(c)));
    }

    [Fact]
    public async Task OnlyCommittedChangesAreQueued_AndADisabledEndpointGetsNothingNew()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var endpoint = (await RegisterAsync(seller, receiver.Url, ["order.*", "payment.*"]))["id"]!.GetValue<long>();
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        Assert.Single(await LogAsync(seller, endpoint));

        // A refused action changes nothing, so it queues nothing.
        await (await seller.Act(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" })).ExpectAsync(409);
        Assert.Single(await LogAsync(seller, endpoint));

        var disabled = await (await seller.PostAsync($"/api/webhooks/{endpoint}/disable", null)).ExpectAsync(200);
        Assert.False(disabled["active"]!.GetValue<bool>());
        await (await seller.PostAsync($"/api/webhooks/{endpoint}/disable", null)).ExpectProblemAsync(409, "webhook.already-disabled");
        await buyer.Pay(id);
        Assert.Equal(0, await _app.DeliverWebhooksAsync());
        Assert.Single(await LogAsync(seller, endpoint));

        await (await seller.PostAsync($"/api/webhooks/{endpoint}/enable", null)).ExpectAsync(200);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(2, await _app.DeliverWebhooksAsync());
        Assert.Equal(["order.placed", "payment.confirmed"], receiver.Accepted.Select(c => c.EventType));
    }

    [Fact]
    public async Task EndpointsAreCheckedAndKeptToTheirOwners()
    {
        var (seller, _, _) = await Shop.SellerWithListingAsync(_app);
        await (await seller.PostAsJsonAsync("/api/webhooks", new { url = "ftp://example.com/x", events = new[] { "*" } }))
            .ExpectProblemAsync(400, "webhook.url-invalid");
        await (await seller.PostAsJsonAsync("/api/webhooks", new { url = "https://user:pw@example.com/x", events = new[] { "*" } }))
            .ExpectProblemAsync(400, "webhook.url-invalid");
        await (await seller.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", events = Array.Empty<string>() }))
            .ExpectProblemAsync(400, "webhook.events-required");
        var unknown = await (await seller.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", events = new[] { "order.shiped" } }))
            .ExpectProblemAsync(400, "webhook.event-unknown");
        Assert.Contains("order.shiped", unknown["detail"]!.GetValue<string>());
        await (await seller.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", events = new[] { "*" }, secret = "short" }))
            .ExpectProblemAsync(400, "webhook.secret-invalid");

        // Without a secret, Souk makes one and shows it once.
        var mine = await RegisterAsync(seller, "https://example.com/hooks", ["dispute.*", "refund.stage-changed"], secret: null);
        Assert.StartsWith("whsec_", mine["secret"]!.GetValue<string>());
        Assert.Equal(["dispute.*", "refund.stage-changed"], mine["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        var id = mine["id"]!.GetValue<long>();
        var rotated = await (await seller.PostAsJsonAsync($"/api/webhooks/{id}/secret", new { })).ExpectAsync(200);
        Assert.NotEqual(mine["secret"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>());

        // Another seller, the admin and a buyer cannot reach it.
        var (otherSeller, _, _) = await Shop.SellerWithListingAsync(_app);
        await (await otherSeller.GetAsync($"/api/webhooks/{id}")).ExpectProblemAsync(404, "webhook.not-found");
        await (await otherSeller.GetAsync($"/api/webhooks/{id}/deliveries")).ExpectProblemAsync(404, "webhook.not-found");
        var admin = await _app.AdminAsync();
        await (await admin.GetAsync($"/api/webhooks/{id}")).ExpectProblemAsync(404, "webhook.not-found");
        Assert.Empty(await (await admin.GetAsync("/api/webhooks")).ExpectArrayAsync(200));
        var buyer = await _app.SignUpAsync("buyer");
        Assert.Equal(403, (int)(await buyer.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(401, (int)(await _app.CreateClient().GetAsync("/api/webhooks")).StatusCode);
        var storeless = await _app.SignUpAsync("seller");
        await (await storeless.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", events = new[] { "*" } }))
            .ExpectProblemAsync(404, "store.not-open");

        var types = await (await seller.GetAsync("/api/webhooks/event-types")).ExpectArrayAsync(200);
        Assert.Contains("dispute.ruled", types.Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task OutsideDevelopment_OnlyPublicHttpsTargetsAreAccepted()
    {
        using var production = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Webhooks:AllowInsecureTargets"] = "false" });
        var (seller, _, _) = await Shop.SellerWithListingAsync(production);
        // The whole table is WebhookTargetTableTests; these show the API refuses with it, in the refusal's words.
        foreach (var (url, code, says) in new[]
                 {
                     ("http://example.com/hooks", "webhook.url-not-https", "https"),
                     ("https://127.0.0.1/hooks", "webhook.url-private", "Loopback"),
                     ("https://198.18.0.1/", "webhook.url-private", "198.18.0.1 is not one (Benchmarking, 198.18.0.0/15, RFC 2544)"),
                     ("https://224.0.0.1/", "webhook.url-private", "Multicast"),
                     ("https://[64:ff9b::a9fe:a9fe]/", "webhook.url-private", "NAT64 (RFC 6052) of 169.254.169.254"),
                     ("https://LOCALHOST./hooks", "webhook.url-local-name", "localhost is a name of this machine"),
                     ("https://metadata.google.internal/computeMetadata/v1/", "webhook.url-local-name", "metadata.google.internal"),
                 })
        {
            var problem = await (await seller.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "*" } })).ExpectProblemAsync(400, code);
            Assert.Contains(says, problem["detail"]!.GetValue<string>());
        }
        await RegisterAsync(seller, "https://hooks.example.com/souk", ["*"]);
    }

    /// <summary>
    /// A name that passes registration but resolves, when Souk connects, to an address of Souk's own machine (not in any
    /// private range here, on a machine whose interface has a public-looking address): refused at connect time, and the
    /// delivery log names the address and why. The resolver is the service the dispatcher really uses, pointed at this
    /// host's interface address; everything after it (check, connect, log) runs as in production.
    /// </summary>
    [Fact]
    public async Task AtConnectTime_ANameResolvingToThisHostsOwnAddress_IsRefused_AndTheLogSaysWhichAddress()
    {
        var own = WebhookTargets.OwnAddresses().Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        await using var receiver = await WebhookReceiver.StartAsync(own);
        const string name = "hooks.example.net";
        var resolver = new WebhookTargets.Resolver((host, _) => Task.FromResult(host == name ? new[] { own } : []));
        using var production = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Webhooks:AllowInsecureTargets"] = "false" },
            services: s => s.AddSingleton(resolver));
        var (seller, _, listing) = await Shop.SellerWithListingAsync(production);
        var url = new UriBuilder(receiver.Url) { Scheme = "https", Host = name }.Uri.AbsoluteUri;
        var endpoint = (await RegisterAsync(seller, url, ["*"]))["id"]!.GetValue<long>();
        var buyer = await production.SignUpAsync("buyer");
        await Shop.PlaceOrderAsync(production, buyer, listing);

        Assert.Equal(0, await production.DeliverWebhooksAsync());
        Assert.Empty(receiver.Calls);
        var attempt = (await LogAsync(seller, endpoint)).Single(d => d!["attempts"]!.GetValue<int>() == 1)!;
        Assert.Null(attempt["lastAddress"]);
        Assert.Contains($"{name} resolves only to addresses webhooks may not call: {own} (this host's own address",
            attempt["lastError"]!.GetValue<string>());

        // The same name through the same connect step, checks off (development): it does reach this host.
        using var lenient = new HttpClient(WebhookTargets.Handler(allowInsecure: true, resolver));
        Assert.True((await lenient.PostAsync(new UriBuilder(receiver.Url) { Host = name }.Uri, new StringContent("{}"))).IsSuccessStatusCode);
        Assert.Single(receiver.Calls);
    }

    [Fact]
    public async Task TheSendingHandlerRefusesToConnectToAPrivateAddress_WhateverTheName()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var strict = new HttpClient(WebhookTargets.Handler(allowInsecure: false));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strict.PostAsync(receiver.Url, new StringContent("{}")));
        Assert.Contains("127.0.0.1 (", refused.ToString());
        Assert.Empty(receiver.Calls);

        using var lenient = new HttpClient(WebhookTargets.Handler(allowInsecure: true));
        Assert.True((await lenient.PostAsync(receiver.Url, new StringContent("{}"))).IsSuccessStatusCode);
    }
}
