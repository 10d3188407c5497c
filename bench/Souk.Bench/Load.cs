using System.Diagnostics;
using System.Net;

namespace Souk.Bench;

/// <summary>
/// The load generator: N workers in this process, each looping over its own script against one shared
/// <see cref="HttpClient"/> until the time is up. The first <c>warmup</c> is not counted; after it every request's
/// latency (send → whole body read) is recorded by the worker's <see cref="Probe"/>.
/// </summary>
public static class Load
{
    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Runs <paramref name="worker"/> on <paramref name="workers"/> workers for warmup + duration.</summary>
    public static async Task<LoadResult> RunAsync(int workers, TimeSpan warmup, TimeSpan duration, Func<int, Probe, CancellationToken, Task> worker)
    {
        var clock = Stopwatch.StartNew();
        var from = warmup;
        var until = warmup + duration;
        using var stop = new CancellationTokenSource(until);
        var probes = Enumerable.Range(0, workers).Select(_ => new Probe(clock, from, until)).ToList();
        var tasks = probes.Select((probe, i) => Task.Run(async () =>
        {
            try
            {
                await worker(i, probe, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        })).ToList();
        await Task.WhenAll(tasks);
        return LoadResult.Of(probes, duration);
    }

    /// <summary>Sends a fixed number of requests on N workers; returns the workers' probes and the time taken.</summary>
    public static async Task<(List<Probe> Probes, TimeSpan Elapsed)> RunCountProbesAsync(int workers, int requests, Func<Probe, Task> request)
    {
        var clock = Stopwatch.StartNew();
        var probes = Enumerable.Range(0, workers).Select(_ => new Probe(clock, TimeSpan.Zero, TimeSpan.MaxValue)).ToList();
        var left = requests;
        await Task.WhenAll(probes.Select(probe => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0) await request(probe);
        })));
        return (probes, clock.Elapsed);
    }

    /// <summary>Sends a fixed number of requests (after <paramref name="warmupRequests"/> uncounted ones) on N workers.</summary>
    public static async Task<LoadResult> RunCountAsync(int workers, int warmupRequests, int requests, Func<Probe, Task> request)
    {
        var clock = Stopwatch.StartNew();
        var warm = new Probe(clock, TimeSpan.MaxValue, TimeSpan.MaxValue);
        var left = warmupRequests;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0) await request(warm);
        })));
        var start = clock.Elapsed;
        var probes = Enumerable.Range(0, workers).Select(_ => new Probe(clock, TimeSpan.Zero, TimeSpan.MaxValue)).ToList();
        left = requests;
        await Task.WhenAll(probes.Select(probe => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0) await request(probe);
        })));
        return LoadResult.Of(probes, clock.Elapsed - start);
    }
}

/// <summary>One worker's recorder: latencies per step, errors by status, and a counter of units of work.</summary>
public sealed class Probe(Stopwatch clock, TimeSpan from, TimeSpan until)
{
    public List<double> Latencies { get; } = new(capacity: 16_384);
    public Dictionary<string, List<double>> ByStep { get; } = [];
    public Dictionary<string, int> Errors { get; } = [];
    public List<string> ErrorSamples { get; } = [];
    public long Units { get; private set; }

    private bool Counting => clock.Elapsed >= from && clock.Elapsed < until;

    /// <summary>Sends, reads the whole body, records the latency; returns the status and the body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpRequestMessage request, string step, CancellationToken ct = default)
    {
        var started = clock.Elapsed;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var ended = clock.Elapsed;
        if (started >= from && ended < until)
        {
            var ms = (ended - started).TotalMilliseconds;
            Latencies.Add(ms);
            if (!ByStep.TryGetValue(step, out var list)) ByStep[step] = list = [];
            list.Add(ms);
            if (!response.IsSuccessStatusCode)
            {
                var key = $"{step} {(int)response.StatusCode}";
                Errors[key] = Errors.GetValueOrDefault(key) + 1;
                if (ErrorSamples.Count < 5) ErrorSamples.Add($"{key}: {(body.Length > 300 ? body[..300] : body)}");
            }
        }
        return (response.StatusCode, body);
    }

    /// <summary>Counts finished units of work (order transitions, sweep orders) while the measured window is open.</summary>
    public void Count(long units)
    {
        if (Counting) Units += units;
    }
}

public sealed record LoadResult(long Requests, long Units, double Seconds, double P50, double P99, double Max,
    IReadOnlyDictionary<string, (int Count, double Mean, double P50, double P99)> Steps, IReadOnlyDictionary<string, int> Errors, IReadOnlyList<string> ErrorSamples)
{
    public double RequestsPerSecond => Requests / Seconds;
    public double UnitsPerSecond => Units / Seconds;
    public long ErrorCount => Errors.Values.Sum();

    public static LoadResult Of(IReadOnlyList<Probe> probes, TimeSpan duration)
    {
        var all = probes.SelectMany(p => p.Latencies).ToArray();
        Array.Sort(all);
        var steps = probes.SelectMany(p => p.ByStep).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g =>
        {
            var xs = g.SelectMany(kv => kv.Value).ToArray();
            Array.Sort(xs);
            return (xs.Length, xs.Average(), Percentile(xs, 0.50), Percentile(xs, 0.99));
        });
        var errors = probes.SelectMany(p => p.Errors).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return new LoadResult(all.Length, probes.Sum(p => p.Units), duration.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99),
            all.Length == 0 ? double.NaN : all[^1], steps, errors, probes.SelectMany(p => p.ErrorSamples).Take(5).ToList());
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Describe() =>
        $"{Requests:N0} requests in {Seconds:0.0} s = {RequestsPerSecond:N0}/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0} ms, errors {ErrorCount:N0}";
}
