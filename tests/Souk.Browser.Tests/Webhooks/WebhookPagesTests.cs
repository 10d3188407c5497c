using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using Souk.Web.Tests.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Webhooks;

/// <summary>
/// The webhook pages as a seller and an admin use them: add an endpoint and see its secret once, watch a failing
/// receiver's delivery retry and dead-letter in the log, replay it once the receiver is back, check the signature
/// with the secret shown, rotate the secret, disable the endpoint. The dispatcher is driven by the test (one pass at
/// a time) against a real receiver on 127.0.0.1, so plain http to loopback is allowed here.
/// </summary>
public sealed class WebhookPagesTests(Chromium chromium) : PageTest(chromium)
{
    protected override IReadOnlyDictionary<string, string?> SiteSettings => new Dictionary<string, string?>
    {
        ["Souk:Webhooks:AllowInsecureTargets"] = "true",
    };

    private ILocator Delivery(string eventType) =>
        Page.Locator("li.delivery", new() { Has = Page.Locator("h2.event code", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(eventType)}$") }) });

    /// <summary>What an integrator does with nothing from Souk but the secret: HMAC-SHA256 over "{timestamp}.{raw body}".</summary>
    private static bool Verifies(ReceivedCall call, string secret) =>
        call.Signature == "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(call.Timestamp + "." + call.Body)));

    [Fact]
    public async Task ASellerAddsAnEndpoint_SeesTheSecretOnce_AndReplaysADeadLetteredEventOnceTheReceiverIsBack()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var (_, sellerEmail, _, listingId) = await Shop.SellerWithListingAsync(Site);
        await SignInAsync(sellerEmail);
        await Page.GotoAsync("/webhooks");
        await Expect(Page.Locator(".scope")).ToContainTextAsync("Store endpoints: they receive your store's order events.");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add an endpoint" }).ClickAsync();

        // Without any event chosen the API refuses; the rule's sentence is shown and the URL typed is kept.
        await Page.GetByLabel("Endpoint URL").FillAsync(receiver.Url);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add the endpoint" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose the events to receive");
        await Expect(Page.GetByLabel("Endpoint URL")).ToHaveValueAsync(receiver.Url);
        await Expect(Page.Locator("fieldset.event-group[data-group='dispute'] legend")).ToHaveTextAsync("Disputes");
        await Expect(Page.GetByLabel("Order placed")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Order moved to Deleted orders by the buyer")).ToHaveCountAsync(0);
        await ShotAsync("add-endpoint");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.GetByLabel("All events, also kinds added later").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add the endpoint" }).ClickAsync();

        // The secret, once, with how to check a signature.
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/webhooks/\d+$"));
        var endpointId = long.Parse(Page.Url.Split('/')[^1]);
        var secret = (await Page.Locator("[data-secret]").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret);
        await Expect(Page.GetByText("Copy it now: it will not be shown again.")).ToBeVisibleAsync();
        await Expect(Page.Locator("section.secret")).ToContainTextAsync("HMAC-SHA256 with this secret over “{timestamp}.{raw body}”");
        await Expect(Page.Locator(".backlog")).ToContainTextAsync("Secret ending in …" + secret[^4..]);
        await ShotAsync("secret-once");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-secret]")).ToHaveCountAsync(0);
        await Expect(Page.GetByText("No deliveries yet.")).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await Page.ContentAsync());

        // An order is placed and paid: the receiver answers 500, so the first event is retried and the next waits for it.
        var (buyer, _) = await Site.SignUpAsync("buyer");
        var orderId = await Shop.PlaceOrderAsync(buyer, listingId);
        await Shop.PayAsync(buyer, orderId);
        Assert.Equal(0, await Site.DeliverWebhooksAsync());
        await Page.ReloadAsync();
        var placed = Delivery("order.placed");
        await Expect(placed.Locator(".status")).ToHaveTextAsync("Waiting to be sent");
        await Expect(placed).ToContainTextAsync($"Order {orderId}");
        await Expect(placed).ToContainTextAsync("Attempts: 1");
        await Expect(placed.Locator(".response")).ToContainTextAsync("The receiver answered HTTP 500. Sent to 127.0.0.1.");
        await Expect(placed.Locator(".why")).ToContainTextAsync("Attempt 1 failed; retrying at 3/2/2026 9:00 AM UTC");
        await Expect(placed.Locator(".deadline")).ToContainTextAsync("Next attempt 3/2/2026 9:00 AM UTC");
        await Expect(Delivery("order.paid")).ToContainTextAsync("Queued; it is sent once earlier events of the same order have been delivered.");
        await ShotAsync("retrying");

