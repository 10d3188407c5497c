using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

public class CancellationRequestTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void RequestCancellation_WhenAwaitingShipment_OpensARequestTheSellerMustAnswerInTime()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt, handlingDays: 5);
        var clock = confirmedAt + TimeSpan.FromHours(2);

        order.RequestCancellation(AnOrder.Buyer, "ChangeAddress", null, clock, Rules);

        var request = order.Cancellation!;
        Assert.Equal(CancellationRequestStatus.Open, request.Status);
        Assert.Equal(("ChangeAddress", Responsibility.Buyer, clock), (request.Reason, request.CountsAgainst, request.RequestedAt));
        Assert.Equal(clock + AnOrder.Policy.SellerCancelResponse, request.RespondBy);
        Assert.Equal(request.RespondBy, order.NextDeadlineAt);
        Assert.Equal(OrderState.AwaitingShipment, order.State);
    }

    [Fact]
    public void RequestCancellation_WhenShipped_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        var refusal = Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules));

        Assert.Equal("request-cancellation.already-shipped", refusal.Code);
        Assert.Null(order.Cancellation);
    }

    [Fact]
    public void RequestCancellation_WhenUnpaid_IsRefusedBecauseTheBuyerCanCancelDirectly()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);

        Assert.Equal("request-cancellation.not-paid-cancel-directly",
            Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules)).Code);
    }

    [Fact]
    public void RequestCancellation_InsideTheInstantWindow_IsRefusedPointingToInstantCancel()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        var clock = paidAt + TimeSpan.FromMinutes(1);

        var refusal = Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules));

        Assert.Equal("request-cancellation.instant-cancel-available", refusal.Code);
        Assert.Equal(paidAt + AnOrder.Policy.InstantCancelWindow, refusal.Arguments["instantCancelUntil"]);
    }

    [Fact]
    public void RequestCancellation_DuringReviewAfterTheInstantWindow_IsRefusedUntilTheReviewEnds()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        var clock = paidAt + TimeSpan.FromMinutes(5);

        var refusal = Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules));

        Assert.Equal("request-cancellation.payment-under-review", refusal.Code);
        Assert.Equal(paidAt + AnOrder.Policy.PaymentReviewMax, refusal.PossibleFrom);
    }

    [Fact]
    public void RequestCancellation_WhileOneIsOpen_IsRefusedSayingWhenTheSellerMustAnswer()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt);

        var refusal = Expect.Violation(() =>
            order.RequestCancellation(AnOrder.Buyer, "ChangeOrder", null, requestedAt + TimeSpan.FromHours(1), Rules));

        Assert.Equal("request-cancellation.already-open", refusal.Code);
        Assert.Equal(requestedAt + AnOrder.Policy.SellerCancelResponse, refusal.Arguments["respondBy"]);
        Assert.Equal("NoLongerNeeded", order.Cancellation!.Reason);
    }

    [Fact]
    public void RequestCancellation_WhenCompleted_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);

        Assert.Equal("request-cancellation.order-completed",
            Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules)).Code);
    }

    [Fact]
    public void RequestCancellation_WithUnknownReason_IsInvalid()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        var refusal = Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "noLongerNeeded", null, clock, Rules));

        Assert.Equal("cancel.unknown-reason", refusal.Code);
        Assert.Null(order.Cancellation);
    }

    [Fact]
    public void RequestCancellation_WithOtherReasonAndNoComment_IsInvalid()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        var refusal = Expect.Violation(() => order.RequestCancellation(AnOrder.Buyer, "Other", " ", clock, Rules));

        Assert.Equal("cancel.comment-required", refusal.Code);
        Assert.Null(order.Cancellation);
    }

    [Fact]
    public void ApproveCancellation_CancelsWithFullRefundCountingAgainstTheReason()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, "PaymentProblem");
        var clock = requestedAt + TimeSpan.FromHours(3);

        order.ApproveCancellation(AnOrder.Seller, sellerAtFault: false, clock, Rules);

        Assert.Equal(CancellationRequestStatus.Approved, order.Cancellation!.Status);
        Assert.Equal(clock, order.Cancellation.AnsweredAt);
        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal(Responsibility.Platform, order.CountsAgainst);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("cancellation", AnOrder.TotalMinor, clock), (refund.Cause, refund.AmountMinor, refund.CreatedAt));
        Assert.Single(order.Effects.OfType<StockReleased>());
    }

    [Fact]
    public void ApproveCancellation_WhenTheSellerAdmitsFault_CountsAgainstTheSeller()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, "NoLongerNeeded");

        order.ApproveCancellation(AnOrder.Seller, sellerAtFault: true, requestedAt + TimeSpan.FromHours(3), Rules);

        Assert.Equal(Responsibility.Seller, order.CountsAgainst);
        Assert.Equal(Responsibility.Seller, order.Cancellation!.CountsAgainst);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefuseCancellation_WithoutAMessage_IsInvalid(string message)
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt);

        var refusal = Expect.Violation(() => order.RefuseCancellation(AnOrder.Seller, message, requestedAt + TimeSpan.FromHours(1), Rules));

        Assert.Equal("refuse-cancellation.message-required", refusal.Code);
        Assert.Equal(ViolationKind.Invalid, refusal.Kind);
        Assert.Equal("message", refusal.Field);
        Assert.True(order.Cancellation!.IsOpen);
    }

    [Fact]
    public void RefuseCancellation_KeepsTheOrderAndLetsTheBuyerAskAgain()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt);
        var clock = requestedAt + TimeSpan.FromHours(1);

        order.RefuseCancellation(AnOrder.Seller, "Already handed to the carrier", clock, Rules);

        Assert.Equal(CancellationRequestStatus.Refused, order.Cancellation!.Status);
        Assert.Equal("Already handed to the carrier", order.Cancellation.SellerMessage);
        Assert.Equal(OrderState.AwaitingShipment, order.State);
        Assert.Equal(order.HandlingDueAt, order.NextDeadlineAt);

        clock += TimeSpan.FromHours(1);
        order.RequestCancellation(AnOrder.Buyer, "ChangeOrder", null, clock, Rules);

        Assert.Equal(("ChangeOrder", CancellationRequestStatus.Open), (order.Cancellation.Reason, order.Cancellation.Status));
        Assert.Equal(2, order.Timeline.Count(e => e.Kind == "cancellation.requested"));
    }

    [Fact]
    public void RefusedRequest_IsNotApprovedLaterBySilence()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, handlingDays: 5);
        order.RefuseCancellation(AnOrder.Seller, "Already packed", requestedAt + TimeSpan.FromHours(1), Rules);

        order.CatchUp(requestedAt + AnOrder.Policy.SellerCancelResponse, Rules);

        Assert.Equal(OrderState.AwaitingShipment, order.State);
        Assert.Equal(CancellationRequestStatus.Refused, order.Cancellation!.Status);
    }

    [Fact]
    public void ApproveCancellation_WithoutAnOpenRequest_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        Assert.Equal("cancellation.no-open-request",
            Expect.Violation(() => order.ApproveCancellation(AnOrder.Seller, false, clock, Rules)).Code);
    }

    [Fact]
    public void Ship_WhileACancellationRequestIsOpen_SupersedesTheRequest()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, handlingDays: 5);
        var shippedAt = requestedAt + TimeSpan.FromHours(4);

        order.Ship(AnOrder.Seller, "La Poste", "RR1TN", shippedAt, Rules);
        order.CatchUp(requestedAt + AnOrder.Policy.SellerCancelResponse, Rules);

        Assert.Equal(CancellationRequestStatus.SupersededByShipment, order.Cancellation!.Status);
        Assert.Equal(shippedAt, order.Cancellation.AnsweredAt);
        Assert.Equal(OrderState.Shipped, order.State);
        Assert.Empty(order.Refunds);
        Assert.Contains(order.Timeline, e => e.Kind == "cancellation.superseded-by-shipment");
    }
}
