using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Addresses;

public sealed class AddressBookTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Buyer_AddsListsAndDeletesAddresses()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var added = await (await buyer.PostAsJsonAsync("/api/me/addresses", new
        {
            name = " Ada Lovelace ", line1 = "12 St James's Square", line2 = "Flat 3", city = "London", postalCode = "SW1Y 4JH", country = "GB",
        })).ExpectAsync(201);
        Assert.Equal("Ada Lovelace", added["name"]!.GetValue<string>());
        Assert.Null(added["phone"]);
        var second = await Shop.AddAddressAsync(buyer, "Work");

        var list = await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200);
        Assert.Equal(["Ada Lovelace", "Work"], list.Select(a => a!["name"]!.GetValue<string>()));

        await (await buyer.DeleteAsync($"/api/me/addresses/{added["id"]}")).ExpectAsync(204);
        var after = await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200);
        Assert.Equal([second], after.Select(a => a!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task AnotherBuyersAddress_IsInvisibleAndCannotBeDeleted()
    {
        var alice = await _app.SignUpAsync("buyer");
        var bob = await _app.SignUpAsync("buyer");
        var alicesAddress = await Shop.AddAddressAsync(alice);

        Assert.Empty(await (await bob.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
        await (await bob.DeleteAsync($"/api/me/addresses/{alicesAddress}")).ExpectProblemAsync(404, "address.not-found");
        await (await bob.DeleteAsync("/api/me/addresses/999999")).ExpectProblemAsync(404, "address.not-found");

        Assert.Single(await (await alice.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    [Theory]
    [InlineData(null, "line1", "request.field-required", "name")]
    [InlineData("Ada", null, "request.field-required", "line1")]
    [InlineData("Ada", "   ", "address.field-required", "line1")]
    public async Task AddAddress_WithoutARequiredField_Is400WithTheField(string? name, string? line1, string code, string field)
    {
        var buyer = await _app.SignUpAsync("buyer");
        var problem = await (await buyer.PostAsJsonAsync("/api/me/addresses", new { name, line1, city = "C", postalCode = "1", country = "US" }))
            .ExpectProblemAsync(400, code);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    [Fact]
    public async Task AddAddress_WithAHugeField_Is400()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var problem = await (await buyer.PostAsJsonAsync("/api/me/addresses", new
        {
            name = "Ada", line1 = "1 Street", city = "C", postalCode = new string('9', 10_000), country = "US",
        })).ExpectProblemAsync(400, "address.field-too-long");
        Assert.NotNull(problem["errors"]!["postalCode"]);
    }

    [Fact]
    public async Task AddressBook_IsFull_At20()
    {
        var buyer = await _app.SignUpAsync("buyer");
        for (var i = 0; i < 20; i++) await Shop.AddAddressAsync(buyer, $"Address {i}");
        await (await buyer.PostAsJsonAsync("/api/me/addresses", new { name = "One more", line1 = "1", city = "C", postalCode = "1", country = "US" }))
            .ExpectProblemAsync(409, "address.book-full");
    }

    [Fact]
    public async Task AddressBook_IsTheBuyers_SellersGet403AndAnonymous401()
    {
        var seller = await _app.SignUpAsync("seller");
        await (await seller.GetAsync("/api/me/addresses")).ExpectAsync(403);
        await (await _app.CreateClient().GetAsync("/api/me/addresses")).ExpectAsync(401);
    }
}
