using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Infrastructure;
using Souk.Web.Infrastructure.Telemetry;

namespace Souk.Web.Features.Deadlines;

/// <summary>
/// Fires due deadlines. Each tick claims orders whose earliest deadline has passed (an indexed query) and sends
/// each through the one commit step, which replays every due deadline at its own due time. A deadline is part of
/// the order row, cleared in the same transaction as its effect, so it fires exactly once, also across restarts.
/// </summary>
public sealed class DeadlineSweeper(IServiceScopeFactory scopes, SoukClock clock, IOptions<SoukOptions> options, ILogger<DeadlineSweeper> log)
    : BackgroundService
{
    private long _lastPassTicks;

    /// <summary>
    /// When the background loop last showed life (a pass began or ended, or a batch committed), on Souk's real time —
    /// the readiness check compares it with the interval. Null before the loop started.
    /// </summary>
    public DateTimeOffset? LastPassAt => Interlocked.Read(ref _lastPassTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private void Beat() => Interlocked.Exchange(ref _lastPassTicks, clock.RealTime.GetUtcNow().UtcTicks);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Sweeper is not { Enabled: true } settings) return Task.CompletedTask;
        Beat();
        return PeriodicWork.RunAsync(settings.Interval, clock, async ct =>
        {
            Beat();
            await SweepAsync(ct);
            Beat();
        }, log, "Deadline sweep", stoppingToken);
    }

    /// <summary>Fires everything due now, a batch per transaction; returns how many orders were changed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        using var span = SoukTracing.Source.StartActivity("souk.sweep");
        using var logScope = log.BeginScope(new Dictionary<string, object?> { ["ActorRole"] = nameof(ActorRole.System) });
        var changed = await SweepOrdersAsync(ct);
        // Investigations whose evidence window passed block their store (annulling orders through the commit step).
        using (var scope = scopes.CreateScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<StoreInvestigator>().FireDueAsync(ct) > 0)
                changed += await SweepOrdersAsync(ct);
        }
        return changed;
    }

    private async Task<int> SweepOrdersAsync(CancellationToken ct)
    {
        var changed = 0;
        while (!ct.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            if (options.Value.DevClock.Enabled)
                await clock.RefreshAsync(scope.ServiceProvider.GetRequiredService<SoukDbContext>(), ct);
            var writer = scope.ServiceProvider.GetRequiredService<OrderWriter>();
            try
            {
                using var batch = SoukTracing.Source.StartActivity("souk.sweep.batch");
                var fired = await writer.FireDueAsync(options.Value.Sweeper.BatchSize, ct);
                batch?.SetTag("souk.orders_fired", fired.Count);
                Beat();
                if (fired.Count == 0) break;
                changed += fired.Count;
                log.LogInformation("Deadlines fired for {Count} orders: {OrderIds}", fired.Count, fired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad order must not hold the others back: redo this batch one order at a time, then stop this
                // sweep; whatever still fails stays due and is retried on the next tick.
                log.LogWarning(e, "A sweep batch failed; firing its orders one at a time");
                changed += await FireOneByOneAsync(ct);
                break;
            }
        }
        return changed;
    }

    private async Task<int> FireOneByOneAsync(CancellationToken ct)
    {
        List<long> due;
        using (var scope = scopes.CreateScope())
            due = await scope.ServiceProvider.GetRequiredService<OrderWriter>().DueAsync(options.Value.Sweeper.BatchSize, ct);
        var changed = 0;
        foreach (var id in due)
            if (await FireAsync(id, ct)) changed++;
        return changed;
    }

    private async Task<bool> FireAsync(long orderId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<OrderWriter>();
        using var span = SoukTracing.Source.StartActivity("souk.deadlines.fire");
        span?.SetTag(SoukTracing.OrderIdTag, orderId);
        using var logScope = log.BeginScope(new Dictionary<string, object?> { ["OrderId"] = orderId });
        try
        {
            var order = await writer.CatchUpAsync(orderId, ct);
            log.LogInformation("Deadlines fired for order {OrderId}; now {State} {Outcome}", orderId, order.State, order.Outcome);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else (a user, another sweeper) changed the order first; it is re-read on the next pass.
            log.LogInformation("Order {OrderId} changed concurrently during a sweep; moving on", orderId);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Firing deadlines of order {OrderId} failed; it stays due and is retried", orderId);
            return false;
        }
    }
}
