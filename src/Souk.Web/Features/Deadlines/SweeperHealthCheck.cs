using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Deadlines;

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
