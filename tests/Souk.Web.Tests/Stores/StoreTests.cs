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
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("a-name-far-too-long-for-a-store-a-name-far-too-long-for-a-store-a-name-far-too-long-for-a-store-xxxxxxx")]
    public async Task OpenStore_WithABadName_Is400WithTheNameField(string? name)
    {
        var seller = await _app.SignUpAsync("seller");
        var problem = await (await seller.PostAsJsonAsync("/api/stores", new { name })).ExpectProblemAsync(400, "store.name-invalid");
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
