using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>The README's three walkthroughs, through the real host.</summary>
public sealed class WalkthroughTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task PlacePayInstantCancel_RefundsInFullAtOnce()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var paid = await buyer.Pay(id);
        Assert.Equal("PaymentReview", paid.State());
        var cancel = paid.Action("cancel");
        Assert.True(cancel["allowed"]!.GetValue<bool>());
        Assert.Equal(SoukApp.Start + TimeSpan.FromMinutes(2), cancel["possibleUntil"].Time());

        _app.Time.Advance(TimeSpan.FromSeconds(90));
        var cancelled = await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });

        Assert.Equal("Completed", cancelled.State());
        Assert.Equal("CancelledByBuyer", cancelled.Outcome());
        var refund = Assert.Single(cancelled.Refunds())!;
        Assert.Equal(paid["total"]!.GetValue<long>(), refund["amount"]!.GetValue<long>());
        Assert.Equal("AwaitingRefund", refund["stage"]!.GetValue<string>());
        Assert.Equal("Card", refund["method"]!.GetValue<string>());
        Assert.Contains("order.cancelled-instantly", cancelled.Timeline());
    }

    [Fact]
    public async Task ReviewPassesThenRequestApprovedBySeller_RefundGoesThroughItsThreeStages()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);

        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        var confirmed = await buyer.Order(id);
        Assert.Equal("AwaitingShipment", confirmed.State());
        await (await buyer.Act(id, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(409, "cancel.needs-seller-approval");

        var requested = await buyer.ActOk(id, "cancellation-request", new { reason = "ChangeAddress" });
        Assert.Equal("Open", requested["cancellationRequest"]!["status"]!.GetValue<string>());
        var approve = (await seller.Order(id)).Action("approve-cancellation");
        Assert.True(approve["allowed"]!.GetValue<bool>());

        var approved = await seller.ActOk(id, "cancellation-request/approve", new { });
        Assert.Equal("CancelledByBuyer", approved.Outcome());
        Assert.Equal("Approved", approved["cancellationRequest"]!["status"]!.GetValue<string>());
        Assert.Equal("AwaitingRefund", approved.Refunds()[0]!["stage"]!.GetValue<string>());

        await _app.AdvanceAsync(TimeSpan.FromHours(7));
        Assert.Equal("Processing", (await buyer.Order(id)).Refunds()[0]!["stage"]!.GetValue<string>());

        await _app.AdvanceAsync(TimeSpan.FromDays(5));
        var refunded = (await buyer.Order(id)).Refunds()[0]!.AsObject();
        Assert.Equal("Refunded", refunded["stage"]!.GetValue<string>());
        var created = refunded["createdAt"].Time();
        Assert.Equal(created + TimeSpan.FromHours(6), refunded["processingAt"].Time());
        Assert.Equal(created + TimeSpan.FromDays(5), refunded["refundedAt"].Time());
    }

    [Fact]
    public async Task PayThenAdvanceFourDays_ClosesAtTheHandlingDeadlineAndRefunds()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);

        await _app.AdvanceAsync(TimeSpan.FromDays(4));

        var order = await buyer.Order(id);
        Assert.Equal("Completed", order.State());
        Assert.Equal("ClosedNotShipped", order.Outcome());
        var confirmedAt = order["paymentConfirmedAt"].Time();
        Assert.Equal(SoukApp.Start + TimeSpan.FromMinutes(5), confirmedAt);
        Assert.Equal(confirmedAt + TimeSpan.FromDays(3), order["completedAt"].Time());
        var refund = Assert.Single(order.Refunds())!;
        Assert.Equal("closed-not-shipped", refund["cause"]!.GetValue<string>());
        Assert.Equal(confirmedAt + TimeSpan.FromDays(3), refund["createdAt"].Time());
    }
}
