using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Souk.Bench;

/// <summary>The calls the bench makes to set things up, through Souk's public API as a user would.</summary>
public static class SoukApi
{
    public static HttpRequestMessage Post(string path, string? token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage Get(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static async Task<JsonNode> SendOkAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} → {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    /// <summary>Registers an account and signs in; returns the bearer token and the user id.</summary>
    public static async Task<(string Token, string UserId)> SignUpAsync(HttpClient client, string email, string role)
    {
        await SendOkAsync(client, Post("/api/auth/register", null, JsonSerializer.Serialize(new { email, password = SoukProcess.Password, role })));
        var login = await SendOkAsync(client, Post("/api/auth/login", null, JsonSerializer.Serialize(new { email, password = SoukProcess.Password })));
        var token = login["accessToken"]!.GetValue<string>();
        var me = await SendOkAsync(client, Get("/api/me", token));
        return (token, me["id"]!.GetValue<string>());
    }

    public static async Task<long> OpenStoreAsync(HttpClient client, string token, string name) =>
        (await SendOkAsync(client, Post("/api/stores", token, JsonSerializer.Serialize(new { name }))))["id"]!.GetValue<long>();

    public static async Task<long> AddListingAsync(HttpClient client, string token, string title, int stock) =>
        (await SendOkAsync(client, Post("/api/listings", token, JsonSerializer.Serialize(new
        {
            title,
            price = 1_000,
            currency = "USD",
            stock,
            handlingDays = 3,
            shippingOptions = new object[] { new { code = "standard", name = "Standard post", price = 200, deliveryDays = 20 } },
        }))))["id"]!.GetValue<long>();

    public static async Task<long> AddAddressAsync(HttpClient client, string token) =>
        (await SendOkAsync(client, Post("/api/me/addresses", token, JsonSerializer.Serialize(new
        {
            name = "Bench Buyer", line1 = "1 Market Street", city = "Springfield", postalCode = "12345", country = "US", phone = "+1 555 0100",
        }))))["id"]!.GetValue<long>();

    /// <summary>Runs <paramref name="action"/> for 0..count-1, at most <paramref name="parallel"/> at a time.</summary>
    public static Task ForEachAsync(int count, int parallel, Func<int, Task> action) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await action(i));
}
