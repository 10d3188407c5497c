using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>The seller ships with carrier and tracking number, then reports tracking events.</summary>
public static class ShipOrder
{
    public sealed record ShipBody(string? Carrier, string? TrackingNumber);
    public sealed record TrackingBody(string? Description, string? Location = null, DateTimeOffset? At = null);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.Ship, "Ship the order with carrier and tracking number; buyer protection starts", Ship);
        orders.MapAction(OrderAction.AddTrackingEvent, "Add a carrier tracking event the buyer sees under \"Check tracking\"", Track);
    }

    private static async Task<Ok<OrderView>> Ship(long id, ShipBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.Ship, ShipVerb(body), ct));

    private static async Task<Ok<OrderView>> Track(long id, TrackingBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.AddTrackingEvent, TrackVerb(body), ct));

    // The verbs with their arguments as the API reads them; the order page's forms build the same bodies.
    public static OrderVerb ShipVerb(ShipBody body) =>
        (o, actor, now, rules) => o.Ship(actor, Limit(body.Carrier, "carrier"), Limit(body.TrackingNumber, "trackingNumber"), now, rules);

    public static OrderVerb TrackVerb(TrackingBody body) =>
        (o, actor, now, rules) => o.AddTrackingEvent(actor, Limit(body.Description, "description", 500), body.Location is null ? null : Limit(body.Location, "location", 200), body.At, now, rules);

    /// <summary>Without surrounding blanks; longer than <paramref name="max"/> is refused (never cut).</summary>
    private static string Limit(string? text, string field, int max = 100) =>
        string.IsNullOrWhiteSpace(text) ? "" : OrderEndpoints.RefuseTooLong(text.Trim(), field, max)!;
}
