using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Souk.Data;

namespace Souk.Bench;

/// <summary>
/// The full cancel flow over HTTP, many buyers at once: place (add to cart, check out) → pay → the payment review
/// passes (the sandbox answers after 1 s; the next change fires it) → request cancellation → the seller approves.
/// Each order makes five transitions — placed, paid, review passed, cancellation requested, cancelled with a refund —
/// in five requests (cart, checkout, pay, request, approve). Every worker is one buyer with its own listing (four
/// listings per seller, so no single stock row is the bottleneck) and never idles: while its paid orders wait for
/// the review and the instant-cancel window (1 s each), it places and pays new ones.
/// </summary>
public static class TransitionBench
{
    private const int ListingsPerSeller = 4;
    private static readonly TimeSpan ReadyAfter = TimeSpan.FromMilliseconds(1100);

    /// <param name="WorkingSetSamples">Souk's resident set every 5 s of the load (warm-up included), to tell growth from a plateau.</param>
    public sealed record Result(LoadResult Load, long PeakWorkingSet, long WorkingSetAtEnd, long OrdersCancelled, double SoukCpuSeconds,
        IReadOnlyList<(double Seconds, long Bytes)> WorkingSetSamples, long WorkingSetBeforeLoad, long WorkingSetAtStart,
        (long Anonymous, long Files, long Shared) KindsAtEnd);

    public static async Task<Result> RunAsync(string root, Databases databases, DatabaseProvider provider, BenchOptions options)
    {
        var connection = await databases.CreateAsync(provider, "transitions");
        try
        {
            await using var souk = await SoukProcess.StartAsync(root, provider, connection, "transitions", options.SoukSettings);
            using var client = Load.NewClient(souk.Address);
            var atStart = souk.Memory().Current;

            var workers = options.Concurrency;
            var sellers = (workers + ListingsPerSeller - 1) / ListingsPerSeller;
            var setup = Stopwatch.StartNew();
            var sellerTokens = new string[sellers];
            var storeIds = new long[sellers];
            var listingIds = new long[workers];
            await SoukApi.ForEachAsync(sellers, 4, async s =>
            {
                var (token, _) = await SoukApi.SignUpAsync(client, $"seller-{s}@bench.souk", "seller");
                sellerTokens[s] = token;
                storeIds[s] = await SoukApi.OpenStoreAsync(client, token, $"Bench store {s}");
                for (var l = 0; l < ListingsPerSeller && s * ListingsPerSeller + l < workers; l++)
                    listingIds[s * ListingsPerSeller + l] = await SoukApi.AddListingAsync(client, token, $"Bench teapot {s}-{l}", 1_000_000);
            });
            var buyerTokens = new string[workers];
            var addressIds = new long[workers];
            await SoukApi.ForEachAsync(workers, 4, async b =>
            {
                var (token, _) = await SoukApi.SignUpAsync(client, $"buyer-{b}@bench.souk", "buyer");
                buyerTokens[b] = token;
                addressIds[b] = await SoukApi.AddAddressAsync(client, token);
            });
            Console.WriteLine($"    set up {sellers} sellers, {workers} listings, {workers} buyers in {setup.Elapsed.TotalSeconds:0.0} s");

            long cancelled = 0;
            // Souk's CPU over the measured window only: sampled when the warm-up ends and when the load stops.
            var cpuAtWarm = Task.Delay(options.Warmup).ContinueWith(_ => souk.CpuTime(), TaskScheduler.Default);
            var before = souk.Memory().Current;
            var samples = new List<(double, long)>();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
                while (await timer.WaitForNextTickAsync(sampling.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
                    samples.Add((clock.Elapsed.TotalSeconds, souk.Memory().Current));
            });
            var load = await Load.RunAsync(workers, options.Warmup, options.LoadDuration, async (i, probe, ct) =>
            {
                var buyer = buyerTokens[i];
                var seller = sellerTokens[i / ListingsPerSeller];
                var storeId = storeIds[i / ListingsPerSeller];
                var cartBody = JsonSerializer.Serialize(new { listingId = listingIds[i], quantity = 1 });
                var checkoutBody = JsonSerializer.Serialize(new { addressId = addressIds[i], shipping = new[] { new { storeId, method = "standard" } } });
                const string payBody = """{"method":"Card","account":"4242 4242 4242 4242"}""";
                const string requestBody = """{"reason":"NoLongerNeeded"}""";
                var paid = new Queue<(long OrderId, long ReadyAt)>();
                while (!ct.IsCancellationRequested)
                {
                    if (paid.TryPeek(out var next) && Stopwatch.GetTimestamp() >= next.ReadyAt)
                    {
                        paid.Dequeue();
                        var (requested, _) = await probe.SendAsync(client, SoukApi.Post($"/api/orders/{next.OrderId}/cancellation-request", buyer, requestBody), "request-cancellation", ct);
                        if (requested != HttpStatusCode.OK) continue;
                        probe.Count(2); // the review answer fired first, then the request
                        var (approved, _) = await probe.SendAsync(client, SoukApi.Post($"/api/orders/{next.OrderId}/cancellation-request/approve", seller, "{}"), "approve-cancellation", ct);
                        if (approved != HttpStatusCode.OK) continue;
                        probe.Count(1);
                        Interlocked.Increment(ref cancelled);
                        continue;
                    }
                    var (added, _) = await probe.SendAsync(client, SoukApi.Post("/api/cart/items", buyer, cartBody), "add-to-cart", ct);
                    if (added != HttpStatusCode.OK) continue;
                    var (placed, body) = await probe.SendAsync(client, SoukApi.Post("/api/checkout", buyer, checkoutBody), "checkout", ct);
                    if (placed != HttpStatusCode.Created) continue;
                    probe.Count(1);
                    long orderId;
                    using (var doc = JsonDocument.Parse(body)) orderId = doc.RootElement.GetProperty("orders")[0].GetProperty("id").GetInt64();
                    var (payStatus, _) = await probe.SendAsync(client, SoukApi.Post($"/api/orders/{orderId}/pay", buyer, payBody), "pay", ct);
                    if (payStatus != HttpStatusCode.OK) continue;
                    probe.Count(1);
                    paid.Enqueue((orderId, Stopwatch.GetTimestamp() + (long)(ReadyAfter.TotalSeconds * Stopwatch.Frequency)));
                }
            });
            var cpu = souk.CpuTime() - await cpuAtWarm;
            var (peak, current) = souk.Memory();
            var kinds = souk.MemoryKinds();
            await sampling.CancelAsync();
            await sampler;
            return new Result(load, peak, current, cancelled, cpu.TotalSeconds, samples, before, atStart, kinds);
        }
        finally
        {
            await databases.DropAsync(provider, connection);
        }
    }
}
