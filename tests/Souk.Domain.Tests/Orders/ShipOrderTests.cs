using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

public class ShipOrderTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void Ship_WhenAwaitingShipment_StopsTheHandlingCountdownAndStartsBuyerProtection()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);
        var clock = confirmedAt + TimeSpan.FromDays(1);

        order.Ship(AnOrder.Seller, "  La Poste ", " RR123456789TN ", clock, Rules);

        Assert.Equal(OrderState.Shipped, order.State);
        Assert.Equal(("La Poste", "RR123456789TN"), (order.Carrier, order.TrackingNumber));
        Assert.Equal(clock, order.ShippedAt);
        Assert.Null(order.HandlingDueAt);
        Assert.Equal(clock + AnOrder.Policy.BuyerProtection, order.ProtectionEndsAt);
        Assert.Equal(order.ProtectionEndsAt, order.NextDeadlineAt);
    }

    [Fact]
    public void Ship_WithADeliveryEstimate_ProtectsTheBuyerForTheEstimate()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt, deliveryDays: 25);

        order.Ship(AnOrder.Seller, "La Poste", "RR1TN", confirmedAt, Rules);

        Assert.Equal(confirmedAt + TimeSpan.FromDays(25), order.ProtectionEndsAt);
    }

    [Fact]
    public void Ship_AfterShipping_PreventsTheHandlingDeadlineFromClosingTheOrder()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);
        order.Ship(AnOrder.Seller, "La Poste", "RR1TN", confirmedAt + TimeSpan.FromDays(1), Rules);

        Assert.Equal(0, order.CatchUp(confirmedAt + TimeSpan.FromDays(AnOrder.HandlingDays + 1), Rules));
        Assert.Equal(OrderState.Shipped, order.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Ship_WithoutACarrier_IsInvalid(string carrier)
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        var refusal = Expect.Violation(() => order.Ship(AnOrder.Seller, carrier, "RR1TN", clock, Rules));

        Assert.Equal("ship.carrier-required", refusal.Code);
        Assert.Equal(("carrier", ViolationKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Equal(OrderState.AwaitingShipment, order.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Ship_WithoutATrackingNumber_IsInvalid(string trackingNumber)
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        var refusal = Expect.Violation(() => order.Ship(AnOrder.Seller, "La Poste", trackingNumber, clock, Rules));

        Assert.Equal("ship.tracking-number-required", refusal.Code);
        Assert.Equal("trackingNumber", refusal.Field);
        Assert.Equal(OrderState.AwaitingShipment, order.State);
    }

    [Fact]
    public void Ship_WhenUnpaid_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);

        Assert.Equal("ship.not-paid", Expect.Violation(() => order.Ship(AnOrder.Seller, "La Poste", "RR1TN", clock, Rules)).Code);
    }

    [Fact]
    public void Ship_DuringPaymentReview_IsRefusedUntilTheReviewEnds()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);

        var refusal = Expect.Violation(() => order.Ship(AnOrder.Seller, "La Poste", "RR1TN", paidAt + TimeSpan.FromMinutes(1), Rules));

        Assert.Equal("ship.payment-under-review", refusal.Code);
        Assert.Equal(paidAt + AnOrder.Policy.PaymentReviewMax, refusal.PossibleFrom);
    }

    [Fact]
    public void Ship_Twice_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        Assert.Equal("ship.already-shipped", Expect.Violation(() => order.Ship(AnOrder.Seller, "DHL", "JD1", clock, Rules)).Code);
        Assert.Equal("La Poste", order.Carrier);
    }

    [Fact]
    public void Ship_WhenCompleted_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Cancelled(clock);

        var refusal = Expect.Violation(() => order.Ship(AnOrder.Seller, "DHL", "JD1", clock, Rules));

        Assert.Equal("ship.order-completed", refusal.Code);
        Assert.Equal(OrderOutcome.CancelledByBuyer, refusal.Arguments["outcome"]);
    }

    [Fact]
    public void AddTrackingEvent_WhenShipped_AddsItAtTheGivenTime()
    {
        var shippedAt = AnOrder.Start;
        var order = AnOrder.Shipped(shippedAt);
        var clock = shippedAt + TimeSpan.FromDays(2);

        order.AddTrackingEvent(AnOrder.Seller, "Arrived at the sorting centre", "Tunis", clock - TimeSpan.FromHours(5), clock, Rules);
        order.AddTrackingEvent(AnOrder.Seller, "Out for delivery", null, null, clock, Rules);

        Assert.Equal(
            [("Arrived at the sorting centre", clock - TimeSpan.FromHours(5)), ("Out for delivery", clock)],
            order.Tracking.Select(t => (t.Description, t.At)));
    }

    [Fact]
    public void AddTrackingEvent_WithoutADescription_IsInvalid()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        var refusal = Expect.Violation(() => order.AddTrackingEvent(AnOrder.Seller, " ", null, null, clock, Rules));

        Assert.Equal("tracking.description-required", refusal.Code);
        Assert.Empty(order.Tracking);
    }

    [Fact]
    public void AddTrackingEvent_InTheFuture_IsInvalid()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        var refusal = Expect.Violation(() =>
            order.AddTrackingEvent(AnOrder.Seller, "Delivered", null, clock + TimeSpan.FromMinutes(1), clock, Rules));

        Assert.Equal("tracking.event-in-future", refusal.Code);
        Assert.Empty(order.Tracking);
    }

    [Fact]
    public void AddTrackingEvent_BeforeShipping_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        Assert.Equal("tracking.not-shipped",
            Expect.Violation(() => order.AddTrackingEvent(AnOrder.Seller, "Packed", null, null, clock, Rules)).Code);
    }
}
