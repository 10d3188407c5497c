using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Bench;

/// <summary>
/// The deadline sweep at scale: N paid, confirmed orders whose handling deadline passed a week ago, all made by the
/// domain (Order.Place → Pay → CatchUp at past times) and committed through <see cref="OrderWriter.AddNewAsync"/>.
/// Then <see cref="OrderWriter.FireDueAsync"/> — the sweeper's batch: claim, CatchUp, save, one transaction per batch
/// — runs until nothing is due, on several workers on PostgreSQL (FOR UPDATE SKIP LOCKED) and one on SQLite (one
/// writer). Each order closes not shipped, gets its refund, and that refund's two stages fire too (they are due as
/// well); its stock goes back to its listing. Verified by counting afterwards.
/// </summary>
public static class SweepBench
{
    private const int Stores = 10;
    private const int ListingsPerStore = 100;
    private const int SeedBatch = 1000;

    /// <summary>One sweep phase: how many workers, how many orders they closed in how long, and where the time went.</summary>
    public sealed record Phase(int Workers, int Swept, double Seconds, int FailedBatches, long Commands, double WaitingSeconds, double CpuSeconds,
        IReadOnlyDictionary<string, int> Failures)
    {
        public double OrdersPerSecond => Swept / Seconds;

        public string Profile =>
            $"{(double)Commands / Math.Max(1, Swept):0.0} SQL commands per order; waiting on the database {WaitingSeconds:0.0} s summed over the workers; " +
            $"the bench process (EF + domain) used {CpuSeconds:0.0} s of CPU in {Seconds:0.0} s ({CpuSeconds / Seconds:0.00} cores, {CpuSeconds * 1000 / Math.Max(1, Swept):0.00} ms per order)" +
            (Failures.Count == 0 ? "" : "; failed batches: " + string.Join(", ", Failures.Select(f => $"{f.Key} ×{f.Value}")));
    }

    public sealed record Result(int Orders, double SeedSeconds, IReadOnlyList<Phase> Phases, string Verified);

    public static Rulebook Rules { get; } = new(new Policy(), CancelReasonTable.Default, new RefundTimings());

    /// <summary>
    /// Seeds the due orders, then sweeps them in phases on the same backlog: one worker (what one Souk process's
    /// sweeper does), then — on PostgreSQL — several side by side (several Souk processes). Each phase runs until
    /// nothing is due or its time box is over; the last phase sweeps whatever the time box allows.
    /// </summary>
    public static async Task<Result> RunAsync(Databases databases, DatabaseProvider provider, BenchOptions options)
    {
        var connection = await databases.CreateAsync(provider, "sweep");
        try
        {
            var n = options.SweepOrders;
            var seed = Stopwatch.StartNew();
            await SeedAsync(provider, connection, n);
            seed.Stop();
            Console.WriteLine($"    seeded {n:N0} due orders through the domain in {seed.Elapsed.TotalSeconds:0.0} s ({Machine.LoadAverage()})");

            var phases = new List<Phase>();
            var workerCounts = provider == DatabaseProvider.Postgres && options.SweepWorkersPostgres > 1 ? new[] { 1, options.SweepWorkersPostgres } : [1];
            foreach (var workers in workerCounts)
            {
                if (await DueAsync(provider, connection) == 0) break;
                var phase = await SweepAsync(provider, connection, workers, options.SweepBatchSize, options.SweepTimeBox);
                Console.WriteLine($"    {workers} worker(s): {phase.Swept:N0} orders in {phase.Seconds:0.0} s = {phase.OrdersPerSecond:N0} orders/s, " +
                    $"{phase.FailedBatches} failed batches; {phase.Profile}");
                phases.Add(phase);
            }
            var verified = await VerifyAsync(provider, connection, n, phases.Sum(p => p.Swept));
            return new Result(n, seed.Elapsed.TotalSeconds, phases, verified);
        }
        finally
        {
            await databases.DropAsync(provider, connection);
        }
    }

