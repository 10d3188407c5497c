using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

public class DeleteOrderTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void MoveToDeleted_WhenCompleted_MovesTheOrderToDeletedOrders()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);
        clock += TimeSpan.FromDays(1);

        order.MoveToDeleted(AnOrder.Buyer, clock, Rules);

        Assert.Equal(DeletedMark.Deleted, order.Deleted);
        Assert.Equal(clock, order.DeletedAt);
        Assert.Equal(OrderOutcome.Received, order.Outcome);
    }

    [Fact]
    public void MoveToDeleted_WhenNotCompleted_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        var refusal = Expect.Violation(() => order.MoveToDeleted(AnOrder.Buyer, clock, Rules));

        Assert.Equal("delete.order-not-completed", refusal.Code);
        Assert.Equal(OrderState.Shipped, refusal.Arguments["state"]);
        Assert.Equal(DeletedMark.None, order.Deleted);
    }

    [Fact]
    public void MoveToDeleted_WhenAlreadyInDeletedOrders_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Deleted(clock);

        Assert.Equal("order.in-deleted-orders", Expect.Violation(() => order.MoveToDeleted(AnOrder.Buyer, clock, Rules)).Code);
        Assert.Equal(clock, order.DeletedAt);
    }

    [Fact]
    public void Restore_FromDeletedOrders_BringsTheOrderBack()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Deleted(clock);

        order.Restore(AnOrder.Buyer, clock + TimeSpan.FromHours(1), Rules);

        Assert.Equal(DeletedMark.None, order.Deleted);
        Assert.Null(order.DeletedAt);
        Assert.True(OrderActions.Check(order, OrderAction.AddToCartAgain, clock, Rules).Allowed);
    }

    [Fact]
    public void Restore_WhenNotInDeletedOrders_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);

        Assert.Equal("restore.not-in-deleted-orders", Expect.Violation(() => order.Restore(AnOrder.Buyer, clock, Rules)).Code);
    }

    [Fact]
    public void AddToCartAgain_FromDeletedOrders_IsRefusedUntilRestored()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Deleted(clock);

        Assert.Equal("order.in-deleted-orders", OrderActions.Check(order, OrderAction.AddToCartAgain, clock, Rules).Refusal?.Code);
    }

    [Fact]
    public void DeletePermanently_WithoutConfirmation_IsInvalidAndKeepsTheOrderRestorable()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Deleted(clock);

        var refusal = Expect.Violation(() => order.DeletePermanently(AnOrder.Buyer, confirmed: false, clock, Rules));

        Assert.Equal("delete-permanently.confirmation-required", refusal.Code);
        Assert.Equal(("confirm", ViolationKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Equal(DeletedMark.Deleted, order.Deleted);
    }

    [Fact]
    public void DeletePermanently_WhenNotInDeletedOrders_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);

        Assert.Equal("delete-permanently.not-in-deleted-orders",
            Expect.Violation(() => order.DeletePermanently(AnOrder.Buyer, confirmed: true, clock, Rules)).Code);
    }

    [Fact]
    public void DeletePermanently_WithConfirmation_CanNeverBeRestored()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Deleted(clock);
        clock += TimeSpan.FromHours(1);

        order.DeletePermanently(AnOrder.Buyer, confirmed: true, clock, Rules);

        Assert.Equal(DeletedMark.PermanentlyDeleted, order.Deleted);
        Assert.Equal(clock, order.DeletedAt);
        Assert.Equal("order.permanently-deleted", Expect.Violation(() => order.Restore(AnOrder.Buyer, clock, Rules)).Code);
    }
}
