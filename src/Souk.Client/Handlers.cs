using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Souk.Client;

/// <summary>
/// Gives every changing call (POST, PUT, PATCH, DELETE) an <c>Idempotency-Key</c> unless the caller set one, so a
/// request that is sent again below this handler (a resilience handler, a proxy) is replayed by Souk instead of done
/// twice. To retry an operation yourself, pass your own key to each attempt (every generated method takes
/// <c>idempotency_Key</c>; <see cref="SoukClient.ActAsync"/> takes <c>idempotencyKey</c>).
/// </summary>
public sealed class IdempotencyKeyHandler : DelegatingHandler
{
    public const string Header = "Idempotency-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var changing = request.Method == HttpMethod.Post || request.Method == HttpMethod.Put
            || request.Method == HttpMethod.Patch || request.Method == HttpMethod.Delete;
        if (changing && !request.Headers.Contains(Header)) request.Headers.TryAddWithoutValidation(Header, Guid.NewGuid().ToString());
        return base.SendAsync(request, ct);
    }
}

/// <summary>Puts the signed-in user's bearer token (<see cref="SoukClient.SignInAsync"/>) on every call.</summary>
public sealed class BearerTokenHandler(Func<string?> token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Headers.Authorization is null && token() is { } value)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        return base.SendAsync(request, ct);
    }
}

/// <summary>
/// Turns every problem answer (<c>application/problem+json</c>, which is how Souk answers every refusal) into a
/// <see cref="SoukProblemException"/>, before the generated code sees it; other failures stay the generated
/// <c>SoukApiException</c>.
/// </summary>
public sealed class ProblemHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        if (response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/problem+json") return response;
        using (response)
        {
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject ?? [];
            throw SoukProblemException.FromProblem(response.StatusCode, problem);
        }
    }
}
