using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>A client can drive a whole flow by following the order's <c>actions</c> alone: href, method and fields.</summary>
public sealed class FollowActionsTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonObject> Follow(HttpClient client, JsonObject order, string action, object body)
    {
        var a = order.Action(action);
        Assert.True(a["allowed"]!.GetValue<bool>(), a.ToJsonString());
        Assert.Equal("POST", a["method"]!.GetValue<string>());
        var response = await client.PostAsJsonAsync(a["href"]!.GetValue<string>(), body);
        return await response.ExpectAsync(200);
    }

    [Fact]
    public async Task PayRequestApproveShipped_ByFollowingActions()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var order = await buyer.Order(id);
        var pay = order.Action("pay");
        var methods = pay["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "method")!["options"]!.AsArray();
        order = await Follow(buyer, order, "pay", new { method = methods[0]!.GetValue<string>(), account = "4111 1111 1111 1111" });
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        order = await buyer.Order(id);

        var reasons = order.Action("request-cancellation")["fields"]!.AsArray()
            .Single(f => f!["name"]!.GetValue<string>() == "reason")!["options"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
        Assert.Equal(["NoLongerNeeded", "ChangeOrder", "ChangeAddress", "ChangeCoupon", "ChangeShipping", "PaymentProblem", "Other"], reasons);
        order = await Follow(buyer, order, "request-cancellation", new { reason = reasons[0] });

        var asSeller = await seller.Order(id);
        asSeller = await Follow(seller, asSeller, "refuse-cancellation", new { message = "Shipping today" });
        asSeller = await Follow(seller, asSeller, "ship", new { carrier = "DHL", trackingNumber = "JD0001" });
        Assert.Equal("Shipped", asSeller.State());

        order = await buyer.Order(id);
        var shippedRefusal = order.Action("request-cancellation");
        Assert.False(shippedRefusal["allowed"]!.GetValue<bool>());
        Assert.Equal("request-cancellation.already-shipped", shippedRefusal["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(shippedRefusal["message"]!.GetValue<string>()));
        order = await Follow(buyer, order, "confirm-receipt", new { });
        Assert.Equal("Received", order.Outcome());
    }

    /// <summary>The situations of the domain's rule matrix (<c>OrderActionMatrixTests.Situation</c>), reached through the API.</summary>
    private static readonly string[] Situations =
    [
        "AwaitingPayment", "PaymentReviewInsideInstantWindow", "PaymentReviewAfterInstantWindow", "AwaitingShipment",
        "AwaitingShipmentWithOpenCancellationRequest", "AwaitingShipmentWithPendingHandlingExtension", "Shipped",
        "ShippedWithPendingProtectionExtension", "ShippedAfterCancellationRefused", "ShippedWithOpenDispute", "CompletedReceived",
        "CompletedCancelledByBuyer", "Deleted", "PermanentlyDeleted",
    ];

    /// <summary>
    /// Issue 15: every allowed action of every situation of the rule matrix, for every role, takes a body built from its
    /// <c>fields</c> alone — the first option where there are options, the minimum of an integer, <c>true</c> for a
    /// boolean, any text for a string — and each option has the field's JSON type. A copy of the situation serves the
    /// next action while the one before left every role's allowed actions as they were; otherwise a fresh copy is built.
    /// </summary>
    [Fact]
    public async Task EveryAllowedAction_InEverySituation_TakesABodyBuiltFromItsFieldsAlone()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, stock: 1_000);
        var buyer = await _app.SignUpAsync("buyer");
        var roles = new Dictionary<string, HttpClient> { ["buyer"] = buyer, ["seller"] = seller, ["admin"] = await _app.AdminAsync() };
        var followed = new List<string>();

        async Task<Dictionary<string, JsonObject>> ViewsAsync(long id)
        {
            var views = new Dictionary<string, JsonObject>();
            // A permanently deleted order is gone for its buyer (404): no view, no actions.
            foreach (var (role, client) in roles)
                if (await client.GetAsync($"/api/orders/{id}") is { StatusCode: not System.Net.HttpStatusCode.NotFound } response)
                    views[role] = await response.ExpectAsync(200);
            return views;
        }
        static List<(string Role, string Action)> Allowed(Dictionary<string, JsonObject> views) =>
            views.SelectMany(v => v.Value["actions"]!.AsArray().Where(a => a!["allowed"]!.GetValue<bool>())
                .Select(a => (v.Key, a!["action"]!.GetValue<string>()))).ToList();

        foreach (var situation in Situations)
        {
            var id = await SituationAsync(situation, buyer, seller, listing);
            var views = await ViewsAsync(id);
            var expected = Allowed(views);
            foreach (var (role, action) in expected)
            {
                if (!Allowed(views).SequenceEqual(expected))
                {
                    id = await SituationAsync(situation, buyer, seller, listing);
                    views = await ViewsAsync(id);
                    Assert.Equal(expected, Allowed(views));
                }
                var a = views[role].Action(action);
                var body = BodyFrom(a["fields"]!.AsArray(), $"{situation}, {role} {action}");
                var response = await roles[role].PostAsync(a["href"]!.GetValue<string>(),
                    new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
                var answer = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{situation}, {role} {action} with {body.ToJsonString()}: {(int)response.StatusCode} {answer}");
                followed.Add($"{situation}/{action}");
                views = await ViewsAsync(id);
            }
        }

        // The fields that matter most were on the way: a boolean's option, typed ids, a dispute and its answers.
        Assert.Contains("Deleted/delete-permanently", followed);
        Assert.Contains("ShippedAfterCancellationRefused/open-dispute", followed);
        Assert.Contains("ShippedWithOpenDispute/propose-dispute-amount", followed);
        Assert.True(followed.Count >= 50, $"only {followed.Count} actions followed");
    }

    /// <summary>The body a client fills from the fields alone; checks each field's type and options on the way.</summary>
    private static JsonObject BodyFrom(JsonArray fields, string where)
    {
        var body = new JsonObject();
        foreach (var f in fields.Select(f => f!.AsObject()))
        {
            var name = f["name"]!.GetValue<string>();
            var type = f["type"]!.GetValue<string>();
            Assert.True(type is "string" or "integer" or "boolean", $"{where}: field {name} has type {type}");
            var options = f["options"] as JsonArray;
            foreach (var option in options ?? [])
                Assert.True(Kind(option!) == type, $"{where}: option {option!.ToJsonString()} of {name} is not a JSON {type}");
            // An optional time is left out, as the field allows (now is used); every other field is filled.
            if (f["format"]?.GetValue<string>() is { } format)
            {
                Assert.Equal("date-time", format);
                Assert.False(f["required"]!.GetValue<bool>(), $"{where}: {name} is a required time");
                continue;
            }
            body[name] = options is { Count: > 0 } ? options[0]!.DeepClone() : type switch
            {
                "integer" => JsonValue.Create(f["minimum"]!.GetValue<long>()),
                "boolean" => JsonValue.Create(true),
                _ => JsonValue.Create("Filled in from the field alone"),
            };
        }
        return body;
    }

    private static string Kind(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.Number => "integer",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        var other => other.ToString(),
    };

    /// <summary>A fresh order in the named situation, reached through the API as a buyer and seller would (the clock moves).</summary>
    private async Task<long> SituationAsync(string situation, HttpClient buyer, HttpClient seller, long listing)
    {
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        if (situation == "AwaitingPayment") return id;
        if (situation == "CompletedCancelledByBuyer")
        {
            await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });
            return id;
        }
        await buyer.Pay(id);
        if (situation == "PaymentReviewInsideInstantWindow") return id;
        if (situation == "PaymentReviewAfterInstantWindow")
        {
            await _app.AdvanceAsync(TimeSpan.FromMinutes(3));
            return id;
        }
        // The sandbox answers the review after 5 minutes; the instant-cancel window is over by then.
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        switch (situation)
        {
            case "AwaitingShipment": return id;
            case "AwaitingShipmentWithOpenCancellationRequest":
                await buyer.ActOk(id, "cancellation-request", new { reason = "ChangeAddress" });
                return id;
            case "AwaitingShipmentWithPendingHandlingExtension":
                await seller.ActOk(id, "handling-extension-request", new { days = 5, message = "Waiting for stock" });
                return id;
            case "ShippedAfterCancellationRefused":
                await buyer.ActOk(id, "cancellation-request", new { reason = "ChangeAddress" });
                await seller.ActOk(id, "cancellation-request/refuse", new { message = "Already packed" });
                break;
        }
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        switch (situation)
        {
            case "Shipped" or "ShippedAfterCancellationRefused": return id;
            case "ShippedWithPendingProtectionExtension":
                await buyer.ActOk(id, "protection-extension-request", new { days = 10, message = "Still travelling" });
                return id;
            case "ShippedWithOpenDispute":
                await _app.AdvanceAsync(TimeSpan.FromDays(5));
                await buyer.ActOk(id, "dispute", new { reason = "NotAsDescribed", comment = "Plastic, not brass", amountMinor = 500 });
                return id;
        }
        await buyer.ActOk(id, "confirm-receipt");
        if (situation == "CompletedReceived") return id;
        await buyer.ActOk(id, "delete");
        if (situation == "Deleted") return id;
        await buyer.ActOk(id, "delete-permanently", new { confirm = true });
        Assert.Equal("PermanentlyDeleted", situation);
        return id;
    }

    [Fact]
    public async Task EveryRefusalShown_HasASentence()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        foreach (var client in new[] { buyer, seller })
        {
            var order = await client.Order(id);
            foreach (var action in order["actions"]!.AsArray().Select(a => a!.AsObject()).Where(a => !a["allowed"]!.GetValue<bool>()))
            {
                var message = action["message"]!.GetValue<string>();
                Assert.NotEqual(action["code"]!.GetValue<string>(), message);
                Assert.DoesNotContain("{", message);
            }
        }
    }
}
