using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>
/// Two Souk processes on one PostgreSQL database: a sign-in made on one works on the other, they share the
/// development clock, and with both sweeping every deadline fires exactly once.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class TwoProcessesTests : IDisposable
{
    private const int Orders = 30;
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    private Dictionary<string, string> Settings() => new()
    {
        ["Souk:Database:Provider"] = "Postgres",
        ["ConnectionStrings:Souk"] = TestDatabase.ConnectionString(_database),
        ["Souk:DevClock:Enabled"] = "true",
        ["Souk:Sweeper:Interval"] = "00:00:00.200",
        ["Souk:Sweeper:BatchSize"] = "7",
        ["Souk:Policy:CreatingCallsPerMinute"] = "100000",
        ["Souk:Admins:0:Email"] = "admin@test.souk",
        ["Souk:Admins:0:Password"] = SoukApp.Password,
    };

    [Fact]
    public async Task TwoProcesses_ShareSignInsAndClock_AndFireEachDeadlineOnce()
    {
        Assert.True(TestDatabase.IsPostgres, "Two processes need a server database: set SOUK_TEST_POSTGRES (test.sh does).");
        // Started one after the other: the first creates and migrates the database.
        using var a = await SoukProcess.StartAsync(Settings());
        using var b = await SoukProcess.StartAsync(Settings());

        var sellerToken = await a.RegisterAndSignInAsync("seller", "seller@two.souk");
        var buyerToken = await a.RegisterAndSignInAsync("buyer", "buyer@two.souk");
        var sellerOnB = b.Client(sellerToken);
        var buyerOnA = a.Client(buyerToken);
        var buyerOnB = b.Client(buyerToken);

        // A token issued by A is accepted by B: the data-protection keys live in the database.
        var me = await (await buyerOnB.GetAsync("/api/me")).ExpectAsync(200);
        Assert.Equal("buyer@two.souk", me["email"]!.GetValue<string>());

        await (await sellerOnB.PostAsJsonAsync("/api/stores", new { name = "Two" })).ExpectAsync(201);
        var listing = (await (await sellerOnB.PostAsJsonAsync("/api/listings", Shop.ListingBody(handlingDays: 1, stock: 1000))).ExpectAsync(201))["id"]!.GetValue<long>();
        var address = (await (await buyerOnA.PostAsJsonAsync("/api/me/addresses",
            new { name = "Ada", line1 = "1 Main St", city = "Tunis", postalCode = "1000", country = "TN" })).ExpectAsync(201))["id"]!.GetValue<long>();

        var ids = new List<long>();
        for (var i = 0; i < Orders; i++)
        {
            var via = i % 2 == 0 ? buyerOnA : buyerOnB;
            await (await via.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 })).ExpectAsync(200);
            var placed = await (await via.PostAsJsonAsync("/api/checkout", new
            {
                addressId = address,
                shipping = new[] { new { storeId = (await (await via.GetAsync($"/api/listings/{listing}")).ExpectAsync(200))["storeId"]!.GetValue<long>(), method = Shop.StandardMethod } },
            })).ExpectAsync(201);
            var id = placed["orders"]![0]!["id"]!.GetValue<long>();
            await (await via.PostAsJsonAsync($"/api/orders/{id}/pay", new { method = "Card", account = "4242 4242 4242 4242" })).ExpectAsync(200);
            ids.Add(id);
        }

        // B moves the shared clock; A's sweeper sees the same time. Both sweep in the background meanwhile.
        await (await b.Client().PostAsJsonAsync("/api/dev/clock", new { advance = "00:10:00" })).ExpectAsync(200);
        var clockOnA = await (await a.Client().GetAsync("/api/dev/clock")).ExpectAsync(200);
        Assert.Equal("00:10:00", clockOnA["offset"]!.GetValue<string>());
        await (await a.Client().PostAsJsonAsync("/api/dev/clock", new { advance = "2.00:00:00" })).ExpectAsync(200);

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var open = ids.ToList();
        while (open.Count > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(300);
            var page = await (await buyerOnB.GetAsync("/api/orders?tab=completed&limit=100")).ExpectAsync(200);
            var done = page["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ToHashSet();
            open.RemoveAll(done.Contains);
        }
        Assert.True(open.Count == 0, $"Not closed: {string.Join(", ", open)}");

        foreach (var id in ids)
        {
            var order = await (await (id % 2 == 0 ? buyerOnA : buyerOnB).GetAsync($"/api/orders/{id}")).ExpectAsync(200);
            Assert.Equal("ClosedNotShipped", order.Outcome());
            Assert.Equal(1, order.Timeline().Count(k => k == "order.closed-not-shipped"));
            Assert.Equal(1, order.Timeline().Count(k => k == "payment.confirmed"));
            var refund = Assert.Single(order.Refunds())!;
            Assert.Equal(order["total"]!.GetValue<long>(), refund["amount"]!.GetValue<long>());
        }
    }
}
