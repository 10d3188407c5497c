using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Domain.Tests.Orders;

namespace Souk.Domain.Tests.Payments;

/// <summary>Spec §4: refunds go back the way the money came, never exceed what was paid, and are created once per cause.</summary>
public class RefundTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    public enum ClosingPath
    {
        InstantCancel,
        SellerApproved,
        SellerSilence,
        HandlingDeadline,
        PaymentRejected,
        ReviewTimeout,
    }

    [Theory]
    [InlineData(ClosingPath.InstantCancel, "cancellation")]
    [InlineData(ClosingPath.SellerApproved, "cancellation")]
    [InlineData(ClosingPath.SellerSilence, "cancellation")]
    [InlineData(ClosingPath.HandlingDeadline, "closed-not-shipped")]
    [InlineData(ClosingPath.PaymentRejected, "payment-failed")]
    [InlineData(ClosingPath.ReviewTimeout, "payment-failed")]
    public void EveryPaidOrderThatCloses_RefundsExactlyWhatWasPaidOnce(ClosingPath path, string cause)
    {
        var clock = AnOrder.Start;
        var order = Close(path, clock);

        order.CatchUp(clock + TimeSpan.FromDays(120), Rules);

        var refund = Assert.Single(order.Refunds);
        Assert.Equal(cause, refund.Cause);
        Assert.Equal(order.Payment!.AmountMinor, refund.AmountMinor);
        Assert.Equal(order.Payment.AmountMinor, order.RefundedMinor);
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        Assert.Equal(AnOrder.Currency, refund.Currency);
    }

    [Fact]
    public void Cancel_RetriedAfterItWentThrough_IsRefusedAndDoesNotRefundTwice()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        var clock = paidAt + TimeSpan.FromMinutes(1);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules);

        var retry = Expect.Violation(() => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules));

        Assert.Equal("cancel.order-completed", retry.Code);
        Assert.Single(order.Refunds);
        Assert.Equal(AnOrder.TotalMinor, order.RefundedMinor);
    }

    [Fact]
    public void ApproveCancellation_RetriedOrRacedBySilence_DoesNotRefundTwice()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, handlingDays: 5);
        var clock = requestedAt + TimeSpan.FromHours(1);
        order.ApproveCancellation(AnOrder.Seller, false, clock, Rules);

        var retry = Expect.Violation(() => order.ApproveCancellation(AnOrder.Seller, false, clock, Rules));
        order.CatchUp(order.Cancellation!.RespondBy, Rules);

        Assert.Equal("cancellation.no-open-request", retry.Code);
        Assert.Equal(CancellationRequestStatus.Approved, order.Cancellation.Status);
        Assert.Single(order.Refunds);
        Assert.Equal(AnOrder.TotalMinor, order.RefundedMinor);
    }

    [Theory]
    [InlineData(PaymentMethod.Card)]
    [InlineData(PaymentMethod.EWallet)]
    [InlineData(PaymentMethod.Phone)]
    [InlineData(PaymentMethod.Balance)]
    public void Refund_GoesBackToTheMethodAndAccountThatPaid(PaymentMethod method)
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, method: method);

        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, paidAt + TimeSpan.FromMinutes(1), Rules);

        var refund = Assert.Single(order.Refunds);
        Assert.Equal((method, AnOrder.AccountOf(method)), (refund.Method, refund.Account));
    }

    [Fact]
    public void UnpaidOrder_ThatCloses_HasNothingToRefund()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Cancelled(clock);

        order.CatchUp(clock + TimeSpan.FromDays(60), Rules);

        Assert.Empty(order.Refunds);
        Assert.Equal(0, order.RefundedMinor);
        Assert.Equal(MoneyState.Unpaid, order.MoneyState);
    }

    [Fact]
    public void ReceivedOrder_RefundsNothing_AndIsReleasedToTheSellerAfterTheDisputeWindow()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);
        Assert.Equal(MoneyState.Held, order.MoneyState);

        order.CatchUp(clock + TimeSpan.FromDays(120), Rules);

        Assert.Empty(order.Refunds);
        Assert.Equal(MoneyState.ReleasedToSeller, order.MoneyState);
    }

    [Fact]
    public void RefundedStage_NeverComesBeforeProcessing()
    {
        var timings = new RefundTimings { Card = new RefundStageTiming(TimeSpan.FromDays(2), TimeSpan.FromHours(1)) };
        var rules = Rules with { RefundTimings = timings };
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, rules: rules);
        var cancelledAt = paidAt + TimeSpan.FromMinutes(1);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, cancelledAt, rules);

        order.CatchUp(cancelledAt + TimeSpan.FromDays(3), rules);

        var refund = Assert.Single(order.Refunds);
        Assert.Equal(cancelledAt + TimeSpan.FromDays(2), refund.ProcessingAt);
        Assert.Equal(cancelledAt + TimeSpan.FromDays(2), refund.RefundedAt);
    }

    [Fact]
    public void RefundTimings_ForEveryMethod_AreTheDefaults()
    {
        var timings = new RefundTimings();

        Assert.Equal(new RefundStageTiming(TimeSpan.FromHours(6), TimeSpan.FromDays(5)), timings.For(PaymentMethod.Card));
        Assert.Equal(new RefundStageTiming(TimeSpan.FromHours(1), TimeSpan.FromDays(1)), timings.For(PaymentMethod.EWallet));
        Assert.Equal(new RefundStageTiming(TimeSpan.FromHours(2), TimeSpan.FromDays(2)), timings.For(PaymentMethod.Phone));
        Assert.Equal(new RefundStageTiming(TimeSpan.Zero, TimeSpan.Zero), timings.For(PaymentMethod.Balance));
    }

    private static Order Close(ClosingPath path, DateTimeOffset at)
    {
        switch (path)
        {
            case ClosingPath.InstantCancel:
                var paid = AnOrder.Paid(at);
                paid.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, at + TimeSpan.FromMinutes(1), Rules);
                return paid;
            case ClosingPath.SellerApproved:
                var requested = AnOrder.WithOpenCancellationRequest(at);
                requested.ApproveCancellation(AnOrder.Seller, true, at + TimeSpan.FromHours(1), Rules);
                return requested;
            case ClosingPath.SellerSilence:
                return AnOrder.WithOpenCancellationRequest(at, handlingDays: 10);
            case ClosingPath.HandlingDeadline:
                return AnOrder.Confirmed(at);
            case ClosingPath.PaymentRejected:
                return AnOrder.Paid(at, ReviewAnswer.Rejected);
            case ClosingPath.ReviewTimeout:
                return AnOrder.Paid(at, ReviewAnswer.None);
            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }
}
