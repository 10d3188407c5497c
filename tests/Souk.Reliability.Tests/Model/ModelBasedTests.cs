using System.Diagnostics;
using CsCheck;
using Souk.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Souk.Reliability.Tests.Model;

/// <summary>
/// Figure 4 of issue 7: random histories of one order — every buyer and seller command of its life, the admin's
/// investigation of its store, and the clock moving by minutes to months — run against the reference model
/// (<see cref="ReferenceOrder"/>, the spec written plainly), against Souk's domain, and against Souk over HTTP on a real
/// database. After every step all three must agree on whether the command took effect and on what the order then is
/// (state, outcome, money, amount refunded, deleted mark, cancellation request, dispute, frozen mark); the domain and
/// the API must refuse with the same code. CsCheck generates the histories and, on a divergence, shrinks it to a
/// shortest history that still diverges and prints it with the seed that reproduces it.
/// </summary>
[Trait("Suite", "Reliability")]
public sealed class ModelBasedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int DomainHistories = Scale.Pick(bounded: 5_000, @long: 100_000);
    private static readonly int ApiHistories = Scale.Pick(bounded: 100, @long: 2_000);

    // Clock moves that land on the rules' edges: the instant-cancel window (2 min), the payment review (5 min, 24 h),
    // the seller's answer (48 h), handling (3 days), dispute windows (5 and 15 days), delivery (20 days).
    private static readonly TimeSpan[] Waits =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(3), TimeSpan.FromDays(5), TimeSpan.FromDays(15),
        TimeSpan.FromDays(20), TimeSpan.FromDays(60),
    ];

    // Half the steps take a command the model allows at that moment (so histories get far: shipping, disputes,
    // deletion; the store's investigation commands on one pick in eight), a third move the clock, the rest send any command at all — mostly refusals, which must agree too.
    // Shrinking moves each toward its simplest form (pick 0, the shortest wait, the first command).
    private static readonly Gen<Step> OneStep = Gen.Frequency(
        (5, Gen.Int[0, 7].Select(pick => new Step(Command.Wait, TimeSpan.Zero, pick))),
        (3, Gen.Int[0, Waits.Length - 1].Select(i => new Step(Command.Wait, Waits[i]))),
        (2, Gen.Int[0, (int)Command.Wait - 1].Select(c => new Step((Command)c, TimeSpan.Zero))));

    private static readonly Gen<Step[]> Histories = OneStep.Array[1, 30];

    private static string Print(Step[] steps) => string.Join(", ", steps);

    private static Step Do(Command command) => new(command, TimeSpan.Zero);

    private static Step Wait(TimeSpan by) => new(Command.Wait, by);

    /// <summary>
    /// One fixed history per outcome (and per rarer end of the small states), run before the random ones: every run
    /// checks every outcome against the model, whatever the random histories happen to reach. (A hundred random API
    /// histories reach a dispute refunded in full only in most runs, not all.)
    /// </summary>
    private static readonly Step[][] Landmarks =
    [
        [Do(Command.Cancel)],
        [Wait(TimeSpan.FromDays(20))],
        [Do(Command.PayDeclined), Wait(TimeSpan.FromMinutes(5))],
        [Do(Command.PaySilent), Wait(TimeSpan.FromDays(1))],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(1)), Do(Command.Cancel)],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Wait(TimeSpan.FromDays(3))],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.RequestCancellation), Wait(TimeSpan.FromDays(2))],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.RequestCancellation), Do(Command.RefuseCancellation),
            Do(Command.RequestCancellation), Do(Command.ApproveCancellation), Do(Command.Delete), Do(Command.Restore)],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.RequestCancellation), Do(Command.Ship), Wait(TimeSpan.FromDays(20)),
            Wait(TimeSpan.FromDays(15))],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.Ship), Wait(TimeSpan.FromDays(5)), Do(Command.OpenDispute),
            Do(Command.AcceptDispute)],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.Ship), Wait(TimeSpan.FromDays(5)), Do(Command.OpenDispute),
            Do(Command.WithdrawDispute), Do(Command.ConfirmReceipt), Do(Command.Delete), Do(Command.DeletePermanently)],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Wait(TimeSpan.FromDays(2)), Do(Command.RequestCancellation), Wait(TimeSpan.FromDays(5))],
        // The seed's story (issue 15): refused, shipped anyway, disputed at once; receipt waits for the dispute.
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.RequestCancellation), Do(Command.RefuseCancellation), Do(Command.Ship),
            Do(Command.OpenDispute), Do(Command.OpenDisputeSellerDidNotAgree), Do(Command.ConfirmReceipt), Do(Command.WithdrawDispute), Do(Command.ConfirmReceipt)],
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.Ship), Wait(TimeSpan.FromDays(5)), Do(Command.OpenDisputeSellerDidNotAgree),
            Do(Command.OpenDispute), Do(Command.ConfirmReceipt), Do(Command.AcceptDispute)],
        // A received order waiting for its escrow release is frozen: not deleted, not released; blocked → annulled, refunded.
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.Ship), Do(Command.ConfirmReceipt), Do(Command.Investigate),
            Do(Command.Delete), Wait(TimeSpan.FromDays(20)), Do(Command.BlockStore), Do(Command.Delete)],
        // Cleared: the release waits the frozen time longer, and so does the late-dispute window.
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.Ship), Do(Command.ConfirmReceipt), Do(Command.Investigate),
            Wait(TimeSpan.FromDays(5)), Do(Command.ClearStore), Wait(TimeSpan.FromDays(14)), Do(Command.OpenDispute), Do(Command.WithdrawDispute),
            Wait(TimeSpan.FromDays(1))],
        // Frozen before shipping: the handling deadline waits; blocked with a cancellation request open; unpaid is annulled too.
        [Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.RequestCancellation), Do(Command.Investigate), Do(Command.Cancel),
            Do(Command.ApproveCancellation), Wait(TimeSpan.FromDays(5)), Do(Command.BlockStore)],
        [Do(Command.Investigate), Do(Command.PayApproved), Wait(TimeSpan.FromMinutes(5)), Do(Command.BlockStore), Do(Command.Investigate)],
    ];

    private SoukApp? _souk;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _souk?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The model and the domain alone: fast, so many histories. (No database: it runs in the SQLite pass only.)</summary>
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task TheDomainFollowsTheModel()
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally();
        await RunHistoriesAsync(DomainHistories, history => CompareAsync(history, SoukApp.Start, tally, new DomainOrder(SoukApp.Start)));
        Finish("domain", DomainHistories, tally, clock.Elapsed, EveryCorner);
    }

    /// <summary>The model, the domain and Souk's HTTP API on a real database (SQLite or PostgreSQL, as the run says).</summary>
    [Fact]
    public async Task TheApiFollowsTheModel()
    {
        var clock = Stopwatch.StartNew();
        _souk = new SoukApp(settings: new Dictionary<string, string?>
        {
            ["Souk:Sandbox:ReviewDelay"] = Purchase.ReviewDelay.ToString("c"),
            // Every history places a new order for the one buyer; most are left unpaid or let expire.
            ["Souk:Policy:MaxUnpaidOrders"] = "1000000",
            ["Souk:Policy:UnpaidExpiryBlockThreshold"] = "1000000",
        });
        // A history may leave the store investigated (closed as cleared afterwards) or blocked (the next one gets a new store).
        async Task<(HttpClient Seller, long Store, long Listing)> StoreAsync()
        {
            var seller = await _souk.SignUpAsync("seller");
            var store = await Shop.OpenStoreAsync(seller);
            var listing = await Shop.AddListingAsync(seller, Purchase.HandlingDays, price: Purchase.PriceMinor, stock: 1_000_000,
                deliveryDays: Purchase.DeliveryDays);
            return (seller, store, listing);
        }
        var shop = await StoreAsync();
        var buyer = await _souk.SignUpAsync("buyer");
        var admin = await _souk.AdminAsync();
        var anonymous = _souk.CreateClient();
        var tally = new Tally();
        async Task RunAsync(Step[] history)
        {
            var id = await Shop.PlaceOrderAsync(_souk, buyer, shop.Listing);
            var placedAt = (await (await anonymous.GetAsync("/api/dev/clock")).ExpectAsync(200))["now"]!.GetValue<DateTimeOffset>();
            var api = new ApiOrder(buyer, shop.Seller, admin, anonymous, id, shop.Store);
            try
            {
                await CompareAsync(history, placedAt, tally, new DomainOrder(placedAt), api);
            }
            finally
            {
                if (api.StoreBlocked) shop = await StoreAsync();
                else await api.CloseLeftoverInvestigationAsync();
            }
        }

        await RunHistoriesAsync(ApiHistories, RunAsync);
        Finish("api", ApiHistories, tally, clock.Elapsed, EveryCorner);
    }

    /// <summary>The fixed histories, then <paramref name="random"/> generated ones, each run by <paramref name="run"/> and shrunk on failure.</summary>
    private static async Task RunHistoriesAsync(int random, Func<Step[], Task> run)
    {
        foreach (var landmark in Landmarks) await ShrunkOnFailureAsync(landmark, run);
        await Histories.SampleAsync(steps => ShrunkOnFailureAsync(steps, run), iter: random, threads: 1, print: Print);
    }

    /// <summary>
    /// Runs the history; when it diverges, shrinks it before failing: drops one step at a time (on fresh orders) as long
    /// as the shorter history still diverges, so the failure shows a history where every step matters. (CsCheck shrinks
    /// too, by searching for smaller failing samples; this makes the printed example short even when those are rare.)
    /// </summary>
    private static async Task ShrunkOnFailureAsync(Step[] steps, Func<Step[], Task> run)
    {
        Exception failure;
        try
        {
            await run(steps);
            return;
        }
        catch (Xunit.Sdk.XunitException diverged)
        {
            failure = diverged;
        }
        var shortest = steps;
        for (var i = 0; i < shortest.Length;)
        {
            Step[] shorter = [.. shortest[..i], .. shortest[(i + 1)..]];
            try
            {
                await run(shorter);
                i++; // this step is needed for the divergence
            }
            catch (Xunit.Sdk.XunitException diverged)
            {
                shortest = shorter;
                failure = diverged;
            }
        }
        throw new Xunit.Sdk.XunitException($"Shortest diverging history ({shortest.Length} of {steps.Length} steps): {Print(shortest)}\n{failure.Message}");
    }

    /// <summary>Runs one history on the model and the subjects side by side; the first disagreement throws, naming the step.</summary>
    private static async Task CompareAsync(Step[] steps, DateTimeOffset placedAt, Tally tally, params IOrderUnderTest[] subjects)
    {
        var model = new ReferenceOrder(Purchase.Terms, placedAt);
        var done = new List<string>();
        foreach (var planned in steps)
        {
            var step = planned;
            if (planned.Pick is { } pick)
            {
                var allowed = model.Allowed();
                // The store's commands are nearly always allowed; taking them only on one pick in eight keeps most of a
                // history on the order's own life (and the API run cheap: an investigated store is replaced).
                if (pick != 7) allowed = [.. allowed.Where(c => !IsStoreCommand(c))];
                step = allowed.Count == 0 ? new Step(Command.Wait, TimeSpan.FromMinutes(1)) : new Step(allowed[pick % allowed.Count], TimeSpan.Zero);
            }
            if (step.Command == Command.Wait)
            {
                model.Advance(step.Wait);
                foreach (var subject in subjects) await subject.AdvanceAsync(step.Wait);
                done.Add(step.ToString());
            }
            else
            {
                var expected = model.Apply(step.Command);
                model.Advance(TimeSpan.Zero);
                var codes = new List<string?>();
                foreach (var subject in subjects)
                {
                    var refusal = await subject.ApplyAsync(step.Command);
                    codes.Add(refusal);
                    if ((refusal is null) != expected)
                        Diverged(done, step, $"the model says it {(expected ? "takes effect" : "is refused")}; {Name(subject)} "
                            + (refusal is null ? "took it" : $"refused it ({refusal})"));
                }
                // The API refuses a permanently deleted order as not found (it is gone for the buyer); the domain names the rule.
                if (codes is [var domain, var api] && domain != api && !(api == "order.not-found" && domain == "order.permanently-deleted"))
                    Diverged(done, step, $"the domain refused with {domain}, the API with {api}");
                done.Add(step + (expected ? "" : $" (refused: {codes[0]})"));
                tally.Count(step.Command, expected);
            }
            var want = model.Observe();
            foreach (var subject in subjects)
            {
                var got = await subject.ObserveAsync();
                if (got != want) Diverged(done, null, $"the model says {want}; {Name(subject)} is {got}");
            }
            tally.Reached(want);
        }
    }

    private static bool IsStoreCommand(Command c) => c is Command.Investigate or Command.ClearStore or Command.BlockStore;

    private static string Name(IOrderUnderTest subject) => subject is ApiOrder ? "the API" : "the domain";

    private static void Diverged(List<string> done, Step? step, string what) =>
        throw new Xunit.Sdk.XunitException($"After [{string.Join(", ", done)}]{(step is null ? "" : $", at {step}")}: {what}");

    private static readonly string[] EveryOutcome =
        ["Received", "CancelledByBuyer", "ExpiredUnpaid", "PaymentFailed", "ClosedNotShipped", "RefundedInDispute", "Annulled"];

    /// <summary>Every outcome, and each small state's rarer ends; the many domain histories must reach them all.</summary>
    private static readonly string[] EveryCorner =
    [
        .. EveryOutcome, "money ReleasedToSeller", "cancellation Approved", "cancellation AutoApproved", "cancellation Refused",
        "cancellation SupersededByShipment", "cancellation ClosedByDeadline", "dispute Settled", "dispute Withdrawn", "deleted Deleted", "deleted Gone",
        "frozen",
    ];

    private void Finish(string subjects, int histories, Tally tally, TimeSpan took, string[] mustReach)
    {
        var line = $"model-based ({subjects}): {Landmarks.Length} fixed and {histories:N0} random histories, {tally.Steps:N0} commands ({tally.Accepted:N0} took effect), "
            + $"reached: {string.Join(", ", tally.Outcomes.Order())}; 0 divergences, {took.TotalSeconds:N0} s";
        output.WriteLine(line);
        Report.Write($"model-{subjects}", line);
        // The generator must reach the far ends of an order's life, or agreement proves little.
        Assert.Superset(mustReach.ToHashSet(), tally.Outcomes);
    }

    private sealed class Tally
    {
        public int Steps, Accepted;
        public readonly HashSet<string> Outcomes = [];

        public void Count(Command command, bool accepted)
        {
            Steps++;
            if (accepted) Accepted++;
        }

        public void Reached(Observation o)
        {
            if (o.Outcome is { } outcome) Outcomes.Add(outcome);
            Outcomes.Add("money " + o.Money);
            Outcomes.Add("deleted " + o.Deleted);
            if (o.Cancellation is { } cancellation) Outcomes.Add("cancellation " + cancellation);
            if (o.Dispute is { } dispute) Outcomes.Add("dispute " + dispute);
            if (o.Frozen) Outcomes.Add("frozen");
        }
    }
}