    /// <summary>Runs <see cref="OrderWriter.FireDueAsync"/> on <paramref name="workers"/> workers until nothing is due or time is up.</summary>
    private static async Task<Phase> SweepAsync(DatabaseProvider provider, string connection, int workers, int batchSize, TimeSpan timeBox)
    {
        var failed = 0;
        var swept = 0;
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        CommandCounter.Instance.Reset();
        var cpuBefore = Machine.ProcessCpu();
        var clock = Stopwatch.StartNew();
        bool TimeLeft() => timeBox <= TimeSpan.Zero || clock.Elapsed < timeBox;
        do
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (TimeLeft())
                {
                    await using var db = Databases.Context(provider, connection);
                    var writer = new OrderWriter(db, TimeProvider.System, Rules);
                    try
                    {
                        var fired = await writer.FireDueAsync(batchSize);
                        if (fired.Count == 0) return;
                        Interlocked.Add(ref swept, fired.Count);
                    }
                    catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Npgsql.PostgresException)
                    {
                        // As the sweeper does: the batch rolled back, its orders stay due and are taken again.
                        Interlocked.Increment(ref failed);
                        failures.AddOrUpdate(Describe(e), 1, (_, count) => count + 1);
                    }
                }
            })));
        }
        // A worker that found nothing may have stopped while another's batch failed and rolled back: look again.
        while (TimeLeft() && await DueAsync(provider, connection) > 0);
        clock.Stop();
        return new Phase(workers, swept, clock.Elapsed.TotalSeconds, failed, CommandCounter.Instance.Commands,
            CommandCounter.Instance.Waiting.TotalSeconds, (Machine.ProcessCpu() - cpuBefore).TotalSeconds, failures);
    }

    /// <summary>What a failed batch ran into: a PostgreSQL error code, or a lost optimistic race on which entity.</summary>
    private static string Describe(Exception e) => e switch
    {
        DbUpdateConcurrencyException c => $"optimistic concurrency on {string.Join("+", c.Entries.Select(x => x.Metadata.ClrType.Name).Distinct())}",
        _ when e.GetBaseException() is Npgsql.PostgresException p => $"{p.SqlState} {p.MessageText}",
        _ => e.GetBaseException().GetType().Name,
    };

    private static async Task<int> DueAsync(DatabaseProvider provider, string connection)
    {
        await using var db = Databases.Context(provider, connection);
        var now = DateTimeOffset.UtcNow;
        return await db.Orders.CountAsync(o => o.NextDeadlineAt <= now);
    }

    /// <summary>Stores, listings and N orders, made by the domain verbs at past times and saved in batches.</summary>
    public static async Task SeedAsync(DatabaseProvider provider, string connection, int n)
    {
        await using (var db = Databases.Context(provider, connection)) await db.Database.MigrateAsync();

        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var listingOf = Enumerable.Range(0, n).Select(_ => random.Next(Stores * ListingsPerStore)).ToArray();
        var listings = new List<Listing>();
        await using (var db = Databases.Context(provider, connection))
        {
            var stores = Enumerable.Range(0, Stores).Select(s => new Store($"bench-seller-{s}", $"Bench store {s}", now.AddDays(-30))).ToList();
            db.Stores.AddRange(stores);
            await db.SaveChangesAsync();
            for (var i = 0; i < Stores * ListingsPerStore; i++)
            {
                var listing = new Listing(stores[i / ListingsPerStore].Id, new ListingDetails($"Bench teapot {i}", 1_000, "USD", Listing.MaxStock, 3,
                    [new ShippingOption("standard", "Standard post", 200, 20)]), now.AddDays(-30));
                listings.Add(listing);
            }
            db.Listings.AddRange(listings);
            // The stock every order below takes; the sweep gives it back.
            foreach (var g in listingOf.GroupBy(l => l)) listings[g.Key].Reserve(g.Count());
            await db.SaveChangesAsync();
        }

        var start = now.AddDays(-10);
        for (var from = 0; from < n; from += SeedBatch)
        {
            await using var db = Databases.Context(provider, connection);
            var writer = new OrderWriter(db, TimeProvider.System, Rules);
            var orders = new List<Order>();
            for (var k = from; k < Math.Min(n, from + SeedBatch); k++)
            {
                // Handling is due three days after confirmation — a week before now.
                var order = PaidOrder(listings[listingOf[k]], $"bench-buyer-{k % 1000}", start.AddMilliseconds(k), $"sbx-bench-{k}");
                if (order.State != OrderState.AwaitingShipment || order.NextDeadlineAt > now)
                    throw new InvalidOperationException($"seed order {k} is {order.State}, next deadline {order.NextDeadlineAt}");
                orders.Add(order);
            }
            await writer.AddNewAsync(orders);
        }
    }

    /// <summary>
    /// One order of <paramref name="listing"/> placed at <paramref name="placedAt"/> by the domain, paid by card a minute
    /// later and confirmed when the review answer fires, five minutes after that: awaiting shipment, handling due
    /// the listing's handling days later.
    /// </summary>
    public static Order PaidOrder(Listing listing, string buyer, DateTimeOffset placedAt, string paymentReference)
    {
        var order = Order.Place(buyer, listing.StoreId, "USD",
            [new OrderLine(listing.Id, listing.Title, listing.PriceMinor, 1, listing.HandlingDays, 20)], 200, Address(), "standard", placedAt, Rules);
        var paidAt = placedAt.AddMinutes(1);
        order.Pay(Actor.Buyer(buyer), new PaymentSubmission(PaymentMethod.Card, "card •••• 4242", paymentReference, ReviewAnswer.Approved,
            paidAt.AddMinutes(5)), paidAt, Rules);
        order.CatchUp(paidAt.AddMinutes(10), Rules);
        return order;
    }

    /// <summary>Each order owns its copy of the address (an owned value cannot be shared).</summary>
    public static ShippingAddress Address() => new("Bench Buyer", "1 Market Street", null, "Springfield", "12345", "US", "+1 555 0100");

    /// <summary>Every swept order closed, not shipped, with exactly one full refund that has reached Refunded, its stock back; the rest still due.</summary>
    private static async Task<string> VerifyAsync(DatabaseProvider provider, string connection, int n, int swept)
    {
        await using var db = Databases.Context(provider, connection);
        var closed = await db.Orders.CountAsync(o => o.State == OrderState.Completed && o.Outcome == OrderOutcome.ClosedNotShipped
            && o.MoneyState == MoneyState.Refunded && o.NextDeadlineAt == null);
        var oneRefund = await db.Orders.CountAsync(o => o.Refunds.Count() == 1
            && o.Refunds.All(r => r.Cause == "closed-not-shipped" && r.Stage == RefundStage.Refunded && r.AmountMinor == o.ItemsTotalMinor + o.ShippingTotalMinor));
        var refunds = await db.Set<Refund>().CountAsync();
        var untouched = await db.Orders.CountAsync(o => o.State == OrderState.AwaitingShipment && !o.Refunds.Any() && o.NextDeadlineAt != null);
        var stock = await db.Listings.SumAsync(l => (long)l.Stock);
        var expectedStock = (long)Stores * ListingsPerStore * Listing.MaxStock - (n - swept);
        var ok = closed == swept && oneRefund == swept && refunds == swept && untouched == n - swept && stock == expectedStock;
        var text = $"{closed:N0} of {n:N0} closed not shipped and refunded, {oneRefund:N0} with exactly one full refund (stage Refunded), {refunds:N0} refunds in all, " +
            $"{untouched:N0} still awaiting shipment and due{(swept < n ? " (time box over)" : "")}, stock of the swept orders {(stock == expectedStock ? "back on the listings" : $"off by {expectedStock - stock}")}";
        if (!ok) throw new InvalidOperationException($"Sweep verification failed ({swept:N0} swept): " + text);
        return text;
    }
}
