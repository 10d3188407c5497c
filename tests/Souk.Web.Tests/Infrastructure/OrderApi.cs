using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Souk.Web.Tests.Infrastructure;

/// <summary>Short calls for the order tests: act on an order, read it, find an action in its list.</summary>
public static class OrderApi
{
    public static Task<HttpResponseMessage> Act(this HttpClient client, long orderId, string path, object? body = null) =>
        client.PostAsJsonAsync($"/api/orders/{orderId}/{path}", body ?? new { });

    public static async Task<JsonObject> ActOk(this HttpClient client, long orderId, string path, object? body = null) =>
        await (await client.Act(orderId, path, body)).ExpectAsync(200);

    public static async Task<JsonObject> Order(this HttpClient client, long orderId) =>
        await (await client.GetAsync($"/api/orders/{orderId}")).ExpectAsync(200);

    public static Task<JsonObject> Pay(this HttpClient buyer, long orderId, string account = "4242 4242 4242 4242") =>
        buyer.ActOk(orderId, "pay", new { method = "Card", account });

    public static string State(this JsonObject order) => order["state"]!.GetValue<string>();
    public static string? Outcome(this JsonObject order) => order["outcome"]?.GetValue<string>();

    public static JsonObject Action(this JsonObject order, string name) =>
        order["actions"]!.AsArray().Select(a => a!.AsObject()).Single(a => a["action"]!.GetValue<string>() == name);

    public static JsonArray Refunds(this JsonObject order) => order["refunds"]!.AsArray();

    public static IEnumerable<string> Timeline(this JsonObject order) =>
        order["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>());

    public static DateTimeOffset Time(this JsonNode? node) => node!.GetValue<DateTimeOffset>();
}
