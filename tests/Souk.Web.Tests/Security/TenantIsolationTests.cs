using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Orders;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Security;

/// <summary>
/// A hostile seller reads only its own store: seller B's order lists (every tab), tab counts, payouts and performance
/// never include store A's orders or money, while store A's seller sees them all — so an empty answer is not mistaken
/// for isolation.
/// </summary>
public sealed class TenantIsolationTests
{
    [Fact]
    public async Task SellerB_ListsCountsPayoutsAndPerformance_NeverIncludeStoreA()
    {
        using var app = new SoukApp();
        var (sellerA, storeA, listingA) = await Shop.SellerWithListingAsync(app);
        var (sellerB, storeB, _) = await Shop.SellerWithListingAsync(app);
        var buyer = await app.SignUpAsync("buyer");

        // Store A: one order in each of the states that carry money or a countdown.
        var unpaid = await Shop.PlaceOrderAsync(app, buyer, listingA);
        var paid = await Shop.PlaceOrderAsync(app, buyer, listingA);
        await buyer.Pay(paid);
        var received = await Shop.PlaceOrderAsync(app, buyer, listingA);
        await buyer.Pay(received);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await sellerA.ActOk(received, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        await buyer.ActOk(received, "confirm-receipt");
        app.Time.Advance(TimeSpan.FromDays(40)); // past the dispute window: the escrow is released to store A
        await buyer.Order(received);
        var storeAOrders = new[] { unpaid, paid, received };

        foreach (var tab in ReadOrders.Tabs.Where(t => t != "deleted"))
        {
            var a = await Ids(sellerA, tab);
            var b = await Ids(sellerB, tab);
            Assert.Empty(b.Intersect(storeAOrders));
            if (tab == "all") Assert.Equal(storeAOrders.Order(), a.Order());
        }
        foreach (var id in storeAOrders) Assert.Equal(404, (int)(await sellerB.GetAsync($"/api/orders/{id}")).StatusCode);

        // The tab counts beside the tabs (the seller's pages read them through the same query).
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
            var meB = await sellerB.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/me");
            var meA = await sellerA.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/me");
            var countsB = await ReadOrders.CountsAsync(Actor.Seller(meB!["id"]!.GetValue<string>(), storeB), db, CancellationToken.None);
            var countsA = await ReadOrders.CountsAsync(Actor.Seller(meA!["id"]!.GetValue<string>(), storeA), db, CancellationToken.None);
            Assert.All(countsB, c => Assert.Equal(0, c.Value));
            Assert.Equal(3, countsA["all"]);
        }

        // Money: store A's payouts show its release and its held order; store B's show none of it.
        var payoutsA = await (await sellerA.GetAsync("/api/payouts")).ExpectAsync(200);
        var payoutsB = await (await sellerB.GetAsync("/api/payouts")).ExpectAsync(200);
        Assert.Contains(payoutsA["recentReleases"]!.AsArray(), r => r!["orderId"]!.GetValue<long>() == received);
        Assert.Contains(payoutsA["held"]!.AsArray(), h => h!["orderId"]!.GetValue<long>() == paid);
        Assert.Empty(payoutsB["recentReleases"]!.AsArray());
        Assert.Empty(payoutsB["held"]!.AsArray());
        Assert.All(payoutsB["totals"]!.AsArray(), t => Assert.Equal(0, t!["released"]!.GetValue<long>() + t["held"]!.GetValue<long>()));

        // Performance: B's figures count none of A's orders; B cannot read A's.
        var performanceB = await (await sellerB.GetAsync($"/api/stores/{storeB}/performance")).ExpectAsync(200);
        Assert.Equal(0, performanceB["orders"]!.GetValue<int>());
        var performanceA = await (await sellerA.GetAsync($"/api/stores/{storeA}/performance")).ExpectAsync(200);
        Assert.True(performanceA["orders"]!.GetValue<int>() >= 1, performanceA.ToJsonString());
        Assert.True((int)(await sellerB.GetAsync($"/api/stores/{storeA}/performance")).StatusCode is 403 or 404);
    }

    private static async Task<List<long>> Ids(HttpClient seller, string tab)
    {
        var page = await (await seller.GetAsync($"/api/orders?tab={tab}&limit=100")).ExpectAsync(200);
        return page["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ToList();
    }
}
