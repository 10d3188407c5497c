using System.Diagnostics;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;

namespace Souk.Web.Infrastructure.Telemetry;

/// <summary>
/// What the commit step reports becomes metrics and trace tags here: transitions by action and outcome, deadlines
/// fired and how late, refund stage durations, overdue refunds; the request's span and log context learn the order id.
/// </summary>
public sealed class TelemetryCommitObserver(SoukMetrics metrics, IHttpContextAccessor http) : IOrderCommitObserver
{
    public void Touched(long orderId)
    {
        Activity.Current?.SetTag(SoukTracing.OrderIdTag, orderId);
        if (http.HttpContext is { } context) OrderLogContext.Remember(context, orderId);
    }

    public void Committed(string? action, Actor actor, DateTimeOffset at, bool swept,
        IReadOnlyList<(long OrderId, IReadOnlyList<IOrderEffect> Effects)> effects)
    {
        if (action is not null) metrics.Transitions.Add(1, Tag("action", action), Tag("outcome", "done"));
        var firedBy = swept ? "sweeper" : "request";
        foreach (var (orderId, orderEffects) in effects)
        {
            // One span per order a sweep fired, under the batch's span, so an order's trace shows when its deadlines ran.
            using var span = swept && orderEffects.Any(e => e is DeadlineFired) ? SoukTracing.Source.StartActivity("souk.deadlines.fire") : null;
            span?.SetTag(SoukTracing.OrderIdTag, orderId);
            foreach (var effect in orderEffects)
            {
                switch (effect)
                {
                    case DeadlineFired fired:
                        var kind = Tag("kind", fired.Kind.ToString());
                        metrics.DeadlinesFired.Add(1, kind, Tag("by", firedBy));
                        metrics.SweepLag.Record(Math.Max(0, (at - fired.DueAt).TotalSeconds), kind, Tag("by", firedBy));
                        span?.AddEvent(new ActivityEvent("deadline", tags: new ActivityTagsCollection { ["kind"] = fired.Kind.ToString() }));
                        break;
                    case RefundStageEnded stage:
                        metrics.RefundStageDuration.Record(stage.Took.TotalSeconds, Tag("method", stage.Method.ToString()), Tag("stage", stage.Stage.ToString()));
                        break;
                    case RefundFlaggedOverdue overdue:
                        metrics.RefundsOverdue.Add(1, Tag("method", overdue.Method.ToString()));
                        break;
                }
            }
        }
    }

    public void Refused(long orderId, string action, Actor actor, RuleViolation violation) =>
        metrics.Transitions.Add(1, Tag("action", action), Tag("outcome", "refused"));

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
