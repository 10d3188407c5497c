using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Idempotency;

/// <summary>Keys live in the database: a retry that reaches another Souk process is answered the same way.</summary>
public sealed class IdempotencyTwoProcessesTests : IDisposable
{
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    private Dictionary<string, string> Settings() => new()
    {
        ["Souk:Database:Provider"] = TestDatabase.Provider,
        ["ConnectionStrings:Souk"] = TestDatabase.ConnectionString(_database),
        ["Souk:Sweeper:Enabled"] = "false",
        ["Souk:Policy:CreatingCallsPerMinute"] = "100000",
    };

    [Fact]
    public async Task KeyUsedOnOneProcess_IsReplayedByTheOther_AndRacesAcrossThemTakeEffectOnce()
    {
        // Started one after the other: the first creates and migrates the database.
        using var a = await SoukProcess.StartAsync(Settings());
        using var b = await SoukProcess.StartAsync(Settings());
        var sellerOnA = a.Client(await a.RegisterAndSignInAsync("seller", "seller@keys.souk"));
        var buyerToken = await a.RegisterAndSignInAsync("buyer", "buyer@keys.souk");
        var buyerOnA = a.Client(buyerToken);
        var buyerOnB = b.Client(buyerToken);

        var storeId = await Shop.OpenStoreAsync(sellerOnA);
        var listing = await Shop.AddListingAsync(sellerOnA, stock: 10);
        var addressId = await Shop.AddAddressAsync(buyerOnA);
        await Shop.AddToCartAsync(buyerOnA, listing, 2);
        var checkout = new { addressId, shipping = new[] { new { storeId, method = Shop.StandardMethod } } };

        var raced = await Task.WhenAll(buyerOnA.SendKeyed(HttpMethod.Post, "/api/checkout", checkout, "two-1"),
            buyerOnB.SendKeyed(HttpMethod.Post, "/api/checkout", checkout, "two-1"));
        var ran = Assert.Single(raced, r => (int)r.StatusCode == 201 && !r.Headers.Contains("Idempotency-Replayed"));
        var body = await ran.Content.ReadAsStringAsync();
        foreach (var other in raced.Where(r => r != ran))
            if ((int)other.StatusCode == 201) Assert.Equal(body, await other.Content.ReadAsStringAsync());
            else await other.ExpectProblemAsync(409, "idempotency.in-progress");

        foreach (var via in new[] { buyerOnA, buyerOnB })
        {
            var replay = await via.SendKeyed(HttpMethod.Post, "/api/checkout", checkout, "two-1");
            Assert.Equal(201, (int)replay.StatusCode);
            Assert.Equal(body, await replay.Content.ReadAsStringAsync());
            Assert.Equal("true", replay.Headers.GetValues("Idempotency-Replayed").Single());
        }
        var listingView = await (await buyerOnB.GetAsync($"/api/listings/{listing}")).ExpectAsync(200);
        Assert.Equal(8, listingView["stock"]!.GetValue<int>());
        Assert.Single((await (await buyerOnB.GetAsync("/api/orders")).ExpectAsync(200))["orders"]!.AsArray());
    }
}
