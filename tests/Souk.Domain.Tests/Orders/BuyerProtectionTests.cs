using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

public class BuyerProtectionTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    [Fact]
    public void ConfirmReceipt_WhenShipped_CompletesAsReceivedKeepingTheMoneyInEscrow()
    {
        var shippedAt = AnOrder.Start;
        var order = AnOrder.Shipped(shippedAt);
        var clock = shippedAt + TimeSpan.FromDays(9);

        order.ConfirmReceipt(AnOrder.Buyer, clock, Rules);

        Assert.Equal(OrderOutcome.Received, order.Outcome);
        Assert.Equal(clock, order.CompletedAt);
        Assert.Null(order.CountsAgainst);
        Assert.Null(order.ProtectionEndsAt);
        // What remains due is releasing escrow once a late dispute is no longer possible.
        Assert.Equal(clock + Rules.Policy.DisputeWindowAfterCompletion, order.NextDeadlineAt);
        Assert.Equal(MoneyState.Held, order.MoneyState);
        Assert.Empty(order.Refunds);
        Assert.Empty(order.Effects.OfType<StockReleased>());
    }

    [Fact]
    public void ConfirmReceipt_BeforeShipping_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        Assert.Equal("confirm-receipt.not-shipped", Expect.Violation(() => order.ConfirmReceipt(AnOrder.Buyer, clock, Rules)).Code);
    }

    [Fact]
    public void ConfirmReceipt_WhenCompleted_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Received(clock);

        var refusal = Expect.Violation(() => order.ConfirmReceipt(AnOrder.Buyer, clock + TimeSpan.FromHours(1), Rules));

        Assert.Equal("confirm-receipt.order-completed", refusal.Code);
        Assert.Equal(clock, order.CompletedAt);
    }

    [Fact]
    public void AcceptProtectionExtension_ExtendsBuyerProtectionByTheRequestedDays()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingProtectionExtension(requestedAt, days: 10);
        var endsBefore = order.ProtectionEndsAt!.Value;

        order.AcceptProtectionExtension(AnOrder.Seller, requestedAt + TimeSpan.FromHours(5), Rules);

        Assert.Equal(ExtensionStatus.Accepted, order.ProtectionExtension!.Status);
        Assert.Equal(endsBefore + TimeSpan.FromDays(10), order.ProtectionEndsAt);
        Assert.Equal(10, order.ProtectionExtendedDays);
        Assert.Equal(order.ProtectionEndsAt, order.NextDeadlineAt);
    }

    [Fact]
    public void DeclineProtectionExtension_KeepsTheProtectionEnd()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingProtectionExtension(requestedAt);
        var endsBefore = order.ProtectionEndsAt;

        order.DeclineProtectionExtension(AnOrder.Seller, requestedAt + TimeSpan.FromHours(5), Rules);

        Assert.Equal(ExtensionStatus.Declined, order.ProtectionExtension!.Status);
        Assert.Equal(endsBefore, order.ProtectionEndsAt);
        Assert.Equal(endsBefore, order.NextDeadlineAt);
    }

    [Fact]
    public void RequestProtectionExtension_WhilePending_IsRefusedSayingWhenTheSellerMustAnswer()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingProtectionExtension(requestedAt);

        var refusal = Expect.Violation(() => order.RequestProtectionExtension(AnOrder.Buyer, 5, "Again", requestedAt, Rules));

        Assert.Equal("protection-extension.request-pending", refusal.Code);
        Assert.Equal(requestedAt + AnOrder.Policy.ProtectionExtensionResponse, refusal.Arguments["respondBy"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void RequestProtectionExtension_WithDaysOutOfRange_IsInvalid(int days)
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        var refusal = Expect.Violation(() => order.RequestProtectionExtension(AnOrder.Buyer, days, "Still waiting", clock, Rules));

        Assert.Equal("extension.days-out-of-range", refusal.Code);
        Assert.Null(order.ProtectionExtension);
    }

    [Fact]
    public void RequestProtectionExtension_WhenTheWholeExtensionIsUsed_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.WithPendingProtectionExtension(clock, days: 30);
        order.AcceptProtectionExtension(AnOrder.Seller, clock + TimeSpan.FromHours(1), Rules);

        var refusal = Expect.Violation(() =>
            order.RequestProtectionExtension(AnOrder.Buyer, 1, "Still waiting", clock + TimeSpan.FromHours(2), Rules));

        Assert.Equal("protection-extension.limit-reached", refusal.Code);
        Assert.Equal(30, refusal.Arguments["maxDays"]);
    }

    [Fact]
    public void RequestProtectionExtension_BeforeShipping_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Confirmed(clock);

        Assert.Equal("protection-extension.not-shipped",
            Expect.Violation(() => order.RequestProtectionExtension(AnOrder.Buyer, 5, "Early", clock, Rules)).Code);
    }

    [Fact]
    public void AcceptProtectionExtension_WithoutAPendingRequest_IsRefused()
    {
        var clock = AnOrder.Start;
        var order = AnOrder.Shipped(clock);

        Assert.Equal("protection-extension.no-pending-request",
            Expect.Violation(() => order.AcceptProtectionExtension(AnOrder.Seller, clock, Rules)).Code);
    }

    [Fact]
    public void ConfirmReceipt_WithAPendingProtectionExtension_LapsesTheRequest()
    {
        var requestedAt = AnOrder.Start;
        var order = AnOrder.WithPendingProtectionExtension(requestedAt);

        order.ConfirmReceipt(AnOrder.Buyer, requestedAt + TimeSpan.FromHours(1), Rules);

        Assert.Equal(ExtensionStatus.Lapsed, order.ProtectionExtension!.Status);
        Assert.Equal(order.EscrowReleaseAt, order.NextDeadlineAt);
    }
}
