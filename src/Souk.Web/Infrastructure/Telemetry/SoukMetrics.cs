using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Souk.Web.Infrastructure.Telemetry;

/// <summary>
/// Souk's one <see cref="Meter"/> ("Souk") and its instruments, each answering a question an operator asks. Created
/// through the host's <see cref="IMeterFactory"/>, so two hosts in one process (the tests) keep their numbers apart.
/// Counters are recorded where the thing happens: transitions and deadlines in the commit step
/// (<see cref="TelemetryCommitObserver"/>), refusals where problems are written, webhooks in the dispatcher.
/// </summary>
public sealed class SoukMetrics
{
    public const string MeterName = "Souk";

    public SoukMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        Transitions = Meter.CreateCounter<long>("souk.order.transitions", "{transition}",
            "Order actions asked for, by action and outcome (done or refused by the order's rules).");
        Refusals = Meter.CreateCounter<long>("souk.refusals", "{refusal}", "Problems answered (4xx/5xx with a code), by code.");
        DeadlinesFired = Meter.CreateCounter<long>("souk.deadlines.fired", "{deadline}",
            "Deadlines that took effect, by kind and by what fired them (the sweeper, or a request that found them due).");
        SweepLag = Meter.CreateHistogram<double>("souk.deadlines.lag", "s",
            "How late a deadline fired: the instant it took effect in the commit minus the instant it was due.");
        RefundStageDuration = Meter.CreateHistogram<double>("souk.refunds.stage.duration", "s",
            "How long a refund stayed in a stage before leaving it, by payment method and stage.");
        RefundsOverdue = Meter.CreateCounter<long>("souk.refunds.overdue", "{refund}",
            "Refunds the payment method had not confirmed by its maximum time, now waiting for an admin; by method.");
        WebhookDeliveries = Meter.CreateCounter<long>("souk.webhooks.deliveries", "{attempt}",
            "Webhook delivery attempts, by outcome: delivered, failed (retried later) or dead-lettered.");
    }

    public Meter Meter { get; }
    public Counter<long> Transitions { get; }
    public Counter<long> Refusals { get; }
    public Counter<long> DeadlinesFired { get; }
    public Histogram<double> SweepLag { get; }
    public Histogram<double> RefundStageDuration { get; }
    public Counter<long> RefundsOverdue { get; }
    public Counter<long> WebhookDeliveries { get; }

    public void Refused(string code) => Refusals.Add(1, new KeyValuePair<string, object?>("code", code));

    public void WebhookAttempt(string outcome) => WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}

/// <summary>Souk's one <see cref="ActivitySource"/> ("Souk") and the tag names its spans share with the request spans.</summary>
public static class SoukTracing
{
    public const string SourceName = "Souk";

    /// <summary>The order a span concerns: search a trace back end by it to see every request and sweep of one order.</summary>
    public const string OrderIdTag = "souk.order_id";

    public static readonly ActivitySource Source = new(SourceName);
}
