using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

public class PlaceOrderTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void Place_WithNoLines_IsInvalid()
    {
        var refusal = Expect.Violation(() =>
            Order.Place("buyer-1", AnOrder.StoreId, "EUR", [], 0, AnOrder.Address, "standard", AnOrder.Start, Rules));

        Assert.Equal("checkout.no-lines", refusal.Code);
        Assert.Equal(ViolationKind.Invalid, refusal.Kind);
        Assert.Equal("lines", refusal.Field);
    }

    [Fact]
    public void Place_AwaitsPaymentUntilThePaymentWindowEnds()
    {
        var placedAt = AnOrder.Start;

        var order = AnOrder.Placed(placedAt);

        Assert.Equal(OrderState.AwaitingPayment, order.State);
        Assert.Null(order.Outcome);
        Assert.Equal(MoneyState.Unpaid, order.MoneyState);
        Assert.Equal(AnOrder.TotalMinor, order.TotalMinor);
        Assert.Equal(new Money(AnOrder.TotalMinor, "EUR"), order.Total);
        Assert.Equal(placedAt + AnOrder.Policy.PaymentWindow, order.PaymentDueAt);
        Assert.Equal(order.PaymentDueAt, order.NextDeadlineAt);
        Assert.Equal("order.placed", Assert.Single(order.Timeline).Kind);
    }

    [Fact]
    public void Place_TakesTheLongestHandlingAndDeliveryTimeOfItsLines()
    {
        OrderLine[] lines =
        [
            new(1, "Teapot", 1_000, 1, handlingDays: 2, deliveryDays: 12),
            new(2, "Glasses", 300, 6, handlingDays: 7, deliveryDays: 20),
            new(3, "Tray", 800, 1, handlingDays: 4, deliveryDays: 15),
        ];

        var order = Order.Place("buyer-1", AnOrder.StoreId, "EUR", lines, 0, AnOrder.Address, "standard", AnOrder.Start, Rules);

        Assert.Equal(7, order.HandlingDays);
        Assert.Equal(20, order.DeliveryDays);
        Assert.Equal(1_000 + 1_800 + 800, order.ItemsTotalMinor);
    }

    [Fact]
    public void Place_WhenOneLineHasNoDeliveryEstimate_HasNoEstimate()
    {
        OrderLine[] lines = [new(1, "Teapot", 1_000, 1, 2, 12), new(2, "Glasses", 300, 6, 3, null)];

        var order = Order.Place("buyer-1", AnOrder.StoreId, "EUR", lines, 0, AnOrder.Address, "standard", AnOrder.Start, Rules);

        Assert.Null(order.DeliveryDays);
    }
}