        // A day later the retry window has closed: the next attempt dead-letters it, and the order's later events wait behind it.
        await Site.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Equal(0, await Site.DeliverWebhooksAsync());
        Assert.Equal(2, receiver.Calls.Count(c => c.EventType == "order.placed"));
        await Page.ReloadAsync();
        var placedId = long.Parse((await placed.GetAttributeAsync("data-delivery-id"))!);
        await Expect(placed.Locator(".status")).ToHaveTextAsync("Dead-lettered");
        await Expect(placed).ToContainTextAsync("Attempts: 2");
        await Expect(placed.Locator(".why")).ToContainTextAsync("Retries ran out.");
        await Expect(Delivery("order.paid")).ToContainTextAsync($"Waiting behind dead-lettered delivery {placedId} of the same order");
        await Expect(Page.Locator(".backlog")).ToContainTextAsync("Dead-lettered: 1");
        await Expect(placed.GetByRole(AriaRole.Button, new() { Name = $"Skip delivery {placedId}" })).ToBeVisibleAsync();
        await ShotAsync("dead-lettered");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();

        // The receiver is back; replaying sends it and then the order's later events, in order.
        receiver.Answer = _ => 200;
        await placed.GetByRole(AriaRole.Button, new() { Name = $"Replay delivery {placedId}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Delivery {placedId} is queued again and is sent at the next attempt.");
        Assert.True(await Site.DeliverWebhooksAsync() >= 2);
        await Page.ReloadAsync();
        await Expect(placed.Locator(".status")).ToHaveTextAsync("Delivered");
        await Expect(placed.Locator(".response")).ToContainTextAsync("The receiver answered HTTP 200.");
        await Expect(placed).ToContainTextAsync("Attempts: 3");
        await Expect(Delivery("order.paid").Locator(".status")).ToHaveTextAsync("Delivered");
        await Expect(Page.Locator("li.delivery[data-status='Pending'], li.delivery[data-status='DeadLettered']")).ToHaveCountAsync(0);
        await ShotAsync("delivered");

        // Every call — refused or accepted — is signed with the secret that was shown.
        var accepted = receiver.Calls.Where(c => c.AnsweredWith == 200).ToList();
        Assert.Equal("order.placed", accepted[0].EventType);
        Assert.Contains(accepted, c => c.EventType == "order.paid");
        Assert.All(receiver.Calls, c => Assert.True(Verifies(c, secret), $"{c.EventType} is not signed with the secret shown"));

        // Rotating shows the new secret once; disabling marks the endpoint.
        await Page.GotoAsync("/webhooks");
        var endpoint = Page.Locator($"li.endpoint[data-endpoint-id='{endpointId}']");
        await Expect(endpoint.Locator(".backlog")).ToContainTextAsync("Waiting: 0 · Dead-lettered: 0");
        await Expect(endpoint).ToContainTextAsync("Events: All events");
        await endpoint.GetByRole(AriaRole.Button, new() { Name = $"Rotate secret of {receiver.Url}" }).ClickAsync();
        var rotated = (await Page.Locator("[data-secret]").TextContentAsync())!.Trim();
        Assert.NotEqual(secret, rotated);
        await Page.GotoAsync("/webhooks");
        await endpoint.GetByRole(AriaRole.Button, new() { Name = $"Disable {receiver.Url}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is disabled; new events are no longer queued for it.");
        await Expect(endpoint.Locator(".status")).ToContainTextAsync("Disabled since");
        await Expect(endpoint.GetByRole(AriaRole.Button, new() { Name = $"Enable {receiver.Url}" })).ToBeVisibleAsync();
        await ShotAsync("disabled");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
    }

    [Fact]
    public async Task AnAdminsEndpoint_IsThePlatforms_GetsAnyStoresEvents_AndADeadLetterCanBeSkipped()
    {
        // Nothing listens on this port: every attempt fails without an answer.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndpoint).Port}/hooks/platform";
        closed.Stop();

        await SignInAsync(SoukSite.AdminEmail);
        await Page.GotoAsync("/webhooks");
        await Expect(Page.Locator(".scope")).ToContainTextAsync("Platform endpoints: they receive the order events of every store.");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add an endpoint" }).ClickAsync();
        await Expect(Page.GetByText("A platform endpoint receives the order events of every store.")).ToBeVisibleAsync();
        // The platform may hear of a buyer tidying an order away; a store may not, so only the platform's form offers it.
        await Expect(Page.GetByLabel("Order moved to Deleted orders by the buyer")).ToBeVisibleAsync();
        await Page.GetByLabel("Endpoint URL").FillAsync(url);
        await Page.GetByLabel("Order placed").CheckAsync();
        await Page.GetByLabel("Order paid").CheckAsync();
        await Page.GetByLabel("All events of the group “Disputes”").CheckAsync();
        await Page.GetByLabel("Signing secret (optional)").FillAsync("platform-secret-0123456789");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add the endpoint" }).ClickAsync();
        await Expect(Page.Locator("[data-secret]")).ToHaveTextAsync("platform-secret-0123456789");
        await Expect(Page.GetByText("Platform endpoint: every store's order events.")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Events: Order placed, Order paid, All events of the group “Disputes”")).ToBeVisibleAsync();
        await ShotAsync("platform-endpoint");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();

        // Any store's order reaches it; the receiver does not answer, so the first event dead-letters after a day.
        var (_, _, _, listingId) = await Shop.SellerWithListingAsync(Site);
        var (buyer, _) = await Site.SignUpAsync("buyer");
        var orderId = await Shop.PlaceOrderAsync(buyer, listingId);
        await Shop.PayAsync(buyer, orderId);
        Assert.Equal(0, await Site.DeliverWebhooksAsync());
        await Page.ReloadAsync();
        var placed = Delivery("order.placed");
        await Expect(placed.Locator(".response")).ToContainTextAsync("The attempt failed:");
        await Expect(placed).ToContainTextAsync($"Order {orderId}");
        await Site.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Equal(0, await Site.DeliverWebhooksAsync());
        await Page.ReloadAsync();
        await Expect(placed.Locator(".status")).ToHaveTextAsync("Dead-lettered");
        var placedId = long.Parse((await placed.GetAttributeAsync("data-delivery-id"))!);

        // Skipping it lets the order's next event go; the skipped one can still be replayed.
        await placed.GetByRole(AriaRole.Button, new() { Name = $"Skip delivery {placedId}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Delivery {placedId} is skipped; the order's later events go out.");
        await Expect(placed.Locator(".status")).ToHaveTextAsync("Skipped");
        await Expect(placed.Locator(".explanation")).ToHaveTextAsync("Skipped by an operator; it will not be sent unless replayed.");
        await Expect(placed.GetByRole(AriaRole.Button, new() { Name = $"Replay delivery {placedId}" })).ToBeVisibleAsync();
        Assert.Equal(0, await Site.DeliverWebhooksAsync());
        await Page.ReloadAsync();
        var paid = Delivery("order.paid");
        // Its retry window ran from when it was written, a day ago, so its first failed attempt dead-letters it too.
        await Expect(paid).ToContainTextAsync("Attempts: 1");
        await Expect(paid.Locator(".status")).ToHaveTextAsync("Dead-lettered");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Skipped" }).ClickAsync();
        await Expect(Page.Locator("li.delivery")).ToHaveCountAsync(1);
        await ShotAsync("skipped");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();

        await Page.GotoAsync("/webhooks");
        await Expect(Page.Locator("li.endpoint .url")).ToHaveTextAsync(url);
        await Expect(Page.Locator("li.endpoint .backlog")).ToContainTextAsync("Waiting: 0 · Dead-lettered: 1");
        await ShotAsync("platform-list");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
    }
}
