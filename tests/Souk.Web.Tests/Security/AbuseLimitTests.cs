using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Souk.Domain;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Security;

/// <summary>
/// Abuse limits (issue 7, item 8): the creating-calls rate limit at its default, sign-in lockout over the API, every
/// list's page-size cap, the evidence upload cap, and oversized request bodies. The other tests raise the rate limit
/// (SoukApp); here it runs at the value the options class gives it.
/// </summary>
public sealed class AbuseLimitTests
{
    [Fact]
    public async Task CreatingCalls_AtTheDefaultLimit_TheNextIs429WithRetryAfter_OtherUsersAndReadsCarryOn()
    {
        var limit = new Policy().CreatingCallsPerMinute; // the default, as a fresh options object has it
        Assert.True(limit > 1, $"default CreatingCallsPerMinute is {limit}");
        // SoukApp raises the limit for every other test; put the default back.
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Policy:CreatingCallsPerMinute"] = $"{limit}" });
        Assert.Equal(limit, app.Services.GetRequiredService<Policy>().CreatingCallsPerMinute);
        var (_, _, listing) = await Shop.SellerWithListingAsync(app, stock: 10_000);
        var buyer = await app.SignUpAsync("buyer");
        var other = await app.SignUpAsync("buyer");

        for (var i = 1; i <= limit; i++)
        {
            var allowed = await buyer.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 });
            Assert.True((int)allowed.StatusCode == 200, $"creating call {i} of {limit} answered {(int)allowed.StatusCode}");
        }

        var refused = await buyer.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 });
        var problem = await refused.ExpectProblemAsync(429, "rate-limit.exceeded");
        Assert.Contains($"{limit}", problem["detail"]!.GetValue<string>());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { } after && after > TimeSpan.Zero && after <= TimeSpan.FromMinutes(1), $"Retry-After: {refused.Headers.RetryAfter}");

        // The refused call did nothing; reads are not limited; another user has their own allowance.
        var cart = await (await buyer.GetAsync("/api/cart")).ExpectAsync(200);
        Assert.Equal(limit, cart["itemCount"]!.GetValue<int>());
        for (var i = 0; i < 5; i++) await (await buyer.GetAsync("/api/orders")).ExpectAsync(200);
        await (await other.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 })).ExpectAsync(200);
        // Every changing verb counts, not only POST.
        await (await buyer.DeleteAsync($"/api/cart/items/{listing}")).ExpectProblemAsync(429, "rate-limit.exceeded");
    }

    [Fact]
    public async Task SignIn_AfterTooManyWrongPasswords_IsLockedOut_EvenWithTheRightOne_OtherAccountsAreNot()
    {
        using var app = new SoukApp();
        var attempts = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Lockout.MaxFailedAccessAttempts;
        Assert.True(attempts is > 1 and <= 10, $"MaxFailedAccessAttempts is {attempts}");
        await app.SignUpAsync("buyer", "target@test.souk");
        await app.SignUpAsync("buyer", "bystander@test.souk");
        var client = app.CreateClient();
        Task<HttpResponseMessage> Login(string email, string password) =>
            client.PostAsJsonAsync("/api/auth/login", new { email, password });

        for (var i = 1; i < attempts; i++)
            await (await Login("target@test.souk", $"Wrong-pass-{i}")).ExpectProblemAsync(401, "login.failed");
        var locked = await (await Login("target@test.souk", "Wrong-pass-last")).ExpectProblemAsync(401, "login.locked-out");
        Assert.Contains("locked", locked["detail"]!.GetValue<string>());

        // The right password does not help while locked, and gives no token.
        var right = await Login("target@test.souk", SoukApp.Password);
        var refused = await right.ExpectProblemAsync(401, "login.locked-out");
        Assert.Null(refused["accessToken"]);
        await (await Login("target@test.souk", SoukApp.Password + "x")).ExpectProblemAsync(401, "login.locked-out");

        // Another account is not affected by someone else's failures.
        await (await Login("bystander@test.souk", SoukApp.Password)).ExpectAsync(200);
    }

    /// <summary>Every list endpoint that takes ?limit, with its cap and the code it refuses with.</summary>
    public static TheoryData<string, string, int, string> PagedLists => new()
    {
        { "buyer", "/api/orders", 100, "orders.bad-limit" },
        { "anonymous", "/api/listings", 100, "listings.bad-limit" },
        { "seller", "/api/stores/mine/listings", 100, "listings.bad-limit" },
        { "buyer", "/api/notifications", 100, "notifications.bad-limit" },
        { "buyer", "/api/balance", 100, "balance.bad-limit" },
        { "seller", "/api/webhooks/{webhook}/deliveries", 100, "webhook-deliveries.bad-limit" },
    };

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task ListPageSize_AboveTheCap_Is400WithACode_AtTheCapIsServed(string role, string path, int max, string code)
    {
        using var app = new SoukApp();
        HttpClient client;
        if (role == "anonymous") client = app.CreateClient();
        else if (role == "buyer") client = await app.SignUpAsync("buyer");
        else
        {
            client = await app.SignUpAsync("seller");
            await Shop.OpenStoreAsync(client);
            await Shop.AddListingAsync(client);
            var hook = await (await client.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } })).ExpectAsync(201);
            path = path.Replace("{webhook}", hook["id"]!.ToString());
        }

        foreach (var limit in new[] { max + 1, 100_000, int.MaxValue, 0, -1 })
            await (await client.GetAsync($"{path}?limit={limit}")).ExpectProblemAsync(400, code);
        await (await client.GetAsync($"{path}?limit={max}")).ExpectAsync(200);
        await (await client.GetAsync($"{path}?limit=1")).ExpectAsync(200);
    }

    /// <summary>So a new list with ?limit cannot be added without a cap and a row above.</summary>
    [Fact]
    public async Task EveryOperationTakingALimit_IsInThePageSizeTest()
    {
        using var app = new SoukApp();
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(200);
        var withLimit = doc["paths"]!.AsObject()
            .Where(p => p.Value!["get"]?["parameters"]?.AsArray().Any(x => x!["name"]!.GetValue<string>() == "limit") == true)
            .Select(p => p.Key.Replace("{id}", "{webhook}"))
            .Order().ToList();
        var tested = PagedLists.Select(row => (string)row[1]).Order().ToList();
        Assert.Equal(tested, withLimit);
    }

    [Fact]
    public async Task Evidence_Over5MB_IsRefusedWithItsCode_AndNothingIsStored()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?>
        {
            ["Souk:Sandbox:ReviewDelay"] = "00:00:00",
            ["Souk:Policy:DisputeOpensAfterShipment"] = "00:00:00",
        });
        var (seller, _, listing) = await Shop.SellerWithListingAsync(app);
        var buyer = await app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(app, buyer, listing);
        await buyer.Pay(id);
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await buyer.ActOk(id, "dispute", new { reason = "QualityProblem", comment = "Cracked", amountMinor = 100 });
        var before = (await buyer.Order(id)).ToJsonString();

        const int max = 5 * 1024 * 1024;
        var tooBig = new byte[max + 1];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        png.CopyTo(tooBig, 0); // a real PNG signature: refused for its size, not its type
        var problem = await (await Upload(buyer, id, tooBig)).ExpectProblemAsync(400, "evidence.too-large");
        Assert.Equal(max, problem["arguments"]!["maxBytes"]!.GetValue<long>());

        Assert.Empty(await (await buyer.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200));
        Assert.Equal(before, (await buyer.Order(id)).ToJsonString());

        // Exactly at the cap is accepted (a real image, then padding after its end, which is not kept).
        var atCap = new byte[max];
        TestImages.Png().CopyTo(atCap, 0);
        await (await Upload(buyer, id, atCap)).ExpectAsync(201);
        Assert.Single(await (await buyer.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200));
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, long id, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return client.PostAsync($"/api/orders/{id}/dispute/evidence", new MultipartFormDataContent { { content, "file", "big.png" } });
    }

    /// <summary>In process (no server body limit here): an over-long field and a too-deep document are refused, not 500s.</summary>
    [Fact]
    public async Task HugeOrDeepJsonBodies_Are4xx_Never5xx()
    {
        using var app = new SoukApp();
        var buyer = await app.SignUpAsync("buyer");
        var huge = new string('x', 20 * 1024 * 1024);

        var longField = await buyer.PostAsJsonAsync("/api/me/addresses", new { name = huge, line1 = "1 Street", city = "Town", postalCode = "1", country = "US" });
        await longField.ExpectProblemAsync(400, "address.field-too-long");
        var deep = new StringBuilder().Append('[', 10_000).Append(']', 10_000).ToString();
        var nested = await buyer.PostAsync("/api/me/addresses", new StringContent($"{{\"name\":{deep}}}", Encoding.UTF8, "application/json"));
        Assert.InRange((int)nested.StatusCode, 400, 499);
        Assert.Empty(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    /// <summary>On the real server a 12 MB evidence upload is cut off at the endpoint's request limit (413), not buffered and then refused.</summary>
    [Fact]
    public async Task OnTheRealServer_AnEvidenceUploadFarPastTheCap_Is413_AndNothingIsStored()
    {
        var database = TestDatabase.NewName();
        try
        {
            using var souk = await StartQuietAsync(database, new Dictionary<string, string>
            {
                ["Souk:Sandbox:ReviewDelay"] = "00:00:00",
                ["Souk:Policy:DisputeOpensAfterShipment"] = "00:00:00",
                ["Souk:Policy:CreatingCallsPerMinute"] = "100000",
            });
            var seller = souk.Client(await souk.RegisterAndSignInAsync("seller", "seller@upload.souk"));
            var buyer = souk.Client(await souk.RegisterAndSignInAsync("buyer", "buyer@upload.souk"));
            await Shop.OpenStoreAsync(seller);
            var listing = await Shop.AddListingAsync(seller);
            await Shop.AddToCartAsync(buyer, listing);
            var id = (await Shop.CheckoutAsync(buyer))["orders"]!.AsArray()[0]!["id"]!.GetValue<long>();
            await buyer.Pay(id);
            await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
            await buyer.ActOk(id, "dispute", new { reason = "QualityProblem", comment = "Cracked", amountMinor = 100 });

            var file = new ByteArrayContent(new byte[12 * 1024 * 1024]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{id}/dispute/evidence")
            {
                Content = new MultipartFormDataContent { { file, "file", "huge.png" } },
            };
            request.Headers.ExpectContinue = true;
            await (await buyer.SendAsync(request)).ExpectProblemAsync(413, "request.too-large");
            Assert.Empty(await (await buyer.GetAsync($"/api/orders/{id}/dispute/evidence")).ExpectArrayAsync(200));
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    /// <summary>On the real server (Kestrel, its request body limit), a body past the limit is 413, not a 5xx.</summary>
    [Fact]
    public async Task OnTheRealServer_ABodyPastTheServersLimit_Is413()
    {
        var database = TestDatabase.NewName();
        try
        {
            using var souk = await StartQuietAsync(database);
            var buyer = souk.Client(await souk.RegisterAndSignInAsync("buyer", "big@test.souk"));
            // Expect: 100-continue, so the client waits for Kestrel's verdict on the declared length instead of pushing
            // 40 MB into a connection the server has already answered and closed.
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/addresses")
            {
                Content = new StringContent($"{{\"name\":\"{new string('x', 40 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.ExpectContinue = true;
            var response = await buyer.SendAsync(request);
            await response.ExpectProblemAsync(413, "request.too-large");
            Assert.Empty(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    /// <summary>Souk as a real process (Kestrel's own limits) on <paramref name="database"/>, with no background work.</summary>
    private static Task<SoukProcess> StartQuietAsync(string database, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Souk:Database:Provider"] = TestDatabase.Provider,
            ["ConnectionStrings:Souk"] = TestDatabase.ConnectionString(database),
            ["Souk:Sweeper:Enabled"] = "false",
            ["Souk:Webhooks:Enabled"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return SoukProcess.StartAsync(settings);
    }
}
