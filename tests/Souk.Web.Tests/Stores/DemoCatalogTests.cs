using System.Net.Http.Json;
using Souk.Web.Infrastructure;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Stores;

public sealed class DemoCatalogTests : IDisposable
{
    private static readonly Dictionary<string, string?> Seed = new() { ["Souk:SeedDemoData"] = "true" };
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    [Fact]
    public async Task DemoData_SeedsThreeStoresInTwoOrMoreCurrencies_Once_AndTheDemoBuyerCanOrder()
    {
        using (var app = new SoukApp(_database, Seed))
        {
            var page = await (await app.CreateClient().GetAsync("/api/listings?limit=100")).ExpectAsync(200);
            var listings = page["listings"]!.AsArray();
            Assert.Equal(8, listings.Count);
            Assert.Equal(3, listings.Select(l => l!["storeId"]!.GetValue<long>()).Distinct().Count());
            Assert.Contains("USD", listings.Select(l => l!["currency"]!.GetValue<string>()));
            Assert.Contains("RUB", listings.Select(l => l!["currency"]!.GetValue<string>()));
            Assert.Equal([1, 3, 7, 15], listings.Select(l => l!["handlingDays"]!.GetValue<int>()).Distinct().Order());
            Assert.All(listings, l => Assert.Equal(1000, l!["stock"]!.GetValue<int>()));

            var buyer = await app.SignInAsync(DemoData.BuyerEmail, DemoData.Password);
            var addresses = await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200);
            Assert.Single(addresses);
            var teapot = listings.First(l => l!["title"]!.GetValue<string>() == "Brass teapot")!["id"]!.GetValue<long>();
            await Shop.PlaceOrderAsync(app, buyer, teapot);

            var seller2 = await app.SignInAsync(DemoData.Seller2Email, DemoData.Password);
            var store = await (await seller2.GetAsync("/api/stores/mine")).ExpectAsync(200);
            Assert.Equal("Moscow Crafts", store["name"]!.GetValue<string>());
        }

        // A restart on the same database keeps what is there: nothing is seeded twice.
        using (var again = new SoukApp(_database, Seed))
        {
            var page = await (await again.CreateClient().GetAsync("/api/listings?limit=100")).ExpectAsync(200);
            Assert.Equal(8, page["listings"]!.AsArray().Count);
            var buyer = await again.SignInAsync(DemoData.BuyerEmail, DemoData.Password);
            Assert.Single(await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
            Assert.Equal(999, (await Shop.ListingAsync(again, page["listings"]!.AsArray()
                .First(l => l!["title"]!.GetValue<string>() == "Brass teapot")!["id"]!.GetValue<long>()))["stock"]!.GetValue<int>());
        }
    }
}
