using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Souk.Web.Infrastructure;

namespace Souk.Browser.Tests.Infrastructure;

/// <summary>
/// Souk's real host on a real socket (Kestrel on a free 127.0.0.1 port) over a fresh SQLite file, with a fake clock
/// under Souk's clock that tests move through the dev-clock endpoint (which fires what is due). The browser talks to
/// <see cref="BaseUrl"/>; tests arrange shops and orders through the same server's JSON API.
/// </summary>
public sealed class SoukSite : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public const string Password = "Test-pass-1";
    public const string AdminEmail = "admin@test.souk";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"souk_browser_{Guid.NewGuid():N}.db");

    public FakeTimeProvider Time { get; } = new(Start);
    public string BaseUrl { get; }

    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Configuration on top of the test defaults, e.g. a policy window.</param>
    public SoukSite(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Souk:Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Souk", $"Data Source={_database}");
        builder.UseSetting("Souk:DevClock:Enabled", "true");
        builder.UseSetting("Souk:Sweeper:Enabled", "false");
        // Webhooks: a test that needs them sends the outbox itself (DeliverWebhooksAsync).
        builder.UseSetting("Souk:Webhooks:Enabled", "false");
        builder.UseSetting("Souk:SeedDemoData", "false");
        builder.UseSetting("Souk:Policy:CreatingCallsPerMinute", "100000");
        builder.UseSetting("Souk:Admins:0:Email", AdminEmail);
        builder.UseSetting("Souk:Admins:0:Password", Password);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton(new ClockSource(Time)));
    }

    /// <summary>An API client signed in as a new account with <paramref name="role"/>; returns it with the email.</summary>
    public async Task<(HttpClient Api, string Email)> SignUpAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.souk";
        using (var anonymous = new HttpClient { BaseAddress = new Uri(BaseUrl) })
            (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password, role })).EnsureSuccessStatusCode();
        return (await SignInAsync(email), email);
    }

    /// <summary>An API client with the account's bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var login = await api.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    /// <summary>Moves Souk's clock (the dev-clock endpoint fires every deadline now due, as the sweeper would).</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        using var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        (await api.PostAsJsonAsync("/api/dev/clock", new { advance = by.ToString("c") })).EnsureSuccessStatusCode();
    }

    /// <summary>One pass of the webhook dispatcher, as its background loop (off in tests) would run it now; returns how many were delivered.</summary>
    public Task<int> DeliverWebhooksAsync() => Services.GetRequiredService<Souk.Web.Features.Webhooks.WebhookDispatcher>().DeliverDueAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
