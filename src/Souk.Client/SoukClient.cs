using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Souk.Client;

/// <summary>
/// Souk from .NET: <see cref="Api"/> is every operation of the API, generated from docs/openapi.json; this class adds
/// what every integrator needs around it — sign-in (<see cref="SignInAsync"/>, then a bearer token on every call),
/// an <c>Idempotency-Key</c> on every changing call, refusals as <see cref="SoukProblemException"/>, and
/// <see cref="ActAsync"/>, which follows an order's <c>actions</c>.
/// </summary>
public sealed class SoukClient : IDisposable
{
    private static JsonSerializerOptions Json => SoukJson.Options;
    private readonly HttpClient http;
    private string? token;

    /// <param name="baseAddress">Where Souk runs, e.g. <c>http://localhost:5080/</c>.</param>
    /// <param name="transport">The handler that sends the requests (default: a new <see cref="SocketsHttpHandler"/>);
    /// tests pass an in-memory server's handler. It is disposed with the client.</param>
    public SoukClient(Uri baseAddress, HttpMessageHandler? transport = null)
    {
        var pipeline = new ProblemHandler
        {
            InnerHandler = new IdempotencyKeyHandler
            {
                InnerHandler = new BearerTokenHandler(() => token) { InnerHandler = transport ?? new SocketsHttpHandler() },
            },
        };
        http = new HttpClient(pipeline) { BaseAddress = baseAddress };
        Api = new SoukApi(http);
    }

    /// <summary>Every operation of the API (generated): <c>Api.PayAsync(orderId, null, body)</c>, <c>Api.GetOrderAsync(id)</c>…</summary>
    public SoukApi Api { get; }

    /// <summary>True after a successful <see cref="SignInAsync"/>.</summary>
    public bool SignedIn => token is not null;

    /// <summary>Signs in with email and password; later calls carry the bearer token. A wrong password is a
    /// <see cref="SoukProblemException"/> (401).</summary>
    public async Task SignInAsync(string email, string password, CancellationToken ct = default)
    {
        // Sign-in answers a credential that the generated method does not describe, so it is read here.
        using var response = await http.PostAsJsonAsync("api/auth/login", new { email, password }, Json, ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
        token = answer.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException("Souk's sign-in answer has no accessToken.");
    }

    public void SignOut() => token = null;

    /// <summary>
    /// Takes <paramref name="action"/> (e.g. "cancel", "pay", "open-dispute") on the order as the order itself
    /// describes it: the method and address from its <c>actions</c> list, with <paramref name="body"/> (one of the
    /// generated body types, or null for actions that take nothing). When the order says the action is not allowed,
    /// refuses without calling Souk, with the order's own code, sentence and <c>possibleFrom</c>
    /// (<see cref="SoukProblemException.RefusedLocally"/>). Returns the order as it is afterwards.
    /// </summary>
    public async Task<OrderView> ActAsync(OrderView order, string action, object? body = null, string? idempotencyKey = null,
        CancellationToken ct = default)
    {
        var offered = order.Actions.FirstOrDefault(a => a.Action == action)
            ?? throw new SoukProblemException(HttpStatusCode.Conflict, "order.action-not-offered", "Not offered",
                $"Order {order.Id} does not offer '{action}' to you; it offers: {string.Join(", ", order.Actions.Select(a => a.Action))}.",
                new Dictionary<string, JsonElement>(), null, new Dictionary<string, string[]>(), refusedLocally: true);
        if (!offered.Allowed)
            throw new SoukProblemException(HttpStatusCode.Conflict, offered.Code ?? "order.action-not-allowed", "Not possible now", offered.Message,
                Arguments(offered.Arguments), offered.PossibleFrom, new Dictionary<string, string[]>(), refusedLocally: true);

        // The href is absolute ("/api/orders/7/cancel"); relative to the base address keeps a base path such as /souk/.
        using var request = new HttpRequestMessage(new HttpMethod(offered.Method), offered.Href.TrimStart('/'))
        {
            Content = JsonContent.Create(body ?? new { }, body?.GetType() ?? typeof(object), options: Json),
        };
        if (idempotencyKey is not null) request.Headers.Add(IdempotencyKeyHandler.Header, idempotencyKey);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<OrderView>(Json, ct)
            ?? throw new InvalidOperationException($"Souk answered '{action}' without the order.");
    }

    private static Dictionary<string, JsonElement> Arguments(object? arguments) =>
        arguments is null ? [] : JsonSerializer.SerializeToElement(arguments, Json) is { ValueKind: JsonValueKind.Object } element
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];

    public void Dispose() => http.Dispose();
}
