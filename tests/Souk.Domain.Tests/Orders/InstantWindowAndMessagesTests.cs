using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

public class InstantWindowAndMessagesTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    /// <summary>A provider that answers inside the instant-cancel window does not shorten the buyer's window.</summary>
    [Fact]
    public void Cancel_WhenConfirmedInsideTheInstantWindow_IsStillInstantWithFullRefund()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Placed(paidAt - TimeSpan.FromHours(1));
        order.Pay(AnOrder.Buyer, new PaymentSubmission(PaymentMethod.Card, "card •••• 4242", "P-1", ReviewAnswer.Approved, paidAt + TimeSpan.FromSeconds(30)), paidAt, Rules);
        var clock = paidAt + TimeSpan.FromSeconds(60);
        order.CatchUp(clock, Rules);
        Assert.Equal(OrderState.AwaitingShipment, order.State);

        var decision = OrderActions.Check(order, OrderAction.Cancel, clock, Rules);
        Assert.True(decision.Allowed);
        Assert.Equal(paidAt + Rules.Policy.InstantCancelWindow, decision.PossibleUntil);
        Assert.Equal("request-cancellation.instant-cancel-available",
            OrderActions.Check(order, OrderAction.RequestCancellation, clock, Rules).Refusal!.Code);

        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules);

        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal(order.TotalMinor, Assert.Single(order.Refunds).AmountMinor);
        Assert.Contains(order.Timeline, e => e.Kind == "order.cancelled-instantly");
    }

    [Fact]
    public void Cancel_WhenConfirmedAndTheInstantWindowHasPassed_NeedsTheSeller()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Placed(paidAt - TimeSpan.FromHours(1));
        order.Pay(AnOrder.Buyer, new PaymentSubmission(PaymentMethod.Card, "card •••• 4242", "P-1", ReviewAnswer.Approved, paidAt + TimeSpan.FromSeconds(30)), paidAt, Rules);
        var clock = paidAt + Rules.Policy.InstantCancelWindow;
        order.CatchUp(clock, Rules);

        Assert.Equal("cancel.needs-seller-approval", Expect.Violation(() => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, Rules)).Code);
    }

    [Fact]
    public void Pay_WithAnAnswerDatedBeforeThePayment_ConfirmsNoEarlierThanThePayment()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Placed(paidAt - TimeSpan.FromHours(1));
        order.Pay(AnOrder.Buyer, new PaymentSubmission(PaymentMethod.Card, "card", "P-1", ReviewAnswer.Approved, paidAt - TimeSpan.FromHours(3)), paidAt, Rules);

        order.CatchUp(paidAt, Rules);

        Assert.Equal(paidAt, order.PaymentConfirmedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RequestHandlingExtension_WithoutAMessage_IsInvalid(string message)
    {
        var order = AnOrder.Confirmed(AnOrder.Start);

        var violation = Expect.Violation(() => order.RequestHandlingExtension(AnOrder.Seller, 5, message, AnOrder.Start + TimeSpan.FromHours(1), Rules));

        Assert.Equal("extension.message-required", violation.Code);
        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Null(order.HandlingExtension);
    }

    [Fact]
    public void RequestProtectionExtension_WithoutAMessage_IsInvalid()
    {
        var order = AnOrder.Shipped(AnOrder.Start);

        var violation = Expect.Violation(() => order.RequestProtectionExtension(AnOrder.Buyer, 5, "", AnOrder.Start + TimeSpan.FromHours(1), Rules));

        Assert.Equal("extension.message-required", violation.Code);
        Assert.Null(order.ProtectionExtension);
    }
}
