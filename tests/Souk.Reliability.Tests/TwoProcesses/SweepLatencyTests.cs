using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Souk.Reliability.Tests.TwoProcesses;

/// <summary>
/// Figure 3 of issue 7: two Souk processes on one PostgreSQL database, both sweeping every second on the real clock.
/// Unpaid orders are placed through both at staggered moments with a 20-second payment window, so their deadlines fall
/// due one after another while both sweepers run: each must fire exactly once, none missed, and within 5 seconds of its
/// due time as an outside observer sees it.
/// </summary>
[Trait("Suite", "Reliability")]
[Trait("Provider", "Postgres")]
[Collection(MeasuredAlone.Name)]
public sealed class SweepLatencyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    private static readonly int Orders = Scale.Pick(bounded: 60, @long: 400);
    private static readonly TimeSpan PaymentWindow = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(5);

    private Dictionary<string, string> Settings() => Harness.Settings(_database, new Dictionary<string, string>
    {
        // The real clock: the dev clock stays at offset zero.
        ["Souk:Sweeper:Interval"] = "00:00:01",
        ["Souk:Policy:PaymentWindow"] = PaymentWindow.ToString("c"),
        ["Souk:Policy:MaxUnpaidOrders"] = "100000",
        ["Souk:Policy:UnpaidExpiryBlockThreshold"] = "100000",
    });

    [Fact]
    public async Task TwoSweepingProcesses_FireEachDeadlineOnce_WithinFiveSecondsOfItsDueTime()
    {
        Assert.True(TestDatabase.IsPostgres, "Two processes need a server database: set SOUK_TEST_POSTGRES (test.sh does).");
        using var a = await SoukProcess.StartAsync(Settings());
        using var b = await SoukProcess.StartAsync(Settings());
        var seller = a.Client(await a.RegisterAndSignInAsync("seller", "seller@latency.souk"));
        var buyerToken = await a.RegisterAndSignInAsync("buyer", "buyer@latency.souk");
        var buyers = new[] { a.Client(buyerToken), b.Client(buyerToken) };
        var store = (await (await seller.PostAsJsonAsync("/api/stores", new { name = "Latency" })).ExpectAsync(201))["id"]!.GetValue<long>();
        var listing = (await (await seller.PostAsJsonAsync("/api/listings", Shop.ListingBody(stock: 1_000_000))).ExpectAsync(201))["id"]!.GetValue<long>();
        var address = await Harness.AddAddressAsync(buyers[0]);

        // Staggered over about 15 s, alternately through each process: deadlines fall due one after another.
        var due = new Dictionary<long, DateTimeOffset>();
        var spacing = TimeSpan.FromMilliseconds(15_000.0 / Orders);
        for (var i = 0; i < Orders; i++)
        {
            var via = buyers[i % 2];
            await (await via.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 })).ExpectAsync(200);
            var placed = await (await via.PostAsJsonAsync("/api/checkout",
                new { addressId = address, shipping = new[] { new { storeId = store, method = Shop.StandardMethod } } })).ExpectAsync(201);
            var order = placed["orders"]![0]!;
            due[order["id"]!.GetValue<long>()] = order["placedAt"]!.GetValue<DateTimeOffset>() + PaymentWindow;
            await Task.Delay(spacing);
        }

        // An outside observer: every 100 ms, which orders still await payment (the list fires nothing itself).
        var firedSeenAt = new ConcurrentDictionary<long, DateTimeOffset>();
        var until = DateTimeOffset.UtcNow + PaymentWindow + TimeSpan.FromSeconds(30);
        var poll = 0;
        while (firedSeenAt.Count < Orders && DateTimeOffset.UtcNow < until)
        {
            var page = await (await buyers[poll++ % 2].GetAsync("/api/orders?tab=awaiting-payment&limit=100")).ExpectAsync(200);
            var now = DateTimeOffset.UtcNow;
            var waiting = page["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ToHashSet();
            foreach (var id in due.Keys.Where(id => !waiting.Contains(id))) firedSeenAt.TryAdd(id, now);
            await Task.Delay(100);
        }

        var violations = new List<string>();
        foreach (var id in due.Keys.Where(id => !firedSeenAt.ContainsKey(id))) violations.Add($"order {id}: its payment deadline never fired");
        var lateness = firedSeenAt.Select(f => (Id: f.Key, Late: f.Value - due[f.Key])).ToList();
        foreach (var (id, late) in lateness.Where(l => l.Late > Allowed)) violations.Add($"order {id}: fired {late.TotalSeconds:F1} s after its due time");
        foreach (var (id, late) in lateness.Where(l => l.Late < -TimeSpan.FromSeconds(1))) violations.Add($"order {id}: fired {-late.TotalSeconds:F1} s early");
        foreach (var id in due.Keys)
        {
            var order = await (await buyers[0].GetAsync($"/api/orders/{id}")).ExpectAsync(200);
            var fired = order["timeline"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "order.expired-unpaid");
            if (fired != 1) violations.Add($"order {id}: expired {fired} times");
        }

        var sorted = lateness.Select(l => l.Late.TotalSeconds).Order().ToList();
        var summary = $"two processes, 1 s sweep (Postgres): {Orders} deadlines, {firedSeenAt.Count} fired, lateness as observed p50 {Percentile(sorted, 0.5):F2} s, " +
            $"p99 {Percentile(sorted, 0.99):F2} s, max {(sorted.Count > 0 ? sorted[^1] : 0):F2} s (allowed {Allowed.TotalSeconds} s), {violations.Count} violations";
        output.WriteLine(summary);
        Report.Write("two-processes", summary);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(40)));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>A figure that measures time runs after the others, with the machine to itself: the other figures' load
/// would be measured as its lateness.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
