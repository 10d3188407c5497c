using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Liveness and readiness. <c>/health/live</c> runs no check: the process answers, so it should not be restarted.
/// <c>/health/ready</c> (and <c>/health</c>, kept for scripts, as plain text) runs the checks tagged "ready": the
/// database answers, no migration is pending, the sweeper is alive. Not ready is a 503, so a load balancer stops
/// sending traffic without killing the process.
/// </summary>
public static class SoukHealth
{
    private const string Ready = "ready";

    public static IHealthChecksBuilder AddSoukHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready])
            .AddCheck<SweeperHealthCheck>("sweeper", tags: [Ready]);

    public static void MapSoukHealth(this WebApplication app)
    {
        // Health endpoints are for probes, not integrators: kept out of the OpenAPI document.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJsonAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).ExcludeFromDescription();
    }

    /// <summary><c>{"status":"Healthy","checks":{"database":{"status":"Healthy","description":"…"}}}</c> — no exception text.</summary>
    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web, http.RequestAborted);
    }
}

/// <summary>Ready only when the database has every migration this build knows: an old schema would fail requests.</summary>
public sealed class MigrationsHealthCheck(SoukDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Every migration is applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The applied migrations could not be read.", e);
        }
    }
}

/// <summary>
/// Ready only when the deadline sweeper made a pass within <see cref="SweeperOptions.ReadyWithinIntervals"/> intervals
/// (measured on Souk's real time, under the development offset, so a clock jump is not mistaken for a stall).
/// A sweeper switched off is not a failure: another process may sweep.
/// </summary>
public sealed class SweeperHealthCheck(DeadlineSweeper sweeper, SoukClock clock, IOptions<SoukOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var settings = options.Value.Sweeper;
        if (!settings.Enabled)
            return Task.FromResult(HealthCheckResult.Healthy("The sweeper is off in this process (Souk:Sweeper:Enabled is false)."));
        var expected = $"expected every {Seconds(settings.Interval)}";
        if (sweeper.LastPassAt is not { } last)
            return Task.FromResult(HealthCheckResult.Unhealthy($"The sweeper has not started; {expected}."));
        var ago = clock.RealTime.GetUtcNow() - last;
        var allowed = settings.Interval * Math.Max(1, settings.ReadyWithinIntervals);
        var description = $"Last sweep {Seconds(ago)} ago; {expected}.";
        return Task.FromResult(ago <= allowed ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }

    private static string Seconds(TimeSpan t) => $"{Math.Round(Math.Max(0, t.TotalSeconds), 1):0.#} s";
}
