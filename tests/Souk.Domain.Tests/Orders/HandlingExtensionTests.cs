using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

public class HandlingExtensionTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void AcceptHandlingExtension_MovesTheHandlingDeadlineByTheRequestedDays()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingHandlingExtension(requestedAt, days: 5);
        var dueBefore = order.HandlingDueAt!.Value;
        Assert.Equal(ExtensionStatus.Pending, order.HandlingExtension!.Status);
        Assert.Null(order.HandlingExtension.RespondBy);

        order.AcceptHandlingExtension(AnOrder.Buyer, requestedAt + TimeSpan.FromHours(1), Rules);

        Assert.Equal(ExtensionStatus.Accepted, order.HandlingExtension.Status);
        Assert.Equal(dueBefore + TimeSpan.FromDays(5), order.HandlingDueAt);
        Assert.Equal(5, order.HandlingExtendedDays);
        Assert.Equal(25, order.HandlingExtensionDaysLeft(AnOrder.Policy));
        Assert.Equal(order.HandlingDueAt, order.NextDeadlineAt);
    }

    [Fact]
    public void AcceptedHandlingExtension_KeepsTheOrderOpenPastTheOriginalDeadline()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingHandlingExtension(requestedAt, days: 5);
        var originalDue = order.HandlingDueAt!.Value;
        order.AcceptHandlingExtension(AnOrder.Buyer, requestedAt + TimeSpan.FromHours(1), Rules);

        Assert.Equal(0, order.CatchUp(originalDue + TimeSpan.FromDays(4), Rules));
        Assert.Equal(OrderState.AwaitingShipment, order.State);

        order.CatchUp(originalDue + TimeSpan.FromDays(5), Rules);
        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(originalDue + TimeSpan.FromDays(5), order.CompletedAt);
    }

    [Fact]
    public void DeclineHandlingExtension_KeepsTheDeadline()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingHandlingExtension(requestedAt);
        var dueBefore = order.HandlingDueAt;

        order.DeclineHandlingExtension(AnOrder.Buyer, requestedAt + TimeSpan.FromHours(1), Rules);

        Assert.Equal(ExtensionStatus.Declined, order.HandlingExtension!.Status);
        Assert.Equal(dueBefore, order.HandlingDueAt);
        Assert.Equal(0, order.HandlingExtendedDays);
        Assert.True(OrderActions.Check(order, OrderAction.RequestHandlingExtension, requestedAt + TimeSpan.FromHours(2), Rules).Allowed);
    }

    [Fact]
    public void ExtendHandling_ByTheBuyer_MovesTheDeadlineAtOnce()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);

        order.ExtendHandling(AnOrder.Buyer, 7, confirmedAt + TimeSpan.FromHours(1), Rules);

        Assert.Equal(confirmedAt + TimeSpan.FromDays(AnOrder.HandlingDays + 7), order.HandlingDueAt);
        Assert.Equal(7, order.HandlingExtendedDays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(31)]
    public void ExtendHandling_WithDaysOutOfRange_IsInvalid(int days)
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);
        var dueBefore = order.HandlingDueAt;

        var refusal = Expect.Violation(() => order.ExtendHandling(AnOrder.Buyer, days, confirmedAt, Rules));

        Assert.Equal("extension.days-out-of-range", refusal.Code);
        Assert.Equal(ViolationKind.Invalid, refusal.Kind);
        Assert.Equal(30, refusal.Arguments["max"]);
        Assert.Equal(dueBefore, order.HandlingDueAt);
    }

    [Fact]
    public void RequestHandlingExtension_ForMoreDaysThanLeft_IsInvalid()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);
        order.ExtendHandling(AnOrder.Buyer, 20, confirmedAt, Rules);

        var refusal = Expect.Violation(() => order.RequestHandlingExtension(AnOrder.Seller, 11, "More time", confirmedAt, Rules));

        Assert.Equal("extension.days-out-of-range", refusal.Code);
        Assert.Equal(10, refusal.Arguments["max"]);
        Assert.Null(order.HandlingExtension);
    }

    [Fact]
    public void ExtendHandling_WhenTheWholeExtensionIsUsed_IsRefused()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);
        order.ExtendHandling(AnOrder.Buyer, 30, confirmedAt, Rules);

        var buyerRefusal = Expect.Violation(() => order.ExtendHandling(AnOrder.Buyer, 1, confirmedAt, Rules));
        var sellerRefusal = Expect.Violation(() => order.RequestHandlingExtension(AnOrder.Seller, 1, "More time", confirmedAt, Rules));

        Assert.Equal("handling-extension.limit-reached", buyerRefusal.Code);
        Assert.Equal(30, buyerRefusal.Arguments["maxDays"]);
        Assert.Equal("handling-extension.limit-reached", sellerRefusal.Code);
    }

    [Fact]
    public void AcceptHandlingExtension_ThatWouldPassTheTotalLimit_IsRefused()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingHandlingExtension(requestedAt, days: 10);
        order.ExtendHandling(AnOrder.Buyer, 25, requestedAt + TimeSpan.FromHours(1), Rules);
        var clock = requestedAt + TimeSpan.FromHours(2);

        var decision = OrderActions.Check(order, OrderAction.AcceptHandlingExtension, clock, Rules);
        var refusal = Expect.Violation(() => order.AcceptHandlingExtension(AnOrder.Buyer, clock, Rules));

        Assert.Equal("handling-extension.limit-reached", decision.Refusal?.Code);
        Assert.Equal("handling-extension.limit-reached", refusal.Code);
        Assert.Equal(25, order.HandlingExtendedDays);
        Assert.True(OrderActions.Check(order, OrderAction.DeclineHandlingExtension, clock, Rules).Allowed);
    }

    [Fact]
    public void Ship_WithAPendingHandlingExtension_LapsesTheRequest()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingHandlingExtension(requestedAt);

        order.Ship(AnOrder.Seller, "La Poste", "RR1TN", requestedAt + TimeSpan.FromHours(1), Rules);

        Assert.Equal(ExtensionStatus.Lapsed, order.HandlingExtension!.Status);
        Assert.Equal(0, order.HandlingExtendedDays);
    }

    [Fact]
    public void HandlingDeadline_WithAPendingExtension_ClosesTheOrderAndLapsesTheRequest()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingHandlingExtension(requestedAt);
        var dueAt = order.HandlingDueAt!.Value;

        order.CatchUp(dueAt, Rules);

        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(ExtensionStatus.Lapsed, order.HandlingExtension!.Status);
        Assert.Equal(dueAt, order.HandlingExtension.AnsweredAt);
    }
}
