using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>More handling time (asked by the seller or given by the buyer) and more buyer protection.</summary>
public sealed class ExtensionTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Seller, HttpClient Buyer, long Id)> ConfirmedAsync(int handlingDays = 3)
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: handlingDays);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        return (seller, buyer, id);
    }

    [Fact]
    public async Task SellerAsksForMoreTime_BuyerAccepts_TheDeadlineMoves()
    {
        var (seller, buyer, id) = await ConfirmedAsync();
        var due = (await buyer.Order(id))["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "handling")!["at"].Time();

        await seller.ActOk(id, "handling-extension-request", new { days = 5, message = "Waiting for stock" });
        await (await seller.Act(id, "handling-extension-request", new { days = 1, message = "again" }))
            .ExpectProblemAsync(409, "handling-extension.request-pending");
        var accepted = await buyer.ActOk(id, "handling-extension-request/accept");

        Assert.Equal("Accepted", accepted["handlingExtension"]!["status"]!.GetValue<string>());
        Assert.Equal(due + TimeSpan.FromDays(5), accepted["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "handling")!["at"].Time());

        await _app.AdvanceAsync(TimeSpan.FromDays(4));
        Assert.Equal("AwaitingShipment", (await buyer.Order(id)).State());
        await _app.AdvanceAsync(TimeSpan.FromDays(4));
        Assert.Equal("ClosedNotShipped", (await buyer.Order(id)).Outcome());
    }

    [Fact]
    public async Task BuyerDeclines_TheDeadlineStays()
    {
        var (seller, buyer, id) = await ConfirmedAsync();
        await seller.ActOk(id, "handling-extension-request", new { days = 5, message = "Waiting for stock" });
        var declined = await buyer.ActOk(id, "handling-extension-request/decline");
        Assert.Equal("Declined", declined["handlingExtension"]!["status"]!.GetValue<string>());
        await _app.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal("ClosedNotShipped", (await buyer.Order(id)).Outcome());
    }

    [Fact]
    public async Task BuyerExtendsOnTheirOwn_UpToTheLimit()
    {
        var (_, buyer, id) = await ConfirmedAsync();
        await buyer.ActOk(id, "extend-handling", new { days = 20 });
        await (await buyer.Act(id, "extend-handling", new { days = 11 })).ExpectProblemAsync(400, "extension.days-out-of-range");
        await buyer.ActOk(id, "extend-handling", new { days = 10 });
        var order = await buyer.Order(id);
        var action = order.Action("extend-handling");
        Assert.False(action["allowed"]!.GetValue<bool>());
        Assert.Equal("handling-extension.limit-reached", action["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ShipThenConfirmReceipt_AndProtectionExtension()
    {
        var (seller, buyer, id) = await ConfirmedAsync();
        var shipped = await seller.ActOk(id, "ship", new { carrier = "La Poste", trackingNumber = "RR123456789TN" });
        Assert.Equal("Shipped", shipped.State());
        await seller.ActOk(id, "tracking-events", new { description = "Left the sorting centre", location = "Tunis" });
        var tracked = await buyer.Order(id);
        Assert.Equal("Left the sorting centre", tracked["shipment"]!["trackingEvents"]![0]!["description"]!.GetValue<string>());

        await buyer.ActOk(id, "protection-extension-request", new { days = 10, message = "Still travelling" });
        var accepted = await seller.ActOk(id, "protection-extension-request/accept");
        Assert.Equal("Accepted", accepted["protectionExtension"]!["status"]!.GetValue<string>());

        await buyer.ActOk(id, "protection-extension-request", new { days = 5, message = "Customs" });
        await _app.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        Assert.Equal("DeclinedBySilence", (await buyer.Order(id))["protectionExtension"]!["status"]!.GetValue<string>());

        var received = await buyer.ActOk(id, "confirm-receipt");
        Assert.Equal("Received", received.Outcome());
        Assert.Empty(received.Refunds());
    }

    [Fact]
    public async Task BuyerProtectionEnds_ReceiptIsConfirmedAutomatically()
    {
        var (seller, buyer, id) = await ConfirmedAsync();
        var shipped = await seller.ActOk(id, "ship", new { carrier = "La Poste", trackingNumber = "RR1" });
        var ends = shipped["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "buyer-protection")!["at"].Time();

        await _app.AdvanceAsync(TimeSpan.FromDays(70));

        var order = await buyer.Order(id);
        Assert.Equal("Received", order.Outcome());
        Assert.Equal(ends, order["completedAt"].Time());
        Assert.Contains("order.receipt-auto-confirmed", order.Timeline());
    }

    [Fact]
    public async Task SellerSilence_ApprovesTheCancellationRequest()
    {
        var (_, buyer, id) = await ConfirmedAsync(handlingDays: 7);
        var requested = await buyer.ActOk(id, "cancellation-request", new { reason = "Other", comment = "Found it cheaper" });
        var respondBy = requested["cancellationRequest"]!["respondBy"].Time();

        await _app.AdvanceAsync(TimeSpan.FromHours(49));

        var order = await buyer.Order(id);
        Assert.Equal("CancelledByBuyer", order.Outcome());
        Assert.Equal("AutoApproved", order["cancellationRequest"]!["status"]!.GetValue<string>());
        Assert.Equal(respondBy, order["completedAt"].Time());
        Assert.Single(order.Refunds());
    }

    [Fact]
    public async Task SellerRefuses_TheBuyerMayAskAgain()
    {
        var (seller, buyer, id) = await ConfirmedAsync();
        await buyer.ActOk(id, "cancellation-request", new { reason = "ChangeShipping" });
        await (await seller.Act(id, "cancellation-request/refuse", new { message = " " })).ExpectProblemAsync(400, "refuse-cancellation.message-required");
        var refused = await seller.ActOk(id, "cancellation-request/refuse", new { message = "Already packed" });
        Assert.Equal("Refused", refused["cancellationRequest"]!["status"]!.GetValue<string>());
        Assert.Equal("Already packed", (await buyer.Order(id))["cancellationRequest"]!["sellerMessage"]!.GetValue<string>());

        var again = await buyer.ActOk(id, "cancellation-request", new { reason = "NoLongerNeeded" });
        Assert.Equal("Open", again["cancellationRequest"]!["status"]!.GetValue<string>());
    }
}
