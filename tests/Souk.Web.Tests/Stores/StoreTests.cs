using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Stores;

public sealed class StoreTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Seller_OpensRenamesAndReadsTheirStore_AndAnyoneCanLookItUp()
    {
        var seller = await _app.SignUpAsync("seller");
        var opened = await (await seller.PostAsJsonAsync("/api/stores", new { name = "  Brass & Co  " })).ExpectAsync(201);
        var id = opened["id"]!.GetValue<long>();
        Assert.Equal("Brass & Co", opened["name"]!.GetValue<string>());

        var renamed = await (await seller.PutAsJsonAsync("/api/stores/mine", new { name = "Brass and Copper" })).ExpectAsync(200);
        Assert.Equal("Brass and Copper", renamed["name"]!.GetValue<string>());

        var mine = await (await seller.GetAsync("/api/stores/mine")).ExpectAsync(200);
        Assert.Equal(id, mine["id"]!.GetValue<long>());

        await Shop.AddListingAsync(seller);
        var shown = await (await _app.CreateClient().GetAsync($"/api/stores/{id}")).ExpectAsync(200);
        Assert.Equal("Brass and Copper", shown["name"]!.GetValue<string>());
        Assert.Equal(1, shown["listedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task OpenStore_WhenTheSellerHasOne_Is409AndKeepsTheFirst()
    {
        var seller = await _app.SignUpAsync("seller");
        var first = await Shop.OpenStoreAsync(seller, "First");

        await (await seller.PostAsJsonAsync("/api/stores", new { name = "Second" })).ExpectProblemAsync(409, "store.already-open");

        var mine = await (await seller.GetAsync("/api/stores/mine")).ExpectAsync(200);
        Assert.Equal((first, "First"), (mine["id"]!.GetValue<long>(), mine["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(null, "request.field-required")]
    [InlineData("   ", "store.name-invalid")]
    [InlineData("a-name-far-too-long-for-a-store-a-name-far-too-long-for-a-store-a-name-far-too-long-for-a-store-xxxxxxx", "store.name-invalid")]
    public async Task OpenStore_WithABadName_Is400WithTheNameField(string? name, string code)
    {
        var seller = await _app.SignUpAsync("seller");
        var problem = await (await seller.PostAsJsonAsync("/api/stores", new { name })).ExpectProblemAsync(400, code);
        Assert.NotNull(problem["errors"]!["name"]);
        await (await seller.GetAsync("/api/stores/mine")).ExpectProblemAsync(404, "store.not-open");
    }

    [Fact]
    public async Task Stores_AreForSellers_BuyersGet403AndAnonymous401()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.PostAsJsonAsync("/api/stores", new { name = "Mine" })).ExpectAsync(403);
        await (await buyer.GetAsync("/api/stores/mine")).ExpectAsync(403);
        await (await _app.CreateClient().PostAsJsonAsync("/api/stores", new { name = "Mine" })).ExpectAsync(401);
    }

    [Fact]
    public async Task RenameOrRead_WithoutAStore_Is404StoreNotOpen_AndAnUnknownStoreIs404()
    {
        var seller = await _app.SignUpAsync("seller");
        await (await seller.PutAsJsonAsync("/api/stores/mine", new { name = "X" })).ExpectProblemAsync(404, "store.not-open");
        await (await _app.CreateClient().GetAsync("/api/stores/987654")).ExpectProblemAsync(404, "store.not-found");
    }
}

/// <summary>A store's performance figures, computed from its orders, for its seller and admins only.</summary>
public sealed class StorePerformanceTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Figures_CountOnTimeShippingCancellationsByResponsibilityAndDisputes()
    {
        var (seller, storeId, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3);
        var buyer = await _app.SignUpAsync("buyer");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
            await buyer.Pay(id);
            ids.Add(id);
        }
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(ids[0], "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await buyer.ActOk(ids[1], "cancellation-request", new { reason = "NoLongerNeeded" });
        await seller.ActOk(ids[1], "cancellation-request/approve", new { sellerAtFault = true });
        await _app.AdvanceAsync(TimeSpan.FromDays(6));   // the third closes unshipped; the first can be disputed
        await buyer.ActOk(ids[0], "dispute", new { reason = "NotReceived", comment = "Nothing came", amountMinor = 100 });

        var figures = await (await seller.GetAsync($"/api/stores/{storeId}/performance")).ExpectAsync(200);
        Assert.Equal(3, figures["orders"]!.GetValue<int>());
        Assert.Equal(1, figures["shippedOnTime"]!.GetValue<int>());
        Assert.Equal(1.0, figures["onTimeShippingRate"]!.GetValue<double>());
        Assert.Equal(2, figures["cancelled"]!.GetValue<int>());
        Assert.Equal(2, figures["cancelledCountingAgainstSeller"]!.GetValue<int>());
        Assert.Equal(1, figures["closedNotShipped"]!.GetValue<int>());
        Assert.Equal(1, figures["disputes"]!.GetValue<int>());

        var admin = await _app.AdminAsync();
        await (await admin.GetAsync($"/api/stores/{storeId}/performance")).ExpectAsync(200);
        Assert.Equal(403, (int)(await buyer.GetAsync($"/api/stores/{storeId}/performance")).StatusCode);
        var other = await _app.SignUpAsync("seller");
        await Shop.OpenStoreAsync(other, "Other");
        Assert.Equal(403, (int)(await other.GetAsync($"/api/stores/{storeId}/performance")).StatusCode);
    }
}
