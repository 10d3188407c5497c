using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Souk.Reliability.Tests.Races;

/// <summary>
/// Figure 1 of issue 7: for 1,000 orders, 45 commands per order — buyer and seller, many of them conflicting — fired
/// at the same time over HTTP at a real Souk process while its sweeper runs and the clock jumps under it. Then every
/// order is checked against the rules: of conflicting changes exactly one took effect, every refused caller got a
/// 409 with a code, every acknowledged change is in the order's timeline exactly once (and nothing is there that was
/// not acknowledged), refunds never exceed the payment, and the platform's ledger balances.
/// </summary>
[Trait("Suite", "Reliability")]
public sealed class ConcurrentCommandsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    private static readonly int Orders = Scale.Knob("SOUK_RACE_ORDERS", bounded: 1_000, @long: 5_000, floor: 200);
    private const int Stores = 10;

    /// <summary>Orders whose commands are in flight at once; each fires all of its wave's commands together.</summary>
    private static readonly int OrdersAtOnce = Scale.Pick(bounded: 6, @long: 12);

    /// <summary>Actions that can take effect once per order at most; a buyer may ask to cancel again after a refusal,
    /// and the seller answers each request.</summary>
    private static readonly HashSet<string> OnceAtMost =
        ["cancel", "approve-cancellation", "ship", "confirm-receipt", "delete", "open-dispute", "accept-dispute", "reject-dispute", "withdraw-dispute", "escalate-dispute"];

    private sealed record Command(string Actor, string Action, string Path, object Body);

    private sealed record Outcome(string Wave, long OrderId, string Action, int Status, string? Code);

    /// <summary>The buyer's and the seller's commands, by name; each wave picks from them.</summary>
    private static readonly Dictionary<string, Command> Catalogue = new[]
    {
        new Command("buyer", "cancel", "cancel", new { reason = "NoLongerNeeded" }),
        new Command("buyer", "request-cancellation", "cancellation-request", new { reason = "ChangeOrder" }),
        new Command("seller", "approve-cancellation", "cancellation-request/approve", new { }),
        new Command("seller", "refuse-cancellation", "cancellation-request/refuse", new { message = "Already packed" }),
        new Command("seller", "ship", "ship", new { carrier = "Poste", trackingNumber = "RR123" }),
        new Command("buyer", "confirm-receipt", "confirm-receipt", new { }),
        new Command("buyer", "delete", "delete", new { }),
        new Command("buyer", "open-dispute", "dispute", new { reason = "NotAsDescribed", comment = "Not as pictured", amountMinor = 300, withReturn = false }),
        new Command("seller", "accept-dispute", "dispute/accept", new { }),
        new Command("seller", "reject-dispute", "dispute/reject", new { message = "It is as pictured" }),
        new Command("buyer", "withdraw-dispute", "dispute/withdraw", new { }),
        new Command("buyer", "escalate-dispute", "dispute/escalate", new { }),
    }.ToDictionary(c => c.Action);

    /// <summary>Three waves of 15 commands per order, each with a clock jump in its middle (deadlines fall due while
    /// commands race), and a jump between waves that opens the next stage (review passed; dispute allowed).</summary>
    private static readonly (string Name, Dictionary<string, int> Mix, TimeSpan Midway, TimeSpan After)[] Waves =
    [
        ("just paid", new() { ["cancel"] = 4, ["request-cancellation"] = 3, ["ship"] = 3, ["approve-cancellation"] = 2, ["refuse-cancellation"] = 2, ["delete"] = 1 },
            TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10)),
        ("awaiting shipment", new() { ["request-cancellation"] = 3, ["approve-cancellation"] = 3, ["refuse-cancellation"] = 3, ["ship"] = 3, ["cancel"] = 1, ["confirm-receipt"] = 2 },
            TimeSpan.FromDays(3), TimeSpan.FromDays(6)),
        ("shipped", new() { ["open-dispute"] = 3, ["accept-dispute"] = 2, ["reject-dispute"] = 2, ["withdraw-dispute"] = 1, ["escalate-dispute"] = 2, ["confirm-receipt"] = 3, ["delete"] = 2 },
            TimeSpan.FromDays(3), TimeSpan.FromDays(60)),
    ];

    /// <summary>The timeline event each action leaves when it takes effect.</summary>
    private static readonly Dictionary<string, string[]> Evidence = new()
    {
        ["delete"] = ["order.moved-to-deleted"],
        ["cancel"] = ["order.cancelled-instantly", "order.cancelled"],
        ["request-cancellation"] = ["cancellation.requested"],
        ["approve-cancellation"] = ["cancellation.approved"],
        ["refuse-cancellation"] = ["cancellation.refused"],
        ["ship"] = ["order.shipped"],
        ["confirm-receipt"] = ["order.receipt-confirmed"],
        ["open-dispute"] = ["dispute.opened"],
        ["accept-dispute"] = ["dispute.accepted"],
        ["reject-dispute"] = ["dispute.rejected"],
        ["withdraw-dispute"] = ["dispute.withdrawn"],
        ["escalate-dispute"] = ["dispute.escalated"],
    };

    private Dictionary<string, string> Settings() => Harness.Settings(_database, new Dictionary<string, string>
    {
        ["Souk:Sweeper:Interval"] = "00:00:00.200",
        ["Souk:Sweeper:BatchSize"] = "50",
    });

    [Fact]
    public async Task ConflictingCommands_OneWins_EveryRefusalIsA409WithACode_AndNoRuleOrMoneyInvariantBreaks()
    {
        using var souk = await SoukProcess.StartAsync(Settings());
        var started = DateTime.UtcNow;
        var (orders, buyerOf, sellerOf) = await ArrangePaidOrdersAsync(souk);
        output.WriteLine($"{orders.Count} paid orders arranged in {(DateTime.UtcNow - started).TotalSeconds:F0} s ({TestDatabase.Provider})");

        var outcomes = new ConcurrentBag<Outcome>();
        var random = new Random(20261126);
        foreach (var (name, mix, midway, after) in Waves)
        {
            var plan = orders.ToDictionary(id => id, _ => Shuffle(mix.SelectMany(m => Enumerable.Repeat(Catalogue[m.Key], m.Value)).ToList(), random));
            var done = 0;
            // A fresh order of the orders each wave, so the clock's jump falls at a different place among them.
            var sequence = Shuffle(orders.ToList(), random);
            var jump = Task.Run(async () =>
            {
                // Midway through the wave the clock jumps: deadlines fall due and the sweeper fires them while commands race.
                while (Volatile.Read(ref done) < orders.Count / 2) await Task.Delay(20);
                await Harness.AdvanceAsync(souk, midway);
            });
            var waveStarted = DateTime.UtcNow;
            await Parallel.ForEachAsync(sequence, new ParallelOptions { MaxDegreeOfParallelism = OrdersAtOnce }, async (id, ct) =>
            {
                var client = new Dictionary<string, HttpClient> { ["buyer"] = buyerOf[id], ["seller"] = sellerOf[id] };
                await Task.WhenAll(plan[id].Select(async command =>
                {
                    var response = await client[command.Actor].PostAsJsonAsync($"/api/orders/{id}/{command.Path}", command.Body, ct);
                    string? code = null;
                    if (!response.IsSuccessStatusCode)
                        code = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["code"]?.GetValue<string>();
                    outcomes.Add(new Outcome(name, id, command.Action, (int)response.StatusCode, code));
                }));
                Interlocked.Increment(ref done);
            });
            await jump;
            output.WriteLine($"wave '{name}': {orders.Count * mix.Values.Sum()} commands in {(DateTime.UtcNow - waveStarted).TotalSeconds:F0} s; took effect: " +
                string.Join(", ", outcomes.Where(o => o.Wave == name && o.Status is 200 or 201).GroupBy(o => o.Action).Select(g => $"{g.Key} {g.Count()}")) + "; refused: " +
                string.Join(", ", outcomes.Where(o => o.Wave == name && o.Status == 409).GroupBy(o => o.Code).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
            await Harness.AdvanceAsync(souk, after);
            output.WriteLine($"  then {after:c} later: {await StatesAsync(orders, buyerOf)}");
        }

        // Let the sweeper finish what the last jump made due, then read every order as its buyer (a read fires what is still due).
        var final = new ConcurrentDictionary<long, JsonObject>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            final[id] = (await (await buyerOf[id].GetAsync($"/api/orders/{id}", ct)).ExpectAsync(200)));

        var violations = new List<string>();
        var all = outcomes.ToList();
        foreach (var bad in all.Where(o => o.Status is not (200 or 201 or 409)).GroupBy(o => (o.Action, o.Status, o.Code)))
            violations.Add($"{bad.Count()} × {bad.Key.Action} answered {bad.Key.Status} ({bad.Key.Code ?? "no code"}), e.g. order {bad.First().OrderId}");
        foreach (var refused in all.Where(o => o.Status == 409 && string.IsNullOrEmpty(o.Code)).Take(5))
            violations.Add($"order {refused.OrderId}: a 409 to {refused.Action} without a problem code");

        foreach (var (id, order) in final)
            violations.AddRange(Check(id, order, all.Where(o => o.OrderId == id).ToList()));

        var admin = souk.Client(await souk.SignInAsync(Harness.AdminEmail));
        // Stock beside the money: each listing (one per store, listed with 1,000,000) lacks exactly what its orders keep.
        foreach (var listing in final.Values.SelectMany(o => o["lines"]!.AsArray().Select(l => l!["listingId"]!.GetValue<long>())).Distinct())
            violations.AddRange(await Harness.StockViolationsAsync(admin, listing, 1_000_000, final.Values));
        var ledger = await (await admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        if (!ledger["balanced"]!.GetValue<bool>()) violations.Add("the ledger does not balance: " + ledger.ToJsonString());

        var winners = all.Count(o => o.Status is 200 or 201);
        var refusals = all.Count(o => o.Status == 409);
        var summary = $"races ({TestDatabase.Provider}): {orders.Count} orders, {all.Count} commands, {winners} took effect, {refusals} refused with 409, " +
            $"{violations.Count} violations, {(DateTime.UtcNow - started).TotalSeconds:F0} s";
        output.WriteLine(summary);
        foreach (var kind in all.GroupBy(o => o.Action).OrderBy(g => g.Key))
            output.WriteLine($"  {kind.Key}: {kind.Count()} sent, {kind.Count(o => o.Status is 200 or 201)} took effect, " +
                $"refusals: {string.Join(", ", kind.Where(o => o.Status == 409).GroupBy(o => o.Code).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine("  final states: " + string.Join(", ", final.Values.GroupBy(o => $"{o["state"]}/{o["outcome"]}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        output.WriteLine("  timeline events: " + string.Join(", ", final.Values.SelectMany(o => o["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()))
            .GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        Report.Write("races", summary);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(40)));
    }

    /// <summary>One order's final state against the commands it received.</summary>
    private static IEnumerable<string> Check(long id, JsonObject order, IReadOnlyList<Outcome> outcomes)
    {
        var kinds = order["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        int Events(params string[] names) => kinds.Count(names.Contains);
        int Won(string action) => outcomes.Count(o => o.Action == action && o.Status is 200 or 201);

        // Every acknowledged change is in the timeline, and every change there was acknowledged (the sweeper's aside).
        foreach (var (action, events) in Evidence)
        {
            if (OnceAtMost.Contains(action) && Won(action) > 1) yield return $"order {id}: {action} took effect {Won(action)} times";
            if (Won(action) != Events(events))
                yield return $"order {id}: {action} acknowledged {Won(action)} times, {string.Join("/", events)} in the timeline {Events(events)} times";
        }

        // Conflicting endings: shipped, cancelled by the buyer, cancelled by the seller's approval, closed by the
        // sweeper — at most one of them, and the acknowledged one is the one that happened.
        var endings = Events("order.shipped", "order.cancelled", "order.cancelled-instantly", "cancellation.approved", "cancellation.auto-approved", "order.closed-not-shipped");
        if (endings > 1) yield return $"order {id}: {endings} conflicting endings in its timeline: {string.Join(", ", kinds)}";
        if (Won("ship") + Won("cancel") + Won("approve-cancellation") > 1)
            yield return $"order {id}: ship {Won("ship")}, cancel {Won("cancel")}, approve {Won("approve-cancellation")} all took effect";
        if (Events("order.receipt-confirmed", "order.receipt-auto-confirmed") > 1) yield return $"order {id}: receipt confirmed twice";
        if (Events("order.receipt-confirmed") == 1 && kinds.IndexOf("order.receipt-confirmed") < kinds.IndexOf("order.shipped"))
            yield return $"order {id}: receipt confirmed before it shipped";
        if (Events("dispute.opened") == 1 && Events("order.shipped") == 0) yield return $"order {id}: a dispute on an order never shipped";

        // Money: never more back than was paid, one refund per cause.
        var paid = order["payment"]?["amount"]?.GetValue<long>() ?? 0;
        var refunds = order["refunds"]!.AsArray();
        var refunded = refunds.Sum(r => r!["amount"]!.GetValue<long>());
        if (refunded > paid) yield return $"order {id}: refunded {refunded} of {paid} paid";
        var causes = refunds.Select(r => r!["cause"]!.GetValue<string>()).ToList();
        if (causes.Distinct().Count() != causes.Count) yield return $"order {id}: two refunds for one cause ({string.Join(", ", causes)})";
        var state = order["state"]!.GetValue<string>();
        if (Events("order.cancelled-instantly", "cancellation.approved", "cancellation.auto-approved", "order.closed-not-shipped") == 1 && refunded != paid)
            yield return $"order {id}: cancelled after payment ({state}) but refunded {refunded} of {paid}";
    }

    /// <summary>Stores with one listing each, buyers each with an address; every checkout of a full cart makes one order per store.</summary>
    private static async Task<(List<long> Orders, Dictionary<long, HttpClient> BuyerOf, Dictionary<long, HttpClient> SellerOf)> ArrangePaidOrdersAsync(SoukProcess souk)
    {
        var listings = new List<(long Listing, long Store, HttpClient Seller)>();
        for (var s = 0; s < Stores; s++)
        {
            var seller = souk.Client(await souk.RegisterAndSignInAsync("seller", $"seller{s}-{Guid.NewGuid():N}@race.souk"));
            var store = (await (await seller.PostAsJsonAsync("/api/stores", new { name = $"Race store {s}" })).ExpectAsync(201))["id"]!.GetValue<long>();
            var listing = (await (await seller.PostAsJsonAsync("/api/listings", Shop.ListingBody(handlingDays: 3, stock: 1_000_000))).ExpectAsync(201))["id"]!.GetValue<long>();
            listings.Add((listing, store, seller));
        }
        var checkouts = Orders / Stores;
        var buyers = Math.Max(1, checkouts / 5);
        var orders = new ConcurrentBag<(long Id, HttpClient Buyer, HttpClient Seller)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, buyers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (b, ct) =>
        {
            var buyer = souk.Client(await souk.RegisterAndSignInAsync("buyer", $"buyer{b}-{Guid.NewGuid():N}@race.souk"));
            var address = await Harness.AddAddressAsync(buyer);
            for (var c = b; c < checkouts; c += buyers)
            {
                foreach (var (listing, _, _) in listings)
                    await (await buyer.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 }, ct)).ExpectAsync(200);
                var placed = await (await buyer.PostAsJsonAsync("/api/checkout", new
                {
                    addressId = address,
                    shipping = listings.Select(l => new { storeId = l.Store, method = Shop.StandardMethod }).ToArray(),
                }, ct)).ExpectAsync(201);
                foreach (var o in placed["orders"]!.AsArray())
                {
                    var id = o!["id"]!.GetValue<long>();
                    await (await buyer.PostAsJsonAsync($"/api/orders/{id}/pay", new { method = "Card", account = "4242 4242 4242 4242" }, ct)).ExpectAsync(200);
                    orders.Add((id, buyer, listings.Single(l => l.Store == o["storeId"]!.GetValue<long>()).Seller));
                }
            }
        });
        var list = orders.OrderBy(o => o.Id).ToList();
        return (list.Select(o => o.Id).ToList(), list.ToDictionary(o => o.Id, o => o.Buyer), list.ToDictionary(o => o.Id, o => o.Seller));
    }

    /// <summary>How many orders are in each state now (as their buyers read them).</summary>
    private static async Task<string> StatesAsync(List<long> orders, Dictionary<long, HttpClient> buyerOf)
    {
        var states = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var order = await (await buyerOf[id].GetAsync($"/api/orders/{id}", ct)).ExpectAsync(200);
            states.Add($"{order["state"]}{(order["outcome"] is { } outcome ? "/" + outcome : "")}");
        });
        return string.Join(", ", states.GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
    }

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        lock (random)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
        return items;
    }
}
