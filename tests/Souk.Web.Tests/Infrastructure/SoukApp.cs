using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Souk.Web.Infrastructure;

namespace Souk.Web.Tests.Infrastructure;

/// <summary>
/// Souk's real host on a fresh real database (<see cref="TestDatabase"/>: SQLite or PostgreSQL), with a fake clock
/// under Souk's clock. The background sweeper is off unless asked for: tests move time with
/// <see cref="AdvanceAsync"/> (the real dev-clock endpoint, which sweeps). Give the same <paramref name="database"/>
/// name to a second instance to "restart" Souk on the same data; the creator of the name drops it.
/// </summary>
public sealed class SoukApp(string? database = null, IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = time ?? new FakeTimeProvider(Start);
    public string Database { get; } = database ?? TestDatabase.NewName();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Souk:Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:Souk", TestDatabase.ConnectionString(Database));
        builder.UseSetting("Souk:DevClock:Enabled", "true");
        builder.UseSetting("Souk:Sweeper:Enabled", "false");
        // Webhooks: tests send the outbox themselves (DeliverWebhooksAsync) to receivers on 127.0.0.1.
        builder.UseSetting("Souk:Webhooks:Enabled", "false");
        builder.UseSetting("Souk:Webhooks:AllowInsecureTargets", "true");
        builder.UseSetting("Souk:SeedDemoData", "false");
        // Tests fire many calls per user within a minute; RateLimitTests checks the limit at a low setting.
        builder.UseSetting("Souk:Policy:CreatingCallsPerMinute", "100000");
        builder.UseSetting("Souk:Admins:0:Email", "admin@test.souk");
        builder.UseSetting("Souk:Admins:0:Password", Password);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton(new ClockSource(Time)));
        // A test's own services (such as the webhook resolver) replace Souk's.
        if (services is not null) builder.ConfigureServices(services);
    }

    public const string Password = "Test-pass-1";

    /// <summary>Registers a new account with the role and returns a client signed in with its bearer token.</summary>
    public async Task<HttpClient> SignUpAsync(string role, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@test.souk";
        var anonymous = CreateClient();
        var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password, role });
        registered.EnsureSuccessStatusCode();
        return await SignInAsync(email);
    }

    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync("admin@test.souk");

    /// <summary>Moves Souk's clock through the dev-clock endpoint, which fires every deadline now due.</summary>
    public async Task<JsonObject> AdvanceAsync(TimeSpan by)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/dev/clock", new { advance = by.ToString("c") });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>One pass of the webhook dispatcher, as its background loop would run it now; returns how many were delivered.</summary>
    public Task<int> DeliverWebhooksAsync(CancellationToken ct = default) =>
        Services.GetRequiredService<Souk.Web.Features.Webhooks.WebhookDispatcher>().DeliverDueAsync(ct);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && database is null) TestDatabase.Drop(Database);
    }
}

/// <summary>Reading JSON answers and problems in tests.</summary>
public static class Http
{
    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Asserts the status and, for problems, returns the body.</summary>
    public static async Task<JsonObject> ExpectAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonObject> ExpectProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body["code"]?.GetValue<string>());
        return body;
    }
}
