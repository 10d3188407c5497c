using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Domain.Orders;

namespace Souk.Web.Infrastructure.Telemetry;

/// <summary>
/// Gauges of what waits: disputes open (with the seller or buyer) and escalated (with an admin), and orders whose
/// deadline is due but not fired yet (the sweeper's backlog). A scrape reads a cached count; the counts are taken at
/// most once per <see cref="TelemetryOptions.BacklogCacheFor"/>, so scraping often never means querying often.
/// </summary>
public sealed class BacklogGauges
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SoukClock _clock;
    private readonly TimeSpan _cacheFor;
    private readonly Lock _gate = new();
    private Snapshot? _last;

    private sealed record Snapshot(DateTimeOffset TakenAt, long DisputesOpen, long DisputesEscalated, long DeadlinesDue);

    public BacklogGauges(SoukMetrics metrics, IServiceScopeFactory scopes, SoukClock clock, IOptions<SoukOptions> options)
    {
        _scopes = scopes;
        _clock = clock;
        _cacheFor = options.Value.Telemetry.BacklogCacheFor;
        metrics.Meter.CreateObservableGauge("souk.disputes.backlog", ReadDisputes, "{dispute}",
            "Disputes not settled yet, by status: open (between buyer and seller) or escalated (waiting for an admin's ruling).");
        metrics.Meter.CreateObservableGauge("souk.deadlines.due", ReadDue, "{order}",
            "Orders with a deadline due now that no sweep has fired yet; steadily above zero means the sweeper falls behind.");
    }

    private IEnumerable<Measurement<long>> ReadDisputes()
    {
        if (Read() is not { } s) yield break;
        yield return new Measurement<long>(s.DisputesOpen, new KeyValuePair<string, object?>("status", "open"));
        yield return new Measurement<long>(s.DisputesEscalated, new KeyValuePair<string, object?>("status", "escalated"));
    }

    private IEnumerable<Measurement<long>> ReadDue()
    {
        if (Read() is { } s) yield return new Measurement<long>(s.DeadlinesDue);
    }

    private Snapshot? Read()
    {
        lock (_gate)
        {
            var now = _clock.RealTime.GetUtcNow();
            if (_last is not null && now - _last.TakenAt < _cacheFor) return _last;
            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
                var soukNow = _clock.GetUtcNow();
                var disputed = db.Orders.AsNoTracking().Where(o => o.Dispute != null);
                var escalated = disputed.Count(o => o.Dispute!.Status == DisputeStatus.Escalated);
                var open = disputed.Where(Dispute.OpenOnOrder).Count(o => o.Dispute!.Status != DisputeStatus.Escalated);
                var due = db.Orders.AsNoTracking().Count(o => o.NextDeadlineAt <= soukNow);
                return _last = new Snapshot(now, open, escalated, due);
            }
            catch (Exception)
            {
                // A scrape must not fail because the database is away (readiness says so); report the last counts.
                return _last;
            }
        }
    }
}
