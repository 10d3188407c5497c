using Microsoft.Extensions.Localization;
using Souk.Data.Webhooks;
using Souk.Domain.Orders;
using Souk.Web.Features.Webhooks;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;
using Souk.Web.Pages.Orders;

namespace Souk.Web.Pages.Webhooks;

/// <summary>The words of the webhook pages: each event kind of the catalogue, its group (the part before the dot, which
/// is also what a <c>group.*</c> subscription means), a delivery's status and why it is where it is.</summary>
public static class WebhookDisplay
{
    /// <summary>The catalogue's kinds grouped by their prefix, in the catalogue's order.</summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Kinds)> Groups { get; } =
        OrderEventKinds.All.GroupBy(GroupOf).Select(g => (g.Key, (IReadOnlyList<string>)g.ToList())).ToList();

    public static string GroupOf(string kind) => kind[..kind.IndexOf('.')];

    public static string GroupLabel(IStringLocalizer<SharedResource> l, string group) => group switch
    {
        "order" => l["Orders"],
        "payment" => l["Payments"],
        "cancellation" => l["Cancellation requests"],
        "handling-extension" => l["Handling-time extensions"],
        "handling" => l["Handling time"],
        "tracking" => l["Tracking"],
        "protection-extension" => l["Buyer-protection extensions"],
        "refund" => l["Refunds"],
        "escrow" => l["Escrow"],
        "dispute" => l["Disputes"],
        "return" => l["Returns"],
        "warning" => l["Deadline warnings"],
        "message" => l["Messages"],
        _ => group,
    };

    /// <summary>One subscription as the endpoint list shows it: everything, a whole group, or one kind.</summary>
    public static string Subscription(IStringLocalizer<SharedResource> l, string pattern) =>
        pattern == "*" ? l["All events"]
        : pattern.EndsWith(".*", StringComparison.Ordinal) ? l["All events of the group “{0}”", GroupLabel(l, pattern[..^2])]
        : EventLabel(l, pattern);

    /// <summary>An event kind's name in the viewer's language (its row in <see cref="OrderEventTexts"/>).</summary>
    public static string EventLabel(IStringLocalizer<SharedResource> l, string kind) => OrderEventTexts.Of(kind).Label;

    public static string Status(IStringLocalizer<SharedResource> l, WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => l["Waiting to be sent"],
        WebhookDeliveryStatus.Delivered => l["Delivered"],
        WebhookDeliveryStatus.DeadLettered => l["Dead-lettered"],
        WebhookDeliveryStatus.Skipped => l["Skipped"],
        _ => status.ToString(),
    };

    /// <summary>The API's explanation (<see cref="WebhookApi.DeliveryView.Explanation"/>) in the viewer's language,
    /// from the same decision (<see cref="WebhookApi.Why"/>), with times in the viewer's zone.</summary>
    public static string Why(IStringLocalizer<SharedResource> l, WebhookApi.DeliveryView d) =>
        WebhookApi.Why(d.Status, d.Attempts, d.WaitingFor) switch
        {
            WebhookApi.DeliveryWhy.Delivered => l["Delivered: the receiver answered 2xx."],
            WebhookApi.DeliveryWhy.Skipped => l["Skipped by an operator; it will not be sent unless replayed."],
            WebhookApi.DeliveryWhy.DeadLettered =>
                l["Retries ran out. Later events of this order wait behind it: replay it to send it again, or skip it to let them go."],
            WebhookApi.DeliveryWhy.WaitingBehind =>
                l["Waiting behind dead-lettered delivery {0} of the same order; replay or skip that one first.", d.WaitingFor!],
            WebhookApi.DeliveryWhy.Queued => l["Queued; it is sent once earlier events of the same order have been delivered."],
            _ => d.NextAttemptAt is { } next
                ? l["Attempt {0} failed; retrying at {1}.", d.Attempts, OrderDisplay.Time(next)]
                : l["Attempt {0} failed.", d.Attempts],
        };

    /// <summary>What the receiver last did: its HTTP status, or the error when it did not answer (which names any address
    /// refused); and the address the attempt went to.</summary>
    public static string? LastResponse(IStringLocalizer<SharedResource> l, WebhookApi.DeliveryView d)
    {
        var response = d.LastStatusCode is { } code ? l["The receiver answered HTTP {0}.", code].Value
            : d.LastError is { } error ? l["The attempt failed: {0}", error].Value
            : null;
        return response is not null && d.LastAddress is { } address ? response + " " + l["Sent to {0}.", address].Value : response;
    }
}
