using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

public class PayOrderTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void Pay_WhenAwaitingPayment_HoldsTheMoneyAndWaitsForReview()
    {
        var paidAt = AnOrder.Start;

        var order = AnOrder.Paid(paidAt, method: PaymentMethod.EWallet);

        Assert.Equal(OrderState.PaymentReview, order.State);
        Assert.Equal(MoneyState.Held, order.MoneyState);
        Assert.Null(order.PaymentDueAt);
        Assert.Equal(paidAt + AnOrder.Policy.PaymentReviewMax, order.ReviewDueAt);
        Assert.Equal(paidAt + AnOrder.Policy.InstantCancelWindow, order.InstantCancelUntil(AnOrder.Policy));
        Assert.Equal((PaymentMethod.EWallet, AnOrder.TotalMinor, paidAt), (order.Payment!.Method, order.Payment.AmountMinor, order.Payment.PaidAt));
        Assert.Equal(paidAt + AnOrder.ReviewDelay, order.NextDeadlineAt);
    }

    [Fact]
    public void Pay_Twice_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Paid(clock);
        clock += TimeSpan.FromSeconds(5);

        var refusal = Expect.Violation(() => order.Pay(AnOrder.Buyer, AnOrder.Payment(clock), clock, Rules));

        Assert.Equal("pay.already-paid-or-closed", refusal.Code);
        Assert.Equal(OrderState.PaymentReview, refusal.Arguments["state"]);
        Assert.Equal(AnOrder.Start, order.Payment!.PaidAt);
    }

    [Fact]
    public void RecordReviewAnswer_Approved_ConfirmsThePaymentAndStartsTheHandlingCountdown()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, ReviewAnswer.None);
        var answeredAt = paidAt + TimeSpan.FromHours(3);

        order.RecordReviewAnswer(true, answeredAt, Rules);

        Assert.Equal(OrderState.AwaitingShipment, order.State);
        Assert.Equal(answeredAt, order.PaymentConfirmedAt);
        Assert.Equal(answeredAt + TimeSpan.FromDays(AnOrder.HandlingDays), order.HandlingDueAt);
        Assert.Equal(order.HandlingDueAt, order.NextDeadlineAt);
    }

    [Fact]
    public void RecordReviewAnswer_Rejected_FailsThePaymentAndRefundsIt()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, ReviewAnswer.None);
        var answeredAt = paidAt + TimeSpan.FromHours(3);

        order.RecordReviewAnswer(false, answeredAt, Rules);

        Assert.Equal(OrderOutcome.PaymentFailed, order.Outcome);
        Assert.Equal("payment-failed", Assert.Single(order.Refunds).Cause);
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
    }

    [Fact]
    public void RecordReviewAnswer_WhenNotUnderReview_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        var refusal = Expect.Violation(() => order.RecordReviewAnswer(false, clock + TimeSpan.FromHours(1), Rules));

        Assert.Equal("review.not-under-review", refusal.Code);
        Assert.Equal(OrderState.AwaitingShipment, order.State);
    }
}
