using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>The seller ships with carrier and tracking number, then reports tracking events (rows in <see cref="ActionCatalog"/>).</summary>
public static class ShipOrder
{
    public sealed record ShipBody(string? Carrier, string? TrackingNumber);
    public sealed record TrackingBody(string? Description, string? Location = null, DateTimeOffset? At = null);

    public static OrderVerb ShipVerb(ShipBody body) =>
        (o, actor, now, rules) => o.Ship(actor, body.Carrier, body.TrackingNumber, now, rules);

    public static OrderVerb TrackVerb(TrackingBody body) =>
        (o, actor, now, rules) => o.AddTrackingEvent(actor, body.Description, body.Location, body.At, now, rules);
}
