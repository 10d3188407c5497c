using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Data;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Idempotency;

/// <summary>
/// Idempotency-Key (issue 4 item 6, issue 7): a retry with the same key and request answers the first answer again
/// and does nothing else; another request under the key is refused; keys are per user and kept 24 h of real time.
/// </summary>
public sealed class IdempotencyTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly object Address = new
    {
        name = "Ada Buyer", line1 = "1 Market Street", city = "Springfield", postalCode = "12345", country = "US",
    };

    [Fact]
    public async Task Checkout_ReplayedThreeTimes_PlacesOneSetOfOrdersAndAnswersAlike()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var body = await CheckoutBodyAsync(buyer, listing, quantity: 2);

        var answers = await SendTimesAsync(3, () => buyer.SendKeyed(HttpMethod.Post, "/api/checkout", body, "checkout-1"));

        await ExpectAllAlikeAsync(answers, 201);
        Assert.Equal(answers[0].Headers.Location, answers[2].Headers.Location);
        Assert.NotNull(answers[2].Headers.Location);
        Assert.Equal(8, await Shop.StockAsync(_app, listing));
        var orders = (await (await buyer.GetAsync("/api/orders")).ExpectAsync(200))["orders"]!.AsArray();
        Assert.Single(orders);
    }

    [Fact]
    public async Task Pay_ReplayedThreeTimes_PaysOnce()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var answers = await SendTimesAsync(3, () => buyer.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/pay",
            new { method = "Card", account = "4242 4242 4242 4242" }, "pay-1"));

        await ExpectAllAlikeAsync(answers, 200);
        Assert.Single((await buyer.Order(id)).Timeline(), kind => kind == "order.paid");
    }

    [Fact]
    public async Task InstantCancel_ReplayedThreeTimes_RefundsOnce()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);

        var answers = await SendTimesAsync(3, () => buyer.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/cancel", new { reason = "NoLongerNeeded" }, "cancel-1"));

        await ExpectAllAlikeAsync(answers, 200);
        var order = await buyer.Order(id);
        Assert.Equal("CancelledByBuyer", order.Outcome());
        Assert.Single(order.Refunds());
    }

    [Fact]
    public async Task CancellationRequestAndApproval_ReplayedThreeTimes_OneRequestOneRefund()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        _app.Time.Advance(TimeSpan.FromMinutes(10));

        var requests = await SendTimesAsync(3, () => buyer.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/cancellation-request",
            new { reason = "ChangeAddress" }, "request-1"));
        await ExpectAllAlikeAsync(requests, 200);
        var approvals = await SendTimesAsync(3, () => seller.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/cancellation-request/approve", new { }, "approve-1"));
        await ExpectAllAlikeAsync(approvals, 200);

        var order = await buyer.Order(id);
        Assert.Single(order.Timeline(), kind => kind == "cancellation.requested");
        Assert.Single(order.Refunds());
    }

    /// <summary>Issue 7: every creating call of a whole sale, replayed 3× with its key → identical answers, one effect.</summary>
    [Fact]
    public async Task EveryCreatingCallOfASale_ReplayedThreeTimes_AnswersAlikeAndActsOnce()
    {
        var seller = await _app.SignUpAsync("seller");
        var buyer = await _app.SignUpAsync("buyer");

        var store = await ReplayedAsync(seller, "/api/stores", new { name = "Kiosk" }, 201);
        var listing = await ReplayedAsync(seller, "/api/listings", Shop.ListingBody(stock: 5), 201);
        var listingId = listing["id"]!.GetValue<long>();
        var address = await ReplayedAsync(buyer, "/api/me/addresses", Address, 201);
        await ReplayedAsync(buyer, "/api/cart/items", new { listingId, quantity = 1 }, 200);
        var placed = await ReplayedAsync(buyer, "/api/checkout", new
        {
            addressId = address["id"]!.GetValue<long>(),
            shipping = new[] { new { storeId = store["id"]!.GetValue<long>(), method = Shop.StandardMethod } },
        }, 201);
        var id = placed["orders"]![0]!["id"]!.GetValue<long>();
        await ReplayedAsync(buyer, $"/api/orders/{id}/pay", new { method = "Card", account = "4242 4242 4242 4242" }, 200);
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        await ReplayedAsync(seller, $"/api/orders/{id}/ship", new { carrier = "DHL", trackingNumber = "JD0001" }, 200);
        await ReplayedAsync(buyer, $"/api/orders/{id}/confirm-receipt", new { }, 200);

        Assert.Single((await (await seller.GetAsync("/api/stores/mine/listings")).ExpectAsync(200))["listings"]!.AsArray());
        Assert.Single(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
        Assert.Equal(4, await Shop.StockAsync(_app, listingId));
        var order = await buyer.Order(id);
        Assert.Equal("Completed", order.State());
        foreach (var kind in new[] { "order.placed", "order.paid", "order.shipped" })
            Assert.Single(order.Timeline(), k => k == kind);
    }

    [Fact]
    public async Task SameKey_OtherBodyOrPath_IsRefusedAsKeyReused()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "key-1")).ExpectAsync(201);

        var otherBody = await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", new
        {
            name = "Someone Else", line1 = "2 Market Street", city = "Springfield", postalCode = "12345", country = "US",
        }, "key-1");
        var problem = await otherBody.ExpectProblemAsync(422, "idempotency.key-reused");
        Assert.Contains("different request", problem["detail"]!.GetValue<string>());
        await (await buyer.SendKeyed(HttpMethod.Post, "/api/cart/items", Address, "key-1")).ExpectProblemAsync(422, "idempotency.key-reused");

        Assert.Single(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    [Fact]
    public async Task RefusedAction_ReplaysTheSameRefusal_WithoutRunningAgain()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var ship = new { carrier = "DHL", trackingNumber = "JD0001" };

        var refused = await seller.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/ship", ship, "ship-1");
        var first = await refused.Content.ReadAsStringAsync();
        await refused.ExpectProblemAsync(409, "ship.not-paid");

        // Now shipping would succeed; the key still answers what it answered.
        await buyer.Pay(id);
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("AwaitingShipment", (await buyer.Order(id)).State());
        var replayed = await seller.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/ship", ship, "ship-1");
        Assert.Equal(first, await replayed.Content.ReadAsStringAsync());
        await replayed.ExpectProblemAsync(409, "ship.not-paid");
        Assert.True(IsReplayed(replayed));
        Assert.Equal("AwaitingShipment", (await buyer.Order(id)).State());

        Assert.Equal("Shipped", (await (await seller.SendKeyed(HttpMethod.Post, $"/api/orders/{id}/ship", ship, "ship-2")).ExpectAsync(200)).State());
    }

    [Fact]
    public async Task AnotherUser_WithTheSameKeyAndBody_IsNotServedTheFirstUsersAnswer()
    {
        var ada = await _app.SignUpAsync("buyer");
        var bob = await _app.SignUpAsync("buyer");

        var adas = await (await ada.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "shared-key")).ExpectAsync(201);
        var bobsAnswer = await bob.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "shared-key");
        var bobs = await bobsAnswer.ExpectAsync(201);

        Assert.False(IsReplayed(bobsAnswer));
        Assert.NotEqual(adas["id"]!.GetValue<long>(), bobs["id"]!.GetValue<long>());
        Assert.Single(await (await ada.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
        Assert.Single(await (await bob.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    [Fact]
    public async Task AnonymousRegister_Replayed_AnswersTheSameAccount()
    {
        var body = new { email = $"new-{Guid.NewGuid():N}@test.souk", password = SoukApp.Password, role = "buyer" };
        var answers = await SendTimesAsync(2, () => _app.CreateClient().SendKeyed(HttpMethod.Post, "/api/auth/register", body, "register-1"));
        await ExpectAllAlikeAsync(answers, 201);
    }

    [Fact]
    public async Task ConcurrentDuplicates_TakeEffectOnce_OthersGetTheAnswerOrInProgress()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var body = await CheckoutBodyAsync(buyer, listing, quantity: 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => buyer.SendKeyed(HttpMethod.Post, "/api/checkout", body, "race-1")));

        var created = new List<string>();
        foreach (var answer in answers)
        {
            if ((int)answer.StatusCode == 201)
            {
                created.Add(await answer.Content.ReadAsStringAsync());
                continue;
            }
            await answer.ExpectProblemAsync(409, "idempotency.in-progress");
            Assert.Equal("1", answer.Headers.RetryAfter?.ToString());
        }
        Assert.NotEmpty(created);
        Assert.Single(created.Distinct());
        Assert.Single(answers, a => (int)a.StatusCode == 201 && !IsReplayed(a));
        Assert.Equal(7, await Shop.StockAsync(_app, listing));
        Assert.Single((await (await buyer.GetAsync("/api/orders")).ExpectAsync(200))["orders"]!.AsArray());

        var late = await buyer.SendKeyed(HttpMethod.Post, "/api/checkout", body, "race-1");
        Assert.Equal(created[0], await late.Content.ReadAsStringAsync());
        Assert.True(IsReplayed(late));
    }

    [Fact]
    public async Task KeyStillRunning_Answers409InProgressWithRetryAfter()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "slow-1")).ExpectAsync(201);
        await WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == "slow-1")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, IdempotencyStatus.InProgress)));

        var answer = await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "slow-1");

        await answer.ExpectProblemAsync(409, "idempotency.in-progress");
        Assert.Equal("1", answer.Headers.RetryAfter?.ToString());
        Assert.Single(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    [Fact]
    public async Task Keys_AreKeptForTheRetentionOfRealTime_ThenForgotten()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var first = await (await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "old-1")).ExpectAsync(201);
        await (await buyer.SendKeyed(HttpMethod.Post, "/api/cart/items", new { listingId = 1, quantity = 1 }, "old-2")).ExpectAsync(404);

        _app.Time.Advance(TimeSpan.FromHours(23));
        // Souk's development clock jumping days ahead (demos) does not shorten the real-time retention.
        await _app.AdvanceAsync(TimeSpan.FromDays(3));
        var kept = await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "old-1");
        Assert.Equal(first["id"]!.GetValue<long>(), (await kept.ExpectAsync(201))["id"]!.GetValue<long>());
        Assert.True(IsReplayed(kept));

        _app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var forgotten = await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, "old-1");
        Assert.NotEqual(first["id"]!.GetValue<long>(), (await forgotten.ExpectAsync(201))["id"]!.GetValue<long>());
        Assert.False(IsReplayed(forgotten));
        Assert.Equal(2, (await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200)).Count);

        // The expired "old-2" went with the clean-up; only the new "old-1" remains.
        var keys = await WithDbAsync(db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync());
        Assert.Equal(["old-1"], keys);
    }

    [Fact]
    public async Task WithoutTheHeader_NothingIsStoredOrReplayed()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var first = await buyer.PostAsJsonAsync("/api/me/addresses", Address);
        var second = await buyer.PostAsJsonAsync("/api/me/addresses", Address);

        await first.ExpectAsync(201);
        await second.ExpectAsync(201);
        Assert.False(IsReplayed(second));
        Assert.Equal(2, (await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200)).Count);
        Assert.Equal(0, await WithDbAsync(db => db.IdempotencyRecords.CountAsync()));
    }

    [Fact]
    public async Task InvalidKey_IsRefused_AQuotedKeyIsTheSameKey()
    {
        var buyer = await _app.SignUpAsync("buyer");
        // HttpClient drops an empty header value; a quoted empty key ("") is the empty key.
        foreach (var bad in new[] { "\"\"", "   ", new string('k', 201), "clé" })
            await (await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, bad)).ExpectProblemAsync(400, "idempotency.key-invalid");

        var longest = new string('k', 200);
        await (await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, longest)).ExpectAsync(201);
        Assert.True(IsReplayed(await buyer.SendKeyed(HttpMethod.Post, "/api/me/addresses", Address, $"\"{longest}\"")));
        Assert.Single(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    [Fact]
    public async Task OpenApi_DocumentsTheHeaderOnChangingCalls()
    {
        var doc = await (await _app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(200);
        var paths = doc["paths"]!.AsObject();

        bool HasHeader(string path, string method) => paths[path]![method]!["parameters"]?.AsArray()
            .Any(p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header") == true;

        Assert.True(HasHeader("/api/checkout", "post"));
        Assert.True(HasHeader("/api/orders/{id}/pay", "post"));
        Assert.True(HasHeader("/api/listings/{id}", "put"));
        Assert.True(paths["/api/checkout"]!["post"]!["responses"]!.AsObject().ContainsKey("422"));
        Assert.False(HasHeader("/api/auth/login", "post"));
        Assert.False(HasHeader("/api/orders/{id}", "get"));
    }

    [Fact]
    public void RetentionShorterThanADay_StopsStartUp()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Idempotency:Retention"] = "01:00:00" });
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Souk:Idempotency:Retention", failure.ToString());
    }

    private static bool IsReplayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotency-Replayed", out var values) && values.Single() == "true";

    private static async Task<HttpResponseMessage[]> SendTimesAsync(int times, Func<Task<HttpResponseMessage>> send)
    {
        var answers = new HttpResponseMessage[times];
        for (var i = 0; i < times; i++) answers[i] = await send();
        return answers;
    }

    /// <summary>The first answer ran; every later one is it again, marked replayed.</summary>
    private static async Task ExpectAllAlikeAsync(HttpResponseMessage[] answers, int status)
    {
        var first = await answers[0].Content.ReadAsStringAsync();
        await answers[0].ExpectAsync(status);
        Assert.False(IsReplayed(answers[0]));
        foreach (var answer in answers.Skip(1))
        {
            Assert.Equal(status, (int)answer.StatusCode);
            Assert.Equal(answers[0].Content.Headers.ContentType?.ToString(), answer.Content.Headers.ContentType?.ToString());
            Assert.Equal(first, await answer.Content.ReadAsStringAsync());
            Assert.True(IsReplayed(answer));
        }
    }

    /// <summary>Sends the call three times with one key, checks the answers are alike and returns the first.</summary>
    private static async Task<JsonObject> ReplayedAsync(HttpClient client, string path, object body, int status)
    {
        var key = Guid.NewGuid().ToString();
        var answers = await SendTimesAsync(3, () => client.SendKeyed(HttpMethod.Post, path, body, key));
        await ExpectAllAlikeAsync(answers, status);
        return JsonNode.Parse(await answers[0].Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<object> CheckoutBodyAsync(HttpClient buyer, long listing, int quantity)
    {
        var addressId = await Shop.AddressOfAsync(buyer);
        await Shop.AddToCartAsync(buyer, listing, quantity);
        var storeId = (await Shop.CartAsync(buyer))["stores"]![0]!["storeId"]!.GetValue<long>();
        return new { addressId, shipping = new[] { new { storeId, method = Shop.StandardMethod } } };
    }

    private async Task<T> WithDbAsync<T>(Func<SoukDbContext, Task<T>> query)
    {
        using var scope = _app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SoukDbContext>());
    }
}

/// <summary>Sending a call with an Idempotency-Key.</summary>
public static class Keyed
{
    public static Task<HttpResponseMessage> SendKeyed(this HttpClient client, HttpMethod method, string path, object body, string key)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
