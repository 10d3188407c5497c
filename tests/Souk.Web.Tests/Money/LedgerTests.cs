using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Money;

/// <summary>Through the real host and database: the ledger balances after every kind of ending, and escrow is released.</summary>
public sealed class LedgerTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AfterCancelledClosedAndReceivedOrders_TheLedgerBalances_AndEscrowIsReleasedAfterTheDisputeWindow()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3);
        var buyer = await _app.SignUpAsync("buyer");
        var cancelled = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var closed = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var received = await Shop.PlaceOrderAsync(_app, buyer, listing);
        foreach (var id in new[] { cancelled, closed, received }) await buyer.Pay(id);
        await buyer.ActOk(cancelled, "cancel", new { reason = "NoLongerNeeded" });
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(received, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await buyer.ActOk(received, "confirm-receipt");
        var total = (await buyer.Order(received))["total"]!.GetValue<long>();

        await _app.AdvanceAsync(TimeSpan.FromDays(14));
        var admin = await _app.AdminAsync();
        var before = await (await admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(before["balanced"]!.GetValue<bool>(), before.ToJsonString());
        Assert.Equal(total, before["currencies"]![0]!["escrow"]!.GetValue<long>());
        Assert.Equal("Held", (await buyer.Order(received))["moneyState"]!.GetValue<string>());

        await _app.AdvanceAsync(TimeSpan.FromDays(2));

        var after = await (await admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(after["balanced"]!.GetValue<bool>(), after.ToJsonString());
        var usd = after["currencies"]![0]!;
        Assert.Equal(0, usd["escrow"]!.GetValue<long>());
        Assert.Equal(0, usd["inTransit"]!.GetValue<long>());
        Assert.Equal(total, usd["sellerPayable"]!.GetValue<long>());
        Assert.Equal("ReleasedToSeller", (await buyer.Order(received))["moneyState"]!.GetValue<string>());
        var ledger = await (await admin.GetAsync($"/api/admin/orders/{received}/ledger")).ExpectArrayAsync(200);
        Assert.Equal(["payment", "payment", "release", "release"], ledger.Select(e => e!["transactionKey"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task RefundToAClosedCard_EndsOnThePlatformBalance_AndTheOrderSaysSo()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id, "4000 0000 0000 0069 closed");
        var cancelled = await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });
        Assert.Equal("OriginalMethod", cancelled.Refunds()[0]!["destination"]!.GetValue<string>());

        await _app.AdvanceAsync(TimeSpan.FromDays(6));

        var refund = (await buyer.Order(id)).Refunds()[0]!;
        Assert.Equal("Refunded", refund["stage"]!.GetValue<string>());
        Assert.Equal("PlatformBalance", refund["destination"]!.GetValue<string>());
        Assert.Equal("method-refused", refund["redirectReason"]!.GetValue<string>());
        var check = await (await (await _app.AdminAsync()).GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        Assert.True(check["balanced"]!.GetValue<bool>());
        Assert.Equal(refund["amount"]!.GetValue<long>(), check["currencies"]![0]!["buyerBalances"]!.GetValue<long>());
    }

    [Fact]
    public async Task LedgerEndpoints_AreForAdminsOnly()
    {
        var buyer = await _app.SignUpAsync("buyer");
        Assert.Equal(403, (int)(await buyer.GetAsync("/api/admin/ledger/check")).StatusCode);
        var admin = await _app.AdminAsync();
        await (await admin.GetAsync("/api/admin/orders/424242/ledger")).ExpectProblemAsync(404, "order.not-found");
    }
}
