using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

/// <summary>Every deadline of spec §3, reached by moving a clock and catching up; each takes effect at its due time (§6).</summary>
public class DeadlineTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;
    private static readonly Policy Policy = AnOrder.Policy;
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void PaymentWindow_WhenItEndsUnpaid_ClosesTheOrderAsExpiredUnpaid()
    {
        var placedAt = AnOrder.Start;
        var order = AnOrder.Placed(placedAt);
        var dueAt = placedAt + Policy.PaymentWindow;

        var clock = dueAt - Tick;
        Assert.Equal(0, order.CatchUp(clock, Rules));
        Assert.Equal(OrderState.AwaitingPayment, order.State);

        clock = dueAt;
        Assert.Equal(1, order.CatchUp(clock, Rules));
        Assert.Equal(OrderState.Completed, order.State);
        Assert.Equal(OrderOutcome.ExpiredUnpaid, order.Outcome);
        Assert.Equal(dueAt, order.CompletedAt);
        Assert.Equal(Responsibility.Buyer, order.CountsAgainst);
        Assert.Equal(MoneyState.Unpaid, order.MoneyState);
        Assert.Empty(order.Refunds);
        Assert.Null(order.NextDeadlineAt);
        Assert.Equal(new BuyerOrderExpiredUnpaid("buyer-1", dueAt), Assert.Single(order.Effects.OfType<BuyerOrderExpiredUnpaid>()));
        var released = Assert.Single(order.Effects.OfType<StockReleased>());
        Assert.Equal([(AnOrder.ListingId, AnOrder.Quantity)], released.Lines);
    }

    [Fact]
    public void Pay_AfterThePaymentWindowExpired_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock);
        clock += Policy.PaymentWindow + TimeSpan.FromMinutes(1);
        order.CatchUp(clock, Rules);

        var refusal = Expect.Violation(() => order.Pay(AnOrder.Buyer, AnOrder.Payment(clock), clock, Rules));

        Assert.Equal("pay.already-paid-or-closed", refusal.Code);
        Assert.Null(order.Payment);
    }

    [Fact]
    public void Cancel_OneSecondBeforeTheInstantCancelWindowEnds_CancelsAtOnceWithFullRefund()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        var clock = paidAt + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(59);

        Assert.Equal(0, order.CatchUp(clock, Rules));
        var decision = OrderActions.Check(order, OrderAction.Cancel, clock, Rules);
        Assert.True(decision.Allowed);
        Assert.Equal(paidAt + Policy.InstantCancelWindow, decision.PossibleUntil);

        order.Cancel(AnOrder.Buyer, "ChangeOrder", null, clock, Rules);

        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal(clock, order.CompletedAt);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("cancellation", AnOrder.TotalMinor, clock), (refund.Cause, refund.AmountMinor, refund.CreatedAt));
        Assert.Contains(order.Timeline, e => e.Kind == "order.cancelled-instantly" && e.At == clock);
    }

    [Fact]
    public void Cancel_WhenTheInstantCancelWindowHasEnded_IsRefusedUntilTheReviewEnds()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        var clock = paidAt + TimeSpan.FromMinutes(2);

        Assert.Equal(0, order.CatchUp(clock, Rules));
        var refusal = OrderActions.Check(order, OrderAction.Cancel, clock, Rules).Refusal;
        var verbRefusal = Expect.Violation(() => order.Cancel(AnOrder.Buyer, "ChangeOrder", null, clock, Rules));

        Assert.NotNull(refusal);
        Assert.Equal("cancel.payment-under-review", refusal.Code);
        Assert.Equal(paidAt + Policy.PaymentReviewMax, refusal.PossibleFrom);
        Assert.Equal(order.ReviewDueAt, refusal.PossibleFrom);
        Assert.Equal(paidAt + Policy.InstantCancelWindow, refusal.Arguments["instantCancelEndedAt"]);
        Assert.Equal("cancel.payment-under-review", verbRefusal.Code);
        Assert.Equal(refusal.PossibleFrom, verbRefusal.PossibleFrom);
        Assert.Equal(OrderState.PaymentReview, order.State);
        Assert.Empty(order.Refunds);
    }

    [Fact]
    public void InstantCancelWindow_IsReadFromThePolicy()
    {
        var rules = Rules with { Policy = Policy with { InstantCancelWindow = TimeSpan.FromMinutes(5) } };
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, rules: rules);
        var clock = paidAt + TimeSpan.FromMinutes(4);

        order.Cancel(AnOrder.Buyer, "ChangeOrder", null, clock, rules);

        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
    }

    [Fact]
    public void ReviewAnswer_WhenApproved_AwaitsShipmentWithTheHandlingDeadlineCountedFromTheAnswer()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, handlingDays: 5);
        var answerAt = paidAt + AnOrder.ReviewDelay;

        Assert.Equal(0, order.CatchUp(answerAt - Tick, Rules));
        Assert.Equal(OrderState.PaymentReview, order.State);

        Assert.Equal(1, order.CatchUp(answerAt, Rules));
        Assert.Equal(OrderState.AwaitingShipment, order.State);
        Assert.Equal(answerAt, order.PaymentConfirmedAt);
        Assert.Equal(answerAt + TimeSpan.FromDays(5), order.HandlingDueAt);
        Assert.Null(order.ReviewDueAt);
        Assert.Equal(MoneyState.Held, order.MoneyState);
        Assert.Equal(order.HandlingDueAt, order.NextDeadlineAt);
    }

    [Fact]
    public void ReviewAnswer_WhenRejected_FailsThePaymentAndRefundsIt()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, ReviewAnswer.Rejected);
        var answerAt = paidAt + AnOrder.ReviewDelay;

        Assert.Equal(1, order.CatchUp(answerAt, Rules));

        Assert.Equal(OrderOutcome.PaymentFailed, order.Outcome);
        Assert.Equal(answerAt, order.CompletedAt);
        Assert.Equal(Responsibility.Platform, order.CountsAgainst);
        Assert.Null(order.PaymentConfirmedAt);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("payment-failed", AnOrder.TotalMinor, answerAt), (refund.Cause, refund.AmountMinor, refund.CreatedAt));
        Assert.Single(order.Effects.OfType<StockReleased>());
    }

    [Fact]
    public void ReviewTimeout_WhenTheProviderNeverAnswers_FailsThePaymentAtPaymentReviewMax()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, ReviewAnswer.None);
        var dueAt = paidAt + Policy.PaymentReviewMax;

        Assert.Equal(0, order.CatchUp(dueAt - Tick, Rules));
        Assert.Equal(OrderState.PaymentReview, order.State);

        Assert.Equal(1, order.CatchUp(dueAt, Rules));
        Assert.Equal(OrderOutcome.PaymentFailed, order.Outcome);
        Assert.Equal(dueAt, order.CompletedAt);
        Assert.Equal(paidAt + TimeSpan.FromHours(24), order.CompletedAt);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("payment-failed", dueAt), (refund.Cause, refund.CreatedAt));
        Assert.Contains(order.Timeline, e => e.Kind == "payment.review-timed-out" && e.At == dueAt);
    }

    [Fact]
    public void ReviewTimeout_WhenTheApprovalWouldArriveAfterIt_FailsThePaymentAnyway()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Placed(paidAt - TimeSpan.FromHours(1));
        var lateAnswer = new PaymentSubmission(PaymentMethod.Card, "**** 4242", "PAY-LATE", ReviewAnswer.Approved, paidAt + TimeSpan.FromHours(25));
        order.Pay(AnOrder.Buyer, lateAnswer, paidAt, Rules);

        order.CatchUp(paidAt + TimeSpan.FromHours(25), Rules);

        Assert.Equal(OrderOutcome.PaymentFailed, order.Outcome);
        Assert.Equal(paidAt + Policy.PaymentReviewMax, order.CompletedAt);
        Assert.Null(order.PaymentConfirmedAt);
    }

    [Fact]
    public void HandlingDeadline_WhenTheSellerHasNotShipped_ClosesAsClosedNotShippedWithFullRefund()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt, handlingDays: 3);
        var dueAt = confirmedAt + TimeSpan.FromDays(3);

        Assert.Equal(0, order.CatchUp(dueAt - Tick, Rules));
        Assert.Equal(OrderState.AwaitingShipment, order.State);

        Assert.Equal(1, order.CatchUp(dueAt, Rules));
        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(dueAt, order.CompletedAt);
        Assert.Equal(Responsibility.Seller, order.CountsAgainst);
        Assert.Null(order.HandlingDueAt);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("closed-not-shipped", AnOrder.TotalMinor, dueAt), (refund.Cause, refund.AmountMinor, refund.CreatedAt));
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
        Assert.Single(order.Effects.OfType<StockReleased>());
    }

    [Fact]
    public void SellerSilence_UntilRespondBy_ApprovesTheCancellationRequestAutomatically()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, "ChangeShipping", handlingDays: 5);
        var respondBy = requestedAt + Policy.SellerCancelResponse;
        Assert.Equal(respondBy, order.Cancellation!.RespondBy);

        Assert.Equal(0, order.CatchUp(respondBy - Tick, Rules));
        Assert.True(order.Cancellation.IsOpen);

        Assert.Equal(1, order.CatchUp(respondBy, Rules));
        Assert.Equal(CancellationRequestStatus.AutoApproved, order.Cancellation.Status);
        Assert.Equal(respondBy, order.Cancellation.AnsweredAt);
        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal(respondBy, order.CompletedAt);
        Assert.Equal(Responsibility.Buyer, order.CountsAgainst);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(("cancellation", AnOrder.TotalMinor, respondBy), (refund.Cause, refund.AmountMinor, refund.CreatedAt));
    }

    [Fact]
    public void HandlingDeadline_BeforeTheSellerAnswersACancellationRequest_ClosesAsClosedNotShipped()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt, handlingDays: 1);
        var requestedAt = confirmedAt + TimeSpan.FromHours(12);
        order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, requestedAt, Rules);
        var handlingDueAt = confirmedAt + TimeSpan.FromDays(1);
        Assert.True(order.Cancellation!.RespondBy > handlingDueAt);

        order.CatchUp(order.Cancellation.RespondBy, Rules);

        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(handlingDueAt, order.CompletedAt);
        Assert.Equal(Responsibility.Seller, order.CountsAgainst);
        Assert.Equal(CancellationRequestStatus.ClosedByDeadline, order.Cancellation.Status);
        Assert.Equal(handlingDueAt, order.Cancellation.AnsweredAt);
        Assert.Equal("closed-not-shipped", Assert.Single(order.Refunds).Cause);
    }

    [Fact]
    public void HandlingDeadline_AtTheSameInstantAsTheSellersSilence_WinsAndClosesAsClosedNotShipped()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt, handlingDays: 2);
        order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, confirmedAt, Rules);
        Assert.Equal(order.HandlingDueAt, order.Cancellation!.RespondBy);

        order.CatchUp(confirmedAt + TimeSpan.FromDays(2), Rules);

        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(CancellationRequestStatus.ClosedByDeadline, order.Cancellation.Status);
        Assert.Equal("closed-not-shipped", Assert.Single(order.Refunds).Cause);
    }

    [Fact]
    public void BuyerProtection_WhenItEndsWithoutConfirmation_ConfirmsReceiptAutomatically()
    {
        var shippedAt = AnOrder.Start;
        var order = AnOrder.Shipped(shippedAt);
        var endsAt = shippedAt + Policy.BuyerProtection;
        Assert.Equal(endsAt, order.ProtectionEndsAt);

        Assert.Equal(0, order.CatchUp(endsAt - Tick, Rules));
        Assert.Equal(OrderState.Shipped, order.State);

        Assert.Equal(1, order.CatchUp(endsAt, Rules));
        Assert.Equal(OrderOutcome.Received, order.Outcome);
        Assert.Equal(endsAt, order.CompletedAt);
        Assert.Equal(MoneyState.Held, order.MoneyState);
        Assert.Empty(order.Refunds);
        Assert.Empty(order.Effects.OfType<StockReleased>());
        Assert.Contains(order.Timeline, e => e.Kind == "order.receipt-auto-confirmed" && e.At == endsAt);
    }

    [Fact]
    public void BuyerProtection_WithADeliveryEstimate_EndsWhenTheEstimateEnds()
    {
        var shippedAt = AnOrder.Start;
        var order = AnOrder.Shipped(shippedAt, deliveryDays: 20);

        order.CatchUp(shippedAt + TimeSpan.FromDays(20), Rules);

        Assert.Equal(OrderOutcome.Received, order.Outcome);
        Assert.Equal(shippedAt + TimeSpan.FromDays(20), order.CompletedAt);
    }

    [Fact]
    public void ProtectionExtension_WhenTheSellerStaysSilent_IsDeclinedBySilence()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingProtectionExtension(requestedAt, days: 10);
        var protectionEndsAt = order.ProtectionEndsAt;
        var respondBy = requestedAt + Policy.ProtectionExtensionResponse;
        Assert.Equal(respondBy, order.ProtectionExtension!.RespondBy);

        Assert.Equal(0, order.CatchUp(respondBy - Tick, Rules));
        Assert.True(order.ProtectionExtension.IsPending);

        Assert.Equal(1, order.CatchUp(respondBy, Rules));
        Assert.Equal(ExtensionStatus.DeclinedBySilence, order.ProtectionExtension.Status);
        Assert.Equal(respondBy, order.ProtectionExtension.AnsweredAt);
        Assert.Equal(protectionEndsAt, order.ProtectionEndsAt);
        Assert.Equal(0, order.ProtectionExtendedDays);
        Assert.Equal(OrderState.Shipped, order.State);
        Assert.True(OrderActions.Check(order, OrderAction.RequestProtectionExtension, respondBy, Rules).Allowed);
    }

    [Fact]
    public void BuyerProtection_EndingBeforeTheSellerAnswersAnExtension_ConfirmsReceiptAndLapsesTheRequest()
    {
        var shippedAt = AnOrder.Start;
        var order = AnOrder.Shipped(shippedAt);
        var endsAt = shippedAt + Policy.BuyerProtection;
        order.RequestProtectionExtension(AnOrder.Buyer, 10, "Still not here", endsAt - TimeSpan.FromDays(1), Rules);

        order.CatchUp(endsAt + TimeSpan.FromDays(5), Rules);

        Assert.Equal(OrderOutcome.Received, order.Outcome);
        Assert.Equal(endsAt, order.CompletedAt);
        Assert.Equal(ExtensionStatus.Lapsed, order.ProtectionExtension!.Status);
        Assert.Equal(endsAt, order.ProtectionExtension.AnsweredAt);
    }

    public static TheoryData<PaymentMethod> PaymentMethodsThatTakeTime => [PaymentMethod.Card, PaymentMethod.EWallet, PaymentMethod.Phone];

    [Theory]
    [MemberData(nameof(PaymentMethodsThatTakeTime))]
    public void RefundStages_MoveFromAwaitingToProcessingToRefundedAtTheMethodsTimings(PaymentMethod method)
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, method: method);
        var cancelledAt = paidAt + TimeSpan.FromMinutes(1);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, cancelledAt, Rules);
        var timing = Rules.RefundTimings.For(method);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(RefundStage.AwaitingRefund, refund.Stage);
        Assert.Equal(cancelledAt + timing.ToProcessing, order.NextDeadlineAt);

        Assert.Equal(0, order.CatchUp(cancelledAt + timing.ToProcessing - Tick, Rules));
        Assert.Equal(RefundStage.AwaitingRefund, refund.Stage);

        Assert.Equal(1, order.CatchUp(cancelledAt + timing.ToProcessing, Rules));
        Assert.Equal(RefundStage.Processing, refund.Stage);
        Assert.Equal(cancelledAt + timing.ToProcessing, refund.ProcessingAt);

        Assert.Equal(0, order.CatchUp(cancelledAt + timing.ToRefunded - Tick, Rules));
        Assert.Equal(RefundStage.Processing, refund.Stage);

        Assert.Equal(1, order.CatchUp(cancelledAt + timing.ToRefunded, Rules));
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        Assert.Equal(cancelledAt + timing.ToRefunded, refund.RefundedAt);
        Assert.Null(order.NextDeadlineAt);
        Assert.Equal(["Processing", "Refunded"], order.Timeline.Where(e => e.Kind == "refund.stage-changed").Select(e => e.Data["stage"]));
    }

    [Fact]
    public void RefundStages_ForThePlatformBalance_AreAllReachedAtOnce()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, method: PaymentMethod.Balance);
        // The platform's own balance needs no provider review.
        Assert.Equal(OrderState.AwaitingShipment, order.State);
        var cancelledAt = paidAt + TimeSpan.FromMinutes(1);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, cancelledAt, Rules);

        Assert.Equal(0, order.CatchUp(cancelledAt, Rules));

        var refund = Assert.Single(order.Refunds);
        Assert.Equal(RefundDestination.PlatformBalance, refund.Destination);
        Assert.Equal(refund.AmountMinor, refund.BalancePartMinor);
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        Assert.Equal(cancelledAt, refund.ProcessingAt);
        Assert.Equal(cancelledAt, refund.RefundedAt);
    }

    [Fact]
    public void CatchUp_FourDaysAfterPaying_ReplaysConfirmationThenClosesAtTheHandlingDeadline()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, handlingDays: 3);
        var confirmedAt = paidAt + AnOrder.ReviewDelay;
        var closedAt = confirmedAt + TimeSpan.FromDays(3);

        var fired = order.CatchUp(paidAt + TimeSpan.FromDays(4), Rules);

        // The review answer, the handling deadline, and the refund reaching "processing" 6 h after it was created.
        Assert.Equal(3, fired);
        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(confirmedAt, order.PaymentConfirmedAt);
        Assert.Equal(closedAt, order.CompletedAt);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(closedAt, refund.CreatedAt);
        Assert.Equal(RefundStage.Processing, refund.Stage);
        Assert.Equal(closedAt + Rules.RefundTimings.Card.ToProcessing, refund.ProcessingAt);
        Assert.Equal(
            [("payment.confirmed", confirmedAt), ("order.closed-not-shipped", closedAt), ("refund.created", closedAt),
             ("refund.stage-changed", closedAt + Rules.RefundTimings.Card.ToProcessing)],
            order.Timeline.SkipWhile(e => e.Kind != "payment.confirmed").Select(e => (e.Kind, e.At)));
    }

    [Fact]
    public void CatchUp_ThirtyDaysAfterPaying_LeavesTheRefundRefundedAtItsScheduledTimes()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, handlingDays: 3);
        var closedAt = paidAt + AnOrder.ReviewDelay + TimeSpan.FromDays(3);

        Assert.Equal(4, order.CatchUp(paidAt + TimeSpan.FromDays(30), Rules));

        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.Equal(closedAt, order.CompletedAt);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        Assert.Equal(closedAt + Rules.RefundTimings.Card.ToProcessing, refund.ProcessingAt);
        Assert.Equal(closedAt + Rules.RefundTimings.Card.ToRefunded, refund.RefundedAt);
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
        Assert.Null(order.NextDeadlineAt);
    }

    [Fact]
    public void CatchUp_InHourlySteps_EndsExactlyWhereOneLongJumpEnds()
    {
        var paidAt = AnOrder.Start;
        var jumped = AnOrder.Paid(paidAt, handlingDays: 3);
        var stepped = AnOrder.Paid(paidAt, handlingDays: 3);
        var end = paidAt + TimeSpan.FromDays(30);

        jumped.CatchUp(end, Rules);
        for (var clock = paidAt; clock <= end; clock += TimeSpan.FromHours(1)) stepped.CatchUp(clock, Rules);

        Assert.Equal(stepped.Timeline.Select(e => (e.Kind, e.At)), jumped.Timeline.Select(e => (e.Kind, e.At)));
        Assert.Equal(stepped.CompletedAt, jumped.CompletedAt);
        Assert.Equal(Assert.Single(stepped.Refunds).RefundedAt, Assert.Single(jumped.Refunds).RefundedAt);
    }

    [Fact]
    public void CatchUp_TwiceAtTheSameTime_FiresEachDeadlineExactlyOnce()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt, handlingDays: 3);
        var clock = paidAt + TimeSpan.FromDays(4);

        var first = order.CatchUp(clock, Rules);
        var timelineLength = order.Timeline.Count;
        var second = order.CatchUp(clock, Rules);

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.Equal(timelineLength, order.Timeline.Count);
        Assert.Single(order.Refunds);
        Assert.Single(order.Effects.OfType<StockReleased>());
    }

    [Fact]
    public void CatchUp_WithAClockBeforeTheNextDeadline_FiresNothing()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);

        Assert.Equal(paidAt + AnOrder.ReviewDelay, order.NextDeadlineAt);
        Assert.Equal(0, order.CatchUp(paidAt + AnOrder.ReviewDelay - Tick, Rules));
        Assert.Equal(OrderState.PaymentReview, order.State);
    }

    [Fact]
    public void PendingDeadlines_ListEveryCountdownEarliestFirst()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithOpenCancellationRequest(requestedAt, handlingDays: 5);

        Assert.Equal(
            [(DeadlineKind.SellerCancelResponse, requestedAt + Policy.SellerCancelResponse), (DeadlineKind.Handling, order.HandlingDueAt!.Value)],
            order.PendingDeadlines());
        Assert.Equal(requestedAt + Policy.SellerCancelResponse, order.NextDeadlineAt);
    }
}
