using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Admin;

public sealed class BuyerBlockTests : IDisposable
{
    // One expired unpaid order blocks the buyer; the payment window is ten minutes (well inside a bearer token's hour).
    private readonly SoukApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Souk:Policy:UnpaidExpiryBlockThreshold"] = "1",
        ["Souk:Policy:PaymentWindow"] = "00:10:00",
    });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task BlockedBuyer_CannotCheckOut_UntilAnAdminLiftsTheBlock()
    {
        var (_, _, listingId) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var buyerId = (await (await buyer.GetAsync("/api/me")).ExpectAsync(200))["id"]!.GetValue<string>();
        await Shop.PlaceOrderAsync(_app, buyer, listingId);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(15));
        Assert.Equal(10, await Shop.StockAsync(_app, listingId));

        await Shop.AddToCartAsync(buyer, listingId);
        var addressId = await Shop.AddressOfAsync(buyer);
        var cart = await Shop.CartAsync(buyer);
        var storeId = cart["stores"]![0]!["storeId"]!.GetValue<long>();
        // The cart already says so: no time from which it becomes possible, an admin lifts the block.
        Assert.Equal((false, "checkout.buyer-blocked"), (cart["canCheckout"]!.GetValue<bool>(), cart["checkoutRefusal"]!["code"]!.GetValue<string>()));
        Assert.Null(cart["checkoutRefusal"]!["possibleFrom"]);
        var refused = await (await buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping = new[] { new { storeId, method = Shop.StandardMethod } } }))
            .ExpectProblemAsync(409, "checkout.buyer-blocked");
        Assert.Contains("admin", refused["detail"]!.GetValue<string>());
        Assert.Equal(10, await Shop.StockAsync(_app, listingId));

        var admin = await _app.AdminAsync();
        var blocked = await (await admin.GetAsync("/api/admin/blocked-buyers")).ExpectArrayAsync(200);
        Assert.Equal(buyerId, blocked.Single()!["buyerId"]!.GetValue<string>());

        var lifted = await (await admin.PostAsync($"/api/admin/buyers/{buyerId}/lift-block", null)).ExpectAsync(200);
        Assert.False(lifted["blocked"]!.GetValue<bool>());
        Assert.Empty(await (await admin.GetAsync("/api/admin/blocked-buyers")).ExpectArrayAsync(200));

        await Shop.CheckoutAsync(buyer);
        Assert.Equal(9, await Shop.StockAsync(_app, listingId));
        await (await admin.PostAsync($"/api/admin/buyers/{buyerId}/lift-block", null)).ExpectProblemAsync(409, "buyer-block.not-blocked");
    }

    [Fact]
    public async Task LiftBlock_OfAnUnknownOrNonBuyerAccount_Is404_AndOfAnUnblockedBuyer409()
    {
        var admin = await _app.AdminAsync();
        var buyer = await _app.SignUpAsync("buyer");
        var seller = await _app.SignUpAsync("seller");
        var buyerId = (await (await buyer.GetAsync("/api/me")).ExpectAsync(200))["id"]!.GetValue<string>();
        var sellerId = (await (await seller.GetAsync("/api/me")).ExpectAsync(200))["id"]!.GetValue<string>();

        await (await admin.PostAsync("/api/admin/buyers/no-such-buyer/lift-block", null)).ExpectProblemAsync(404, "buyer.not-found");
        await (await admin.PostAsync($"/api/admin/buyers/{new string('x', 5_000)}/lift-block", null)).ExpectProblemAsync(404, "buyer.not-found");
        await (await admin.PostAsync($"/api/admin/buyers/{sellerId}/lift-block", null)).ExpectProblemAsync(404, "buyer.not-found");
        await (await admin.PostAsync($"/api/admin/buyers/{buyerId}/lift-block", null)).ExpectProblemAsync(409, "buyer-block.not-blocked");
    }

    [Fact]
    public async Task BuyerBlocks_AreForAdmins()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var seller = await _app.SignUpAsync("seller");
        await (await buyer.GetAsync("/api/admin/blocked-buyers")).ExpectAsync(403);
        await (await seller.PostAsync("/api/admin/buyers/x/lift-block", null)).ExpectAsync(403);
        await (await _app.CreateClient().GetAsync("/api/admin/blocked-buyers")).ExpectAsync(401);
    }
}

/// <summary>The sweeper expires many orders in one batch and saves them together: expiries of one buyer inside the
/// batch must count towards the block as if they had been saved one by one.</summary>
public sealed class BuyerBlockInOneSweepBatchTests : IDisposable
{
    private readonly SoukApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Souk:Policy:UnpaidExpiryBlockThreshold"] = "3",
        ["Souk:Policy:PaymentWindow"] = "00:10:00",
    });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ThreeOrdersExpiringInOneBatch_BlockTheBuyer_TwoDoNot()
    {
        var (_, _, listingId) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var blockedBuyer = await _app.SignUpAsync("buyer");
        var otherBuyer = await _app.SignUpAsync("buyer");
        for (var i = 0; i < 3; i++) await Shop.PlaceOrderAsync(_app, blockedBuyer, listingId);
        for (var i = 0; i < 2; i++) await Shop.PlaceOrderAsync(_app, otherBuyer, listingId);

        await _app.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.Equal(10, await Shop.StockAsync(_app, listingId));
        var blockedId = (await (await blockedBuyer.GetAsync("/api/me")).ExpectAsync(200))["id"]!.GetValue<string>();
        var admin = await _app.AdminAsync();
        var blocked = await (await admin.GetAsync("/api/admin/blocked-buyers")).ExpectArrayAsync(200);
        Assert.Equal(blockedId, blocked.Single()!["buyerId"]!.GetValue<string>());
    }
}
