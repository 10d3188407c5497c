using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Souk.Reliability.Tests.Crashes;

/// <summary>
/// Figure 2 of issue 7: start Souk, drive load (checkouts, payments, instant cancels, cancellation requests, shipping,
/// the clock jumping so deadlines fall due under the sweeper), kill the process with SIGKILL at a random moment,
/// restart it on the same database, and check: every acknowledged (2xx) action is there, no refund is doubled or
/// missing, and every deadline due fires — once — after the restart. Repeated for 20 cycles (100 in the long form).
/// </summary>
[Trait("Suite", "Reliability")]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    private static readonly int Cycles = Scale.Pick(bounded: 20, @long: 100);
    private const int Workers = 6;

    /// <summary>The timeline event an acknowledged action must have left.</summary>
    private static readonly Dictionary<string, string[]> Evidence = new()
    {
        ["pay"] = ["order.paid"],
        ["cancel"] = ["order.cancelled-instantly", "order.cancelled"],
        ["request-cancellation"] = ["cancellation.requested"],
        ["approve-cancellation"] = ["cancellation.approved"],
        ["ship"] = ["order.shipped"],
        ["confirm-receipt"] = ["order.receipt-confirmed"],
    };

    /// <summary>Events that can happen at most once in an order's life.</summary>
    private static readonly string[] Once =
    [
        "order.placed", "order.paid", "payment.confirmed", "order.cancelled", "order.cancelled-instantly", "order.expired-unpaid", "cancellation.approved",
        "cancellation.auto-approved", "order.shipped", "order.closed-not-shipped", "order.receipt-confirmed", "order.receipt-auto-confirmed", "escrow.released",
    ];

    private sealed record Ack(long OrderId, string Action);

    /// <summary>What a cycle must have had acknowledged before it may be killed: an order placed and paid, and one action
    /// after payment (cancel, request, approve, ship or confirm) — so a cycle whose worker died or got nothing done cannot
    /// pass as "nothing lost".</summary>
    private static readonly (string Kind, int Minimum)[] PerCycle = [("placed", 2), ("pay", 2), ("after-payment", 1)];

    private static string KindOf(string action) => action is "placed" or "pay" ? action : "after-payment";

    /// <summary>Answers a client may see: 2xx, a refusal (4xx with a code), or 503 database.busy (SQLite's designed answer
    /// to a lock held too long, with Retry-After; counted in the summary). Anything else 5xx is a violation.</summary>
    private sealed class Answers
    {
        public int Busy;
        public readonly ConcurrentBag<string> ServerErrors = [];

        public async Task<HttpResponseMessage> SeeAsync(HttpResponseMessage response, string what)
        {
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == 503 && body.Contains("database.busy", StringComparison.Ordinal)) Interlocked.Increment(ref Busy);
                else ServerErrors.Add($"{what}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            }
            return response;
        }
    }

    private Dictionary<string, string> Settings() => Harness.Settings(_database, new Dictionary<string, string>
    {
        ["Souk:Sweeper:Interval"] = "00:00:00.250",
        ["Souk:Sweeper:BatchSize"] = "20",
    });

    [Fact]
    public async Task KilledAtRandomMoments_SoukLosesNoAcknowledgedAction_DoublesNoRefund_AndFiresEveryDueDeadlineOnce()
    {
        var random = new Random(926);
        var acks = new ConcurrentBag<Ack>();
        var violations = new List<string>();
        var started = DateTime.UtcNow;
        var killedWhileLoaded = 0;
        var answers = new Answers();

        // The cast, made once: they outlive every crash (tokens are signed with keys kept in the database).
        string sellerToken, buyerToken, adminToken;
        long listing, store, address;
        using (var first = await SoukProcess.StartAsync(Settings()))
        {
            sellerToken = await first.RegisterAndSignInAsync("seller", "seller@crash.souk");
            buyerToken = await first.RegisterAndSignInAsync("buyer", "buyer@crash.souk");
            adminToken = await first.SignInAsync(Harness.AdminEmail);
            var seller = first.Client(sellerToken);
            store = (await (await seller.PostAsJsonAsync("/api/stores", new { name = "Crash store" })).ExpectAsync(201))["id"]!.GetValue<long>();
            listing = (await (await seller.PostAsJsonAsync("/api/listings", Shop.ListingBody(handlingDays: 2, stock: 1_000_000))).ExpectAsync(201))["id"]!.GetValue<long>();
            address = await Harness.AddAddressAsync(first.Client(buyerToken));
        }

        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            var souk = await SoukProcess.StartAsync(Settings());
            try
            {
                // After a restart: what was acknowledged before the crash is there, and the deadlines due fire.
                violations.AddRange(await CheckAsync(souk, souk.Client(adminToken), souk.Client(buyerToken), acks, $"after restart {cycle}"));

                using var load = new CancellationTokenSource();
                var cycleAcks = new ConcurrentBag<Ack>();
                var workers = Enumerable.Range(0, Workers).Select(w => DriveAsync(souk, buyerToken, sellerToken, listing, store, address, cycleAcks,
                    answers, new Random(random.Next()), w == 0, load.Token)).ToList();
                // The kill comes at a random moment once the cycle has done real work: at least the minimum of each kind
                // acknowledged (a dead worker or a refusing server fails here instead of passing with nothing to lose).
                var waitedUntil = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                while (PerCycle.Any(k => cycleAcks.Count(a => KindOf(a.Action) == k.Kind) < k.Minimum) && DateTime.UtcNow < waitedUntil && !workers.All(w => w.IsCompleted))
                    await Task.Delay(50);
                var done = PerCycle.Select(k => (k.Kind, k.Minimum, Count: cycleAcks.Count(a => KindOf(a.Action) == k.Kind))).ToList();
                foreach (var (kind, minimum, count) in done.Where(d => d.Count < d.Minimum))
                    violations.Add($"cycle {cycle}: only {count} '{kind}' actions acknowledged before the kill (at least {minimum} required)");
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1_500)));
                // SIGKILL in the middle of the load: requests in flight, a sweep perhaps half done — of a process that is
                // still alive (one that died by itself would make the kill prove nothing).
                if (!souk.IsRunning) violations.Add($"cycle {cycle}: Souk had exited before the kill: {souk.Output[^Math.Min(500, souk.Output.Length)..]}");
                souk.KillHard();
                killedWhileLoaded++;
                await load.CancelAsync();
                await Task.WhenAll(workers.Select(async w => { try { await w; } catch (Exception) { /* the process is gone */ } }));
                foreach (var ack in cycleAcks) acks.Add(ack);
            }
            finally
            {
                souk.Dispose();
            }
        }

        using (var last = await SoukProcess.StartAsync(Settings()))
        {
            violations.AddRange(await CheckAsync(last, last.Client(adminToken), last.Client(buyerToken), acks, "after the last restart"));
            // Stock beside the money: every order placed (acknowledged or cut off by a kill) reserved its quantity once, and
            // those that ended unshipped gave it back once.
            var admin = last.Client(adminToken);
            var everyOrder = new List<JsonObject>();
            foreach (var row in await Harness.AllOrdersAsync(admin))
                everyOrder.Add(await (await admin.GetAsync($"/api/orders/{row["id"]!.GetValue<long>()}")).ExpectAsync(200));
            violations.AddRange(await Harness.StockViolationsAsync(admin, listing, 1_000_000, everyOrder));
            var ledger = await (await last.Client(adminToken).GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
            if (!ledger["balanced"]!.GetValue<bool>()) violations.Add("the ledger does not balance: " + ledger.ToJsonString());
        }

        violations.AddRange(answers.ServerErrors.Take(20));
        var summary = $"crash safety ({TestDatabase.Provider}): {Cycles} cycles killed with SIGKILL under load, {acks.Count} acknowledged actions " +
            $"({string.Join(", ", acks.GroupBy(a => a.Action).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; every cycle at least " +
            $"{string.Join(", ", PerCycle.Select(k => $"{k.Minimum} {k.Kind}"))}), {answers.ServerErrors.Count} 5xx answers, {answers.Busy} 503 database.busy, " +
            $"{violations.Count} violations (lost actions, doubled or missing refunds, deadlines not fired or fired twice), {(DateTime.UtcNow - started).TotalSeconds:F0} s";
        output.WriteLine(summary);
        Report.Write("crash-safety", summary);
        Assert.True(killedWhileLoaded == Cycles);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct().Take(40)));
    }

    /// <summary>A buyer and a seller at work: order and pay, cancel some at once, ask to cancel others, ship the rest;
    /// one worker also moves the clock so deadlines fall due while the others act.</summary>
    private static async Task DriveAsync(SoukProcess souk, string buyerToken, string sellerToken, long listing, long store, long address,
        ConcurrentBag<Ack> acks, Answers answers, Random random, bool movesTheClock, CancellationToken ct)
    {
        var buyer = souk.Client(buyerToken);
        var seller = souk.Client(sellerToken);
        var mine = new List<long>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (movesTheClock && random.Next(3) == 0)
                {
                    var by = random.Next(4) switch { 0 => "00:03:00", 1 => "01:00:00", 2 => "1.00:00:00", _ => "3.00:00:00" };
                    await answers.SeeAsync(await souk.Client().PostAsJsonAsync("/api/dev/clock", new { advance = by }, ct), "clock");
                    continue;
                }
                switch (random.Next(5))
                {
                    case 0 or 1:
                        // Checkout is one transaction: its 201 means the order exists with its stock reserved.
                        await answers.SeeAsync(await buyer.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 }, ct), "add to cart");
                        var placed = await answers.SeeAsync(await buyer.PostAsJsonAsync("/api/checkout",
                            new { addressId = address, shipping = new[] { new { storeId = store, method = Shop.StandardMethod } } }, ct), "checkout");
                        if (!placed.IsSuccessStatusCode) break;
                        var id = (await placed.Content.ReadFromJsonAsync<JsonObject>(ct))!["orders"]![0]!["id"]!.GetValue<long>();
                        acks.Add(new Ack(id, "placed"));
                        mine.Add(id);
                        if ((await answers.SeeAsync(await buyer.PostAsJsonAsync($"/api/orders/{id}/pay", new { method = "Card", account = "4242 4242 4242 4242" }, ct), "pay")).IsSuccessStatusCode)
                            acks.Add(new Ack(id, "pay"));
                        break;
                    case 2 when mine.Count > 0:
                        await ActAsync(buyer, mine[random.Next(mine.Count)], random.Next(2) == 0 ? "cancel" : "request-cancellation", acks, answers, ct);
                        break;
                    case 3 when mine.Count > 0:
                        await ActAsync(seller, mine[random.Next(mine.Count)], random.Next(3) == 0 ? "approve-cancellation" : "ship", acks, answers, ct);
                        break;
                    case 4 when mine.Count > 0:
                        await ActAsync(buyer, mine[random.Next(mine.Count)], "confirm-receipt", acks, answers, ct);
                        break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The process was killed under this request: its answer never came, so nothing was acknowledged.
                if (ct.IsCancellationRequested) return;
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task ActAsync(HttpClient client, long id, string action, ConcurrentBag<Ack> acks, Answers answers, CancellationToken ct)
    {
        var (path, body) = action switch
        {
            "cancel" => ("cancel", (object)new { reason = "NoLongerNeeded" }),
            "request-cancellation" => ("cancellation-request", new { reason = "ChangeOrder" }),
            "approve-cancellation" => ("cancellation-request/approve", new { }),
            "ship" => ("ship", new { carrier = "Poste", trackingNumber = "RR1" }),
            _ => ("confirm-receipt", new { }),
        };
        var response = await answers.SeeAsync(await client.PostAsJsonAsync($"/api/orders/{id}/{path}", body, ct), action);
        if (response.IsSuccessStatusCode) acks.Add(new Ack(id, action));
    }

    /// <summary>Every order against what was acknowledged, once the sweeper has had time to fire what is due.</summary>
    private static async Task<List<string>> CheckAsync(SoukProcess souk, HttpClient admin, HttpClient buyer, ConcurrentBag<Ack> acks, string when)
    {
        var violations = new List<string>();
        var ids = acks.Select(a => a.OrderId).Distinct().ToList();
        if (ids.Count == 0) return violations;

        // Deadlines due fire after the restart by the sweeper alone: the list is read without firing anything.
        var now = await Harness.NowAsync(souk);
        var overdue = await Harness.StillDueAsync(admin, now, TimeSpan.FromSeconds(10));
        if (overdue.Count > 0) violations.Add($"{when}: {overdue.Count} orders' deadlines due by {now:O} did not fire (e.g. {overdue[0]})");

        foreach (var id in ids)
        {
            var read = await admin.GetAsync($"/api/orders/{id}");
            if (!read.IsSuccessStatusCode)
            {
                violations.Add($"{when}: order {id} was acknowledged as placed but answers {(int)read.StatusCode}");
                continue;
            }
            var order = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
            var kinds = order["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
            foreach (var ack in acks.Where(a => a.OrderId == id && a.Action != "placed"))
                if (!kinds.Any(Evidence[ack.Action].Contains)) violations.Add($"{when}: order {id}: {ack.Action} was acknowledged but is not in its timeline");
            foreach (var kind in Once.Where(k => kinds.Count(x => x == k) > 1))
                violations.Add($"{when}: order {id}: {kind} happened {kinds.Count(x => x == kind)} times");
            var paid = order["payment"]?["amount"]?.GetValue<long>() ?? 0;
            var refunds = order["refunds"]!.AsArray();
            var refunded = refunds.Sum(r => r!["amount"]!.GetValue<long>());
            if (refunded > paid) violations.Add($"{when}: order {id}: refunded {refunded} of {paid}");
            var causes = refunds.Select(r => r!["cause"]!.GetValue<string>()).ToList();
            if (causes.Distinct().Count() != causes.Count) violations.Add($"{when}: order {id}: two refunds for one cause");
            if (kinds.Any(k => k is "order.cancelled-instantly" or "cancellation.approved" or "cancellation.auto-approved" or "order.closed-not-shipped") && refunded != paid)
                violations.Add($"{when}: order {id}: cancelled after payment but refunded {refunded} of {paid}");
            foreach (var refund in refunds)
            {
                var stages = order["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "refund.stage-changed"
                    && e["data"]?["refundCause"]?.GetValue<string>() == refund!["cause"]!.GetValue<string>())
                    .Select(e => e!["data"]?["stage"]?.GetValue<string>()).ToList();
                if (stages.Distinct().Count() != stages.Count) violations.Add($"{when}: order {id}: a refund stage fired twice ({string.Join(", ", stages)})");
            }
        }
        return violations;
    }
}
