using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Shipping and receipt: shipping with tracking (buyer protection starts), tracking events, the buyer confirming
// receipt; the handling deadline and the end of buyer protection fire here.
public sealed partial class Order
{
    /// <summary>The seller ships; buyer protection starts. An open cancellation request ends as superseded.</summary>
    public void Ship(Actor actor, string? carrier, string? trackingNumber, DateTimeOffset now, Rulebook rules)
    {
        carrier = TextLimits.Clean(carrier, "carrier", TextLimits.Carrier);
        trackingNumber = TextLimits.Clean(trackingNumber, "trackingNumber", TextLimits.TrackingNumber);
        Require(OrderAction.Ship, now, rules);
        if (string.IsNullOrWhiteSpace(carrier)) throw RuleViolation.Invalid("ship.carrier-required", "carrier").ToException();
        if (string.IsNullOrWhiteSpace(trackingNumber)) throw RuleViolation.Invalid("ship.tracking-number-required", "trackingNumber").ToException();
        if (Cancellation is { IsOpen: true })
        {
            Cancellation.End(CancellationRequestStatus.SupersededByShipment, now);
            Record(now, "cancellation.superseded-by-shipment", actor);
        }
        if (HandlingExtension is { IsPending: true }) HandlingExtension.End(ExtensionStatus.Lapsed, now);
        State = OrderState.Shipped;
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        ShippedAt = now;
        HandlingDueAt = null;
        ProtectionEndsAt = now + (DeliveryDays is { } d ? TimeSpan.FromDays(d) : rules.Policy.BuyerProtection);
        Record(now, "order.shipped", actor, ("carrier", Carrier), ("trackingNumber", TrackingNumber),
            ("protectionEndsAt", ProtectionEndsAt.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    public void AddTrackingEvent(Actor actor, string? description, string? location, DateTimeOffset? eventAt, DateTimeOffset now, Rulebook rules)
    {
        description = TextLimits.Clean(description, "description", TextLimits.TrackingDescription);
        location = TextLimits.Clean(location, "location", TextLimits.TrackingLocation);
        Require(OrderAction.AddTrackingEvent, now, rules);
        if (string.IsNullOrWhiteSpace(description)) throw RuleViolation.Invalid("tracking.description-required", "description").ToException();
        var at = eventAt ?? now;
        if (at > now) throw RuleViolation.Invalid("tracking.event-in-future", "at").ToException();
        _tracking.Add(new TrackingEvent(at, description, location));
        Record(now, "tracking.event-added", actor, ("description", description), ("location", location));
    }

    /// <summary>The buyer confirms the goods arrived.</summary>
    public void ConfirmReceipt(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ConfirmReceipt, now, rules);
        Record(now, "order.receipt-confirmed", actor);
        Complete(OrderOutcome.Received, now, null, rules);
        RecomputeNextDeadline();
    }

    /// <summary>The seller did not ship in time: the order closes with a full refund, against the seller.</summary>
    private void FireHandling(DateTimeOffset at, Rulebook rules)
    {
        if (Cancellation is { IsOpen: true }) Cancellation.End(CancellationRequestStatus.ClosedByDeadline, at);
        if (HandlingExtension is { IsPending: true }) HandlingExtension.End(ExtensionStatus.Lapsed, at);
        Record(at, "order.closed-not-shipped", Actor.System);
        CloseWithRefund(OrderOutcome.ClosedNotShipped, "closed-not-shipped", Responsibility.Seller, at, rules);
    }

    /// <summary>Buyer protection ended without a dispute: receipt is confirmed automatically.</summary>
    private void FireBuyerProtection(DateTimeOffset at, Rulebook rules)
    {
        if (ProtectionExtension is { IsPending: true }) ProtectionExtension.End(ExtensionStatus.Lapsed, at);
        Record(at, "order.receipt-auto-confirmed", Actor.System);
        Complete(OrderOutcome.Received, at, null, rules);
    }
}
