using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Souk.Domain.Orders;

namespace Souk.Data.Webhooks;

/// <summary>An event to offer to webhook endpoints: the order it concerns and what happened.</summary>
public sealed record OutboxEvent(Order Order, string Type, DateTimeOffset At, string Actor, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// Writes webhook deliveries into the caller's unit of work (spec §7), so an event is queued for sending exactly when
/// the change it tells about commits — never for a change that rolled back, never missing for one that did not.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The JSON an endpoint receives. <c>order</c> is the order as it stood when the change committed.</summary>
    public sealed record Payload(string Id, string Type, DateTimeOffset OccurredAt, string Actor, IReadOnlyDictionary<string, string> Data, OrderSnapshot Order);

    public sealed record OrderSnapshot(long Id, long StoreId, string BuyerId, OrderState State, OrderOutcome? Outcome, MoneyState MoneyState,
        string Currency, long TotalMinor, long RefundedMinor);

    public static async Task EnqueueAsync(SoukDbContext db, IReadOnlyList<OutboxEvent> events, DateTimeOffset now, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var storeIds = events.Select(e => e.Order.StoreId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.IsActive && (e.StoreId == null || storeIds.Contains(e.StoreId.Value)))
            .OrderBy(e => e.Id).ToListAsync(ct);
        if (endpoints.Count == 0) return;

        foreach (var e in events)
        {
            var order = e.Order;
            string? eventId = null, body = null;
            foreach (var endpoint in endpoints)
            {
                if (endpoint.StoreId is { } storeId && (storeId != order.StoreId || OrderEventKinds.IsBuyerPrivate(e.Type))) continue;
                if (!endpoint.Subscriptions.Any(pattern => OrderEventKinds.Matches(pattern, e.Type))) continue;
                // One id and one body per event, whichever endpoints receive it.
                eventId ??= Guid.CreateVersion7(now).ToString();
                body ??= JsonSerializer.Serialize(new Payload(eventId, e.Type, e.At, e.Actor, e.Data,
                    new OrderSnapshot(order.Id, order.StoreId, order.BuyerId, order.State, order.Outcome, order.MoneyState, order.Currency,
                        order.TotalMinor, order.RefundedMinor)), Json);
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EndpointId = endpoint.Id,
                    OrderId = order.Id,
                    EventId = eventId,
                    EventType = e.Type,
                    Body = body,
                    Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = now,
                    RetryFrom = now,
                    NextAttemptAt = now,
                });
            }
        }
    }
}
