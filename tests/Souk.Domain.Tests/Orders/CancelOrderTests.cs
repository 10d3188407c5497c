using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

public class CancelOrderTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void Cancel_WhenAwaitingPayment_CompletesAtOnceWithoutRefund()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);
        clock += TimeSpan.FromHours(2);

        order.Cancel(AnOrder.Buyer, "ChangeCoupon", null, clock, Rules);

        Assert.Equal(OrderState.Completed, order.State);
        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal(clock, order.CompletedAt);
        Assert.Equal(Responsibility.Buyer, order.CountsAgainst);
        Assert.Equal(MoneyState.Unpaid, order.MoneyState);
        Assert.Empty(order.Refunds);
        Assert.Null(order.PaymentDueAt);
        Assert.Null(order.NextDeadlineAt);
        Assert.Equal([(AnOrder.ListingId, AnOrder.Quantity)], Assert.Single(order.Effects.OfType<StockReleased>()).Lines);
        Assert.Equal("ChangeCoupon", order.Timeline.Single(e => e.Kind == "order.cancelled").Data["reason"]);
    }

    [Fact]
    public void Cancel_InsideTheInstantWindow_RefundsInFullToTheMethodThatPaid()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, method: PaymentMethod.Phone);
        var clock = paidAt + TimeSpan.FromSeconds(30);

        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules);

        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(new Money(AnOrder.TotalMinor, "EUR"), refund.Amount);
        Assert.Equal((PaymentMethod.Phone, AnOrder.AccountOf(PaymentMethod.Phone)), (refund.Method, refund.Account));
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
        Assert.Single(order.Effects.OfType<StockReleased>());
    }

    [Fact]
    public void Cancel_InsideTheInstantWindow_StopsThePendingReviewAnswer()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, paidAt + TimeSpan.FromMinutes(1), Rules);

        order.CatchUp(paidAt + AnOrder.ReviewDelay, Rules);

        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Null(order.PaymentConfirmedAt);
        Assert.Null(order.ReviewDueAt);
    }

    [Fact]
    public void Cancel_WithPaymentProblemReason_CountsAgainstThePlatform()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);

        order.Cancel(AnOrder.Buyer, "PaymentProblem", null, clock, Rules);

        Assert.Equal(Responsibility.Platform, order.CountsAgainst);
    }

    [Fact]
    public void Cancel_WithUnknownReason_IsInvalidAndChangesNothing()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);

        var refusal = Expect.Violation(() => order.Cancel(AnOrder.Buyer, "TooExpensive", null, clock, Rules));

        Assert.Equal("cancel.unknown-reason", refusal.Code);
        Assert.Equal(ViolationKind.Invalid, refusal.Kind);
        Assert.Equal("reason", refusal.Field);
        Assert.Equal("TooExpensive", refusal.Arguments["reason"]);
        Assert.Equal(OrderState.AwaitingPayment, order.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancel_WithOtherReasonAndNoComment_IsInvalid(string? comment)
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);

        var refusal = Expect.Violation(() => order.Cancel(AnOrder.Buyer, "Other", comment, clock, Rules));

        Assert.Equal("cancel.comment-required", refusal.Code);
        Assert.Equal(ViolationKind.Invalid, refusal.Kind);
        Assert.Equal("comment", refusal.Field);
        Assert.Equal(OrderState.AwaitingPayment, order.State);
    }

    [Fact]
    public void Cancel_WithOtherReasonAndAComment_Cancels()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);

        order.Cancel(AnOrder.Buyer, "Other", "Ordered twice by mistake", clock, Rules);

        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal("Ordered twice by mistake", order.Timeline.Single(e => e.Kind == "order.cancelled").Data["comment"]);
    }

    [Fact]
    public void Cancel_WhenAwaitingShipment_IsRefusedBecauseTheSellerMustApprove()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        var refusal = Expect.Violation(() => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules));

        Assert.Equal("cancel.needs-seller-approval", refusal.Code);
        Assert.Equal(OrderState.AwaitingShipment, order.State);
    }

    [Fact]
    public void Cancel_WhenShipped_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        Assert.Equal("cancel.already-shipped", Expect.Violation(() => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules)).Code);
    }

    [Fact]
    public void Cancel_WhenCompleted_IsRefusedNamingTheOutcome()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);

        var refusal = Expect.Violation(() => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules));

        Assert.Equal("cancel.order-completed", refusal.Code);
        Assert.Equal(OrderOutcome.Received, refusal.Arguments["outcome"]);
    }
}
