using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>Bad input gets a clear answer and changes nothing; nothing a client sends is a 500.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task MalformedJson_Is400AndChangesNothing()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var before = await buyer.Order(id);

        var response = await buyer.PostAsync($"/api/orders/{id}/cancel", new StringContent("{\"reason\": ", Encoding.UTF8, "application/json"));
        await response.ExpectProblemAsync(400, "request.malformed-body");
        var wrongType = await buyer.PostAsync($"/api/orders/{id}/pay", new StringContent("{\"method\": 42, \"account\": []}", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)wrongType.StatusCode);

        var after = await buyer.Order(id);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task UnknownReason_Is400WithTheFieldAndChangesNothing()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var problem = await (await buyer.Act(id, "cancel", new { reason = "BecauseISaidSo" })).ExpectProblemAsync(400, "cancel.unknown-reason");
        Assert.NotNull(problem["errors"]!["reason"]);
        var other = await (await buyer.Act(id, "cancel", new { reason = "Other" })).ExpectProblemAsync(400, "cancel.comment-required");
        Assert.NotNull(other["errors"]!["comment"]);
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task UnknownOrder_Is404Problem()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.GetAsync("/api/orders/999999")).ExpectProblemAsync(404, "order.not-found");
        await (await buyer.Act(999999, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(404, "order.not-found");
        Assert.Equal(404, (int)(await buyer.GetAsync("/api/orders/not-a-number")).StatusCode);
    }

    [Fact]
    public async Task WrongState_Is409WithTheSameCodeAsTheActionsList()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var listed = (await buyer.Order(id)).Action("confirm-receipt");
        Assert.False(listed["allowed"]!.GetValue<bool>());

        var problem = await (await buyer.Act(id, "confirm-receipt")).ExpectProblemAsync(409, listed["code"]!.GetValue<string>());
        Assert.Equal(listed["message"]!.GetValue<string>(), problem["detail"]!.GetValue<string>());
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task RefusalDuringReview_SaysWhenItBecomesPossible()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var paid = await buyer.Pay(id, "4000 silent");
        _app.Time.Advance(TimeSpan.FromMinutes(3));

        var problem = await (await buyer.Act(id, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(409, "cancel.payment-under-review");
        Assert.Equal(paid["payment"]!["paidAt"].Time() + TimeSpan.FromHours(24), problem["possibleFrom"].Time());
        Assert.Contains("review", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("pay", "{\"method\":\"Balance\"}", "pay.balance-insufficient")]
    [InlineData("pay", "{\"method\":\"Card\",\"account\":\"x\",\"balanceMinor\":-3}", "pay.balance-part-out-of-range")]
    [InlineData("pay", "{\"method\":99,\"account\":\"x\"}", "pay.method-invalid")]
    [InlineData("pay", "{\"method\":\"Card\"}", "pay.account-required")]
    [InlineData("delete-permanently", "{\"confirm\":false}", "delete-permanently.not-in-deleted-orders")]
    [InlineData("extend-handling", "{\"days\":-5}", "handling-extension.not-awaiting-shipment")]
    public async Task EachBadBody_GetsItsCode(string path, string json, string code)
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var response = await buyer.PostAsync($"/api/orders/{id}/{path}", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 409, body);
        Assert.Contains(code, body);
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task ExtraFieldsLikeStatus_AreIgnored()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var paid = await buyer.ActOk(id, "pay", new { method = "Card", account = "4242", state = "Completed", total = 1, amount = 0 });

        Assert.Equal("PaymentReview", paid.State());
        Assert.Equal(paid["total"]!.GetValue<long>(), paid["payment"]!["amount"]!.GetValue<long>());
    }

    /// <summary>
    /// The parser is as strict as the OpenAPI document it serves: for every operation with a JSON body, its example
    /// without each required field is a 400 naming that field, and with each number sent as a string a 400 — before
    /// anything else is looked at (an id that does not exist would be a 404: the body is read first).
    /// </summary>
    [Fact]
    public async Task EveryBody_IsReadAsStrictlyAsTheOpenApiDocumentSays()
    {
        var document = JsonNode.Parse(await _app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        JsonNode Resolve(JsonNode schema) =>
            schema["$ref"]?.GetValue<string>() is { } reference ? schemas[reference.Split('/')[^1]]! : schema;
        var signedIn = new[] { await _app.SignUpAsync("buyer"), await _app.SignUpAsync("seller"), await _app.AdminAsync() };
        var failures = new List<string>();
        var operations = 0;
        var cases = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"] is not { } media || media["example"] is not JsonObject example) continue;
                operations++;
                var url = Regex.Replace(path, @"\{[^}]+\}", "999999");
                var bodies = new List<(string What, JsonNode Body, string Code, string? Field)>();
                foreach (var required in Resolve(media["schema"]!)["required"]?.AsArray() ?? [])
                {
                    var name = required!.GetValue<string>();
                    var without = example.DeepClone().AsObject();
                    Assert.True(without.Remove(name), $"{method} {path}: the example has no required '{name}'");
                    bodies.Add(($"without {name}", without, "request.field-required", name));
                }
                foreach (var number in Numbers(example))
                {
                    var asString = example.DeepClone();
                    var at = Walk(asString, number);
                    at.ReplaceWith(JsonValue.Create(at.ToJsonString()));
                    bodies.Add(($"{number} as a string", asString, "request.malformed-body", null));
                }
                foreach (var (what, body, code, field) in bodies)
                {
                    cases++;
                    HttpResponseMessage? response = null;
                    foreach (var client in signedIn)
                    {
                        response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
                        {
                            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                        });
                        if ((int)response.StatusCode is not (401 or 403)) break;
                    }
                    var text = await response!.Content.ReadAsStringAsync();
                    var problem = (int)response.StatusCode == 400 ? JsonNode.Parse(text) : null;
                    if (problem?["code"]?.GetValue<string>() != code || (field is not null && problem["errors"]?[field] is null))
                        failures.Add($"{method.ToUpperInvariant()} {path} {what}: {(int)response.StatusCode} {text}");
                }
            }

        Assert.Empty(failures);
        Assert.True(operations > 30 && cases > 100, $"{operations} operations, {cases} cases");
    }

    /// <summary>The JSON paths ("price", "shippingOptions.0.price") of every number in a body.</summary>
    private static IEnumerable<string> Numbers(JsonNode? node, string at = "") => node switch
    {
        JsonObject o => o.SelectMany(p => Numbers(p.Value, at.Length == 0 ? p.Key : $"{at}.{p.Key}")),
        JsonArray a => a.SelectMany((v, i) => Numbers(v, $"{at}.{i}")),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => [at],
        _ => [],
    };

    private static JsonNode Walk(JsonNode node, string path) =>
        path.Split('.').Aggregate(node, (n, step) => int.TryParse(step, out var i) && n is JsonArray a ? a[i]! : n[step]!);

    [Fact]
    public async Task DuplicateProperty_IsRefusedNotTheLastOneTaken()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");

        var response = await buyer.PostAsync("/api/cart/items",
            new StringContent($"{{\"listingId\":{listing},\"quantity\":1,\"quantity\":5}}", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(400, "request.duplicate-property");
        Assert.NotNull(problem["errors"]!["quantity"]);
        Assert.Empty((await (await buyer.GetAsync("/api/cart")).ReadJsonAsync())["stores"]!.AsArray());
    }

    [Fact]
    public async Task OverLongText_IsRefusedWithItsField_NeverCut()
    {
        var anonymous = _app.CreateClient();
        var huge = new string('x', 10 * 1024 * 1024);
        var response = await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = "huge@test.souk", password = SoukApp.Password, displayName = huge });
        var problem = await response.ExpectProblemAsync(400, "register.display-name-too-long");
        Assert.Equal(100, problem["arguments"]!["max"]!.GetValue<int>());
        Assert.NotNull(problem["errors"]!["displayName"]);
        // Nothing was created: the same email registers afterwards.
        // An emoji is two UTF-16 units: 51 of them (102) were once cut to 100 — inside the 51st, a broken character.
        var emoji = string.Concat(Enumerable.Repeat("😀", 51));
        await (await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "huge@test.souk", password = SoukApp.Password, displayName = emoji }))
            .ExpectProblemAsync(400, "register.display-name-too-long");
        var fifty = string.Concat(Enumerable.Repeat("😀", 50));
        var created = await (await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "huge@test.souk", password = SoukApp.Password, displayName = fifty }))
            .ExpectAsync(201);
        Assert.Equal(fifty, created["displayName"]!.GetValue<string>());

        // Order text the same way (read before the order's state is looked at): a 101-character carrier is refused
        // with its field, not shipped as 100; a comment of 501 emoji (1002 units) is refused, not cut inside one.
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var refused = await (await seller.Act(id, "ship", new { carrier = new string('c', 101), trackingNumber = "T1" })).ExpectProblemAsync(400, "text.too-long");
        Assert.NotNull(refused["errors"]!["carrier"]);
        var comment = await (await buyer.Act(id, "cancel", new { reason = "NoLongerNeeded", comment = string.Concat(Enumerable.Repeat("😀", 501)) }))
            .ExpectProblemAsync(400, "text.too-long");
        Assert.NotNull(comment["errors"]!["comment"]);
    }
}
