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
    /// <summary>The tag of the checks <c>/health/ready</c> runs; the sweeper's check is added with it where the sweeper is.</summary>
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddSoukHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready]);

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
