using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Data.Webhooks;
using Souk.Domain;
using Souk.Web.Infrastructure;
using Souk.Web.Infrastructure.Telemetry;

namespace Souk.Web.Features.Webhooks;

/// <summary>
/// Sends the webhook outbox (spec §7). Each pass claims deliveries that are due and first in line for their order and
/// endpoint, sends them, and records each answer: 2xx delivers; anything else is retried with exponential back-off
/// until <see cref="WebhookOptions.RetryFor"/> has passed since the event was written, then dead-lettered, which holds
/// that order's later events for that endpoint until an operator replays or skips it.
/// A claim is a lease written to the row: several processes can dispatch side by side, and if one dies mid-send its
/// deliveries are sent again after the lease — at least once, never lost.
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, SoukClock clock, IOptions<SoukOptions> options, IHttpClientFactory http,
    SoukMetrics metrics, ILogger<WebhookDispatcher> log) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    private WebhookOptions Settings => options.Value.Webhooks;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Settings.Enabled
            ? PeriodicWork.RunAsync(Settings.Interval, clock, DeliverDueAsync, log, "Webhook dispatch", stoppingToken)
            : Task.CompletedTask;

    private sealed record Claimed(WebhookDelivery Delivery, WebhookEndpoint Endpoint);

    private sealed record Attempt(long DeliveryId, DateTimeOffset At, int? StatusCode, string? Error, string? Address)
    {
        public bool Succeeded => Error is null;
    }

    /// <summary>Sends everything due now, in rounds (a delivered event lets its order's next one go); returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var delivered = 0;
        // Bounded, so a misconfiguration (a zero back-off) cannot spin a pass forever.
        for (var round = 0; round < 1000 && !ct.IsCancellationRequested; round++)
        {
            var claimed = await ClaimAsync(ct);
            if (claimed.Count == 0) break;
            var attempts = new Attempt[claimed.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Settings.Parallelism), CancellationToken = ct },
                async (i, token) => attempts[i] = await SendAsync(claimed[i], token));
            await RecordAsync(attempts, ct);
            delivered += attempts.Count(a => a.Succeeded);
        }
        return delivered;
    }

    private async Task<List<Claimed>> ClaimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
        if (options.Value.DevClock.Enabled) await clock.RefreshAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var batch = Settings.BatchSize;
        const int pending = (int)WebhookDeliveryStatus.Pending, dead = (int)WebhookDeliveryStatus.DeadLettered;
        // First in line only: nothing earlier for the same order and endpoint is still pending or dead-lettered.
        var deliveries = db.Database.IsNpgsql()
            ? await db.WebhookDeliveries.FromSql($"""
                SELECT d.* FROM "WebhookDeliveries" d
                JOIN "WebhookEndpoints" e ON e."Id" = d."EndpointId" AND e."IsActive"
                WHERE d."Status" = {pending} AND d."NextAttemptAt" <= {now.UtcTicks}
                  AND (d."LeasedUntil" IS NULL OR d."LeasedUntil" <= {now.UtcTicks})
                  AND NOT EXISTS (SELECT 1 FROM "WebhookDeliveries" p
                                  WHERE p."EndpointId" = d."EndpointId" AND p."OrderId" = d."OrderId" AND p."Id" < d."Id"
                                    AND p."Status" IN ({pending}, {dead}))
                ORDER BY d."Id" LIMIT {batch} FOR UPDATE OF d SKIP LOCKED
                """).ToListAsync(ct)
            : await db.WebhookDeliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil <= now)
                    && db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.IsActive)
                    && !db.WebhookDeliveries.Any(p => p.EndpointId == d.EndpointId && p.OrderId == d.OrderId && p.Id < d.Id
                        && (p.Status == WebhookDeliveryStatus.Pending || p.Status == WebhookDeliveryStatus.DeadLettered)))
                .OrderBy(d => d.Id).Take(batch).ToListAsync(ct);
        if (deliveries.Count == 0) return [];
        foreach (var d in deliveries) d.LeasedUntil = now + Settings.Lease;
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return deliveries.Select(d => new Claimed(d, endpoints[d.EndpointId])).ToList();
    }

    private async Task<Attempt> SendAsync(Claimed claimed, CancellationToken ct)
    {
        var (delivery, endpoint) = claimed;
        var at = clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId);
        request.Headers.Add(WebhookSignature.EventTypeHeader, delivery.EventType);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(endpoint.Secret, timestamp, delivery.Body));
        request.Headers.Add(WebhookSignature.AttemptHeader, (delivery.Attempts + 1).ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.ParseAdd("Souk-Webhooks/1");
        // The address the request goes to, for the delivery log (the connect step checked it; WebhookTargets.Handler).
        var peer = WebhookTargets.WatchPeer();
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return new Attempt(delivery.Id, at, status, response.IsSuccessStatusCode ? null : $"The receiver answered {status}.", peer.Value?.ToString());
        }
        catch (HttpRequestException e)
        {
            return new Attempt(delivery.Id, at, null, Truncate(e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message),
                peer.Value?.ToString());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Attempt(delivery.Id, at, null, $"No answer within {Settings.Timeout.TotalSeconds:0} seconds.", peer.Value?.ToString());
        }
    }

    private async Task RecordAsync(IReadOnlyList<Attempt> attempts, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
        var ids = attempts.Select(a => a.DeliveryId).ToList();
        var deliveries = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var outcomes = new List<string>(attempts.Count);
        foreach (var attempt in attempts)
        {
            var d = deliveries[attempt.DeliveryId];
            d.Attempts++;
            d.LastAttemptAt = attempt.At;
            d.LastStatusCode = attempt.StatusCode;
            d.LastError = attempt.Error;
            d.LastAddress = attempt.Address;
            d.LeasedUntil = null;
            if (attempt.Succeeded)
            {
                d.Status = WebhookDeliveryStatus.Delivered;
                d.DeliveredAt = attempt.At;
                d.NextAttemptAt = null;
                outcomes.Add("delivered");
                continue;
            }
            var giveUpAt = d.RetryFrom + Settings.RetryFor;
            if (attempt.At >= giveUpAt)
            {
                d.Status = WebhookDeliveryStatus.DeadLettered;
                d.NextAttemptAt = null;
                outcomes.Add("dead-lettered");
                using (OrderLogContext.Begin(log, d.OrderId, Actor.System))
                    log.LogWarning("Webhook delivery {DeliveryId} ({EventType}, order {OrderId}) dead-lettered after {Attempts} attempts: {Error}",
                        d.Id, d.EventType, d.OrderId, d.Attempts, attempt.Error);
                continue;
            }
            // The last retry lands exactly when the window closes, so a receiver back within it still gets the event.
            var next = attempt.At + BackOff(d.Attempts);
            d.NextAttemptAt = next < giveUpAt ? next : giveUpAt;
            outcomes.Add("failed");
        }
        await db.SaveChangesAsync(ct);
        // Counted once recorded, so an attempt whose result was lost (a crash before saving) is not counted twice.
        foreach (var outcome in outcomes) metrics.WebhookAttempt(outcome);
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failed attempt: doubling from the first delay, capped.</summary>
    public TimeSpan BackOff(int failures)
    {
        var delay = Settings.FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < Settings.MaxRetryDelay ? delay : Settings.MaxRetryDelay;
    }

    private static string Truncate(string s) => TextShortening.Shorten(s, 500);
}
