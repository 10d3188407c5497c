using Microsoft.Extensions.Diagnostics.HealthChecks;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>Healthy when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(SoukDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
