using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Souk.Reliability.Tests.Time;

/// <summary>
/// Figure 9 of issue 7, the clock part: orders in every waiting state (unpaid, in review, awaiting shipment with and
/// without a cancellation request, shipped, in dispute), then Souk's clock jumps 400 days at once while its sweeper
/// runs, and jumps again. The sweeper must catch up — every deadline fired, each once, in time order, every order
/// finished, every refund through its stages once — and the ledger must balance.
/// </summary>
[Trait("Suite", "Reliability")]
public sealed class ClockJumpTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    private static readonly int OrdersPerState = Scale.Pick(bounded: 25, @long: 150);

    private static readonly string[] Once =
    [
        "order.placed", "order.paid", "payment.confirmed", "order.cancelled", "order.cancelled-instantly", "order.expired-unpaid", "cancellation.requested",
        "cancellation.approved", "cancellation.auto-approved", "order.shipped", "order.closed-not-shipped", "order.receipt-confirmed",
        "order.receipt-auto-confirmed", "escrow.released", "dispute.opened", "dispute.settled", "dispute.escalated-automatically", "dispute.accepted-by-silence",
    ];

    private Dictionary<string, string> Settings() => Harness.Settings(_database, new Dictionary<string, string>
    {
        ["Souk:Sweeper:Interval"] = "00:00:00.200",
        ["Souk:Sweeper:BatchSize"] = "25",
        ["Souk:Sandbox:ReviewDelay"] = "00:00:00",
        ["Souk:Policy:InstantCancelWindow"] = "00:00:00",
        ["Souk:Policy:DisputeOpensAfterShipment"] = "00:00:00",
        ["Souk:Policy:MaxUnpaidOrders"] = "100000",
        ["Souk:Policy:UnpaidExpiryBlockThreshold"] = "100000",
    });

    [Fact]
    public async Task ALongJump_TheSweeperCatchesUp_EveryDeadlineOnceAndInOrder_AndTheMoneyBalances()
    {
        var started = DateTime.UtcNow;
        using var souk = await SoukProcess.StartAsync(Settings());
        var seller = souk.Client(await souk.RegisterAndSignInAsync("seller", "seller@jump.souk"));
        var buyer = souk.Client(await souk.RegisterAndSignInAsync("buyer", "buyer@jump.souk"));
        var admin = souk.Client(await souk.SignInAsync(Harness.AdminEmail));
        var store = (await (await seller.PostAsJsonAsync("/api/stores", new { name = "Jump" })).ExpectAsync(201))["id"]!.GetValue<long>();
        var listing = (await (await seller.PostAsJsonAsync("/api/listings", Shop.ListingBody(handlingDays: 3, stock: 1_000_000))).ExpectAsync(201))["id"]!.GetValue<long>();
        var address = await Harness.AddAddressAsync(buyer);

        async Task<long> PlaceAsync()
        {
            await (await buyer.PostAsJsonAsync("/api/cart/items", new { listingId = listing, quantity = 1 })).ExpectAsync(200);
            var placed = await (await buyer.PostAsJsonAsync("/api/checkout",
                new { addressId = address, shipping = new[] { new { storeId = store, method = Shop.StandardMethod } } })).ExpectAsync(201);
            return placed["orders"]![0]!["id"]!.GetValue<long>();
        }
        async Task ActAsync(HttpClient who, long id, string path, object body) =>
            await (await who.PostAsJsonAsync($"/api/orders/{id}/{path}", body)).ExpectAsync(200);

        // Every waiting state, each with its own deadline ahead, and where the rules say it must end.
        var ids = new List<long>();
        var expected = new Dictionary<long, string>();
        for (var i = 0; i < OrdersPerState; i++)
        {
            var unpaid = await PlaceAsync();
            ids.Add(unpaid);                                                                // unpaid: the payment window
            expected[unpaid] = "unpaid";
            var paid = await PlaceAsync();
            await ActAsync(buyer, paid, "pay", new { method = "Card", account = "4242 4242 4242 4242" });
            ids.Add(paid);                                                                  // awaiting shipment: handling time
            expected[paid] = "paid";
            var asked = await PlaceAsync();
            await ActAsync(buyer, asked, "pay", new { method = "EWallet", account = "wallet-1" });
            await ActAsync(buyer, asked, "cancellation-request", new { reason = "ChangeOrder" });
            ids.Add(asked);                                                                 // a request the seller never answers
            expected[asked] = "asked";
            var shipped = await PlaceAsync();
            await ActAsync(buyer, shipped, "pay", new { method = "Card", account = "4242 4242 4242 4242" });
            await ActAsync(seller, shipped, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
            ids.Add(shipped);                                                               // shipped: buyer protection
            expected[shipped] = "shipped";
            var disputed = await PlaceAsync();
            await ActAsync(buyer, disputed, "pay", new { method = "Phone", account = "+21612345678" });
            await ActAsync(seller, disputed, "ship", new { carrier = "Poste", trackingNumber = "RR2" });
            await ActAsync(buyer, disputed, "dispute", new { reason = "NotAsDescribed", comment = "Broken", amountMinor = 500, withReturn = false });
            ids.Add(disputed);                                                              // a dispute the seller never answers
            expected[disputed] = "disputed";
        }

        // 400 days in one jump, then more jumps on top while the sweeper is still catching up.
        var jumps = new[] { TimeSpan.FromDays(400), TimeSpan.FromDays(1), TimeSpan.FromDays(30) };
        foreach (var jump in jumps)
        {
            // Without sweeping: the clock moves and the background sweeper alone must catch up, as after an outage.
            await Harness.AdvanceAsync(souk, jump, sweep: false);
            await Task.Delay(300);
        }
        var now = await Harness.NowAsync(souk);

        var violations = new List<string>();
        // The sweeper alone catches up (the list fires nothing): nothing may be left due.
        var open = await Harness.StillDueAsync(admin, now, TimeSpan.FromSeconds(30));
        if (open.Count > 0) violations.Add($"{open.Count} orders still had a deadline due after 30 s (e.g. {open[0]})");

        var finals = new ConcurrentDictionary<string, int>();
        var read = new List<JsonObject>();
        foreach (var id in ids)
        {
            var order = await (await admin.GetAsync($"/api/orders/{id}")).ExpectAsync(200);
            read.Add(order);
            var timeline = order["timeline"]!.AsArray().Select(e => (At: e!["at"]!.GetValue<DateTimeOffset>(), Kind: e["kind"]!.GetValue<string>(), Data: e["data"])).ToList();
            var kinds = timeline.Select(e => e.Kind).ToList();
            foreach (var kind in Once.Where(k => kinds.Count(x => x == k) > 1)) violations.Add($"order {id}: {kind} fired {kinds.Count(x => x == kind)} times");
            for (var i = 1; i < timeline.Count; i++)
                if (timeline[i].At < timeline[i - 1].At)
                    violations.Add($"order {id}: {timeline[i].Kind} at {timeline[i].At:O} recorded after {timeline[i - 1].Kind} at {timeline[i - 1].At:O}");
            if (order["state"]!.GetValue<string>() != "Completed") violations.Add($"order {id}: still {order["state"]} after 431 days");
            finals.AddOrUpdate($"{order["outcome"]}", 1, (_, n) => n + 1);

            var paid = order["payment"]?["amount"]?.GetValue<long>() ?? 0;
            var refunds = order["refunds"]!.AsArray();
            foreach (var wrong in WrongEnd(expected[id], order, kinds, paid)) violations.Add($"order {id} ({expected[id]}): {wrong}");
            if (refunds.Sum(r => r!["amount"]!.GetValue<long>()) > paid) violations.Add($"order {id}: refunded more than paid");
            foreach (var refund in refunds)
            {
                var cause = refund!["cause"]!.GetValue<string>();
                var stages = timeline.Where(e => e.Kind == "refund.stage-changed" && e.Data?["refundCause"]?.GetValue<string>() == cause)
                    .Select(e => e.Data?["stage"]?.GetValue<string>()).ToList();
                if (stages.Distinct().Count() != stages.Count) violations.Add($"order {id}: refund {cause} went through a stage twice: {string.Join(", ", stages)}");
                if (refund["stage"]!.GetValue<string>() != "Refunded" && refund["destination"]?.GetValue<string>() != "PlatformBalance")
                    violations.Add($"order {id}: refund {cause} still {refund["stage"]} after 431 days");
            }
        }
        // Stock beside the money: what the finished orders kept, once each (the cancelled and closed gave theirs back).
        violations.AddRange(await Harness.StockViolationsAsync(admin, listing, 1_000_000, read));
        var ledger = await (await admin.GetAsync("/api/admin/ledger/check")).ExpectAsync(200);
        if (!ledger["balanced"]!.GetValue<bool>()) violations.Add("the ledger does not balance: " + ledger.ToJsonString());

        var summary = $"clock jumps ({TestDatabase.Provider}): {ids.Count} orders in 5 waiting states, jumps of {string.Join(" + ", jumps.Select(j => $"{j.TotalDays} d"))}, " +
            $"caught up by the sweeper alone; outcomes {string.Join(", ", finals.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))}; " +
            $"{violations.Count} violations, {(DateTime.UtcNow - started).TotalSeconds:F0} s";
        output.WriteLine(summary);
        Report.Write("clock-jumps", summary);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct().Take(40)));
    }

    /// <summary>
    /// Where each waiting state must end after the jumps, by the rules (spec §3): not only "completed", but the outcome
    /// and the money of that outcome. Returns what is wrong, nothing when the order ended as it must.
    /// </summary>
    private static IEnumerable<string> WrongEnd(string state, JsonObject order, List<string> kinds, long paid)
    {
        var outcome = order["outcome"]?.GetValue<string>();
        var money = order["moneyState"]!.GetValue<string>();
        var refunds = order["refunds"]!.AsArray().Select(r => (Cause: r!["cause"]!.GetValue<string>(), Amount: r["amount"]!.GetValue<long>(),
            Done: r["stage"]!.GetValue<string>() == "Refunded" || r["destination"]?.GetValue<string>() == "PlatformBalance")).ToList();
        var refunded = refunds.Where(r => r.Done).Sum(r => r.Amount);
        switch (state)
        {
            case "unpaid":
                if (outcome != "ExpiredUnpaid") yield return $"outcome {outcome}, expected ExpiredUnpaid";
                if (refunds.Count > 0) yield return $"{refunds.Count} refunds of an order never paid";
                break;
            case "paid":
                if (outcome != "ClosedNotShipped") yield return $"outcome {outcome}, expected ClosedNotShipped";
                if (refunded != paid || money != "Refunded") yield return $"refunded {refunded} of {paid} ({money}), expected a full refund";
                break;
            case "asked":
                if (!kinds.Contains("cancellation.auto-approved")) yield return "the unanswered cancellation request was not approved by the seller's silence";
                if (order["cancellationRequest"]?["status"]?.GetValue<string>() != "AutoApproved")
                    yield return $"cancellation request {order["cancellationRequest"]?["status"]}, expected AutoApproved";
                if (outcome != "CancelledByBuyer") yield return $"outcome {outcome}, expected CancelledByBuyer";
                if (refunded != paid || money != "Refunded") yield return $"refunded {refunded} of {paid} ({money}), expected a full refund";
                break;
            case "shipped":
                if (outcome != "Received") yield return $"outcome {outcome}, expected Received (receipt confirmed automatically)";
                if (!kinds.Contains("order.receipt-auto-confirmed")) yield return "receipt was not confirmed automatically";
                if (money != "ReleasedToSeller" || !kinds.Contains("escrow.released")) yield return $"money {money}, expected the escrow released to the seller";
                if (refunds.Count > 0) yield return $"{refunds.Count} refunds of an order nobody disputed";
                break;
            case "disputed":
                if (!kinds.Contains("dispute.accepted-by-silence")) yield return "the unanswered dispute was not accepted by the seller's silence";
                if (refunds.Count(r => r.Cause == "dispute") != 1 || refunds.Single(r => r.Cause == "dispute") is var d && (d.Amount != 500 || !d.Done))
                    yield return $"refunds {string.Join(", ", refunds.Select(r => $"{r.Cause} {r.Amount} done={r.Done}"))}, expected one dispute refund of 500, refunded";
                if (order["dispute"]?["status"]?.GetValue<string>() is { } status && status != "Settled") yield return $"dispute {status}, expected Settled";
                break;
        }
    }
}
