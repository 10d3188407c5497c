using System.Diagnostics;
using Souk.Bench;
using Souk.Data;

// Souk's benchmark (issue 3): every comparison is a ratio measured in this run. See bench/README.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or HelpRequested)
{
    if (e is not HelpRequested) Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return e is HelpRequested ? 0 : 2;
}

var root = FindRoot();
var total = Stopwatch.StartNew();
Console.WriteLine($"Souk.Bench {(options.Quick ? "--quick" : "full")}: providers {string.Join(", ", options.Providers)}, " +
    $"concurrency {options.Concurrency}, loads {options.LoadDuration.TotalSeconds:0} s after {options.Warmup.TotalSeconds:0} s warm-up, " +
    $"{Environment.ProcessorCount} cores");

var rows = new List<Row>();
var details = new List<string>();
var interrupted = 0;
try
{
    await using (var databases = await Databases.OpenAsync(root, options))
    {
        // Ctrl+C: kill the Souk processes and stop the throw-away cluster (a daemon: it would outlive the bench).
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            if (Interlocked.Exchange(ref interrupted, 1) == 1) return;
            Console.Error.WriteLine("Interrupted: stopping Souk and the throw-away PostgreSQL cluster.");
            SoukProcess.KillAll();
            databases.StopClusterNow();
            Environment.Exit(130);
        };
        foreach (var provider in options.Providers)
        {
            var name = provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
            LoadResult? baseline = null;
            if (options.Runs("transitions") || options.Runs("floors") || options.Runs("sweep"))
            {
                Console.WriteLine($"[{name}] baseline: one single-row UPDATE per request, {options.Concurrency} workers… ({Machine.LoadAverage()})");
                var connection = await databases.CreateAsync(provider, "baseline");
                try
                {
                    baseline = await Baseline.RunAsync(provider, connection, options);
                }
                finally
                {
                    await databases.DropAsync(provider, connection);
                }
                Console.WriteLine($"    {baseline.Describe()}");
                rows.Add(new Row(name, "Baseline: single-row UPDATE per request", Report.Rate(baseline, "req")));
            }

            if (options.Runs("floors"))
            {
                // What a transition cannot be cheaper than (Floors.cs), so the target can be read against the room it leaves.
                foreach (var (label, measure) in new (string, Func<DatabaseProvider, string, BenchOptions, Task<LoadResult>>)[]
                {
                    ("Floor: the SQL of a transition by hand (lock + read, update, insert; 2 round trips)", Floors.HandWrittenSqlAsync),
                    ("Floor: Souk's commit step with nothing to change (lock, load, version, commit)", Floors.EmptyCommitStepAsync),
                })
                {
                    Console.WriteLine($"[{name}] {label}… ({Machine.LoadAverage()})");
                    var connection = await databases.CreateAsync(provider, "floor");
                    LoadResult floor;
                    try
                    {
                        floor = await measure(provider, connection, options);
                    }
                    finally
                    {
                        await databases.DropAsync(provider, connection);
                    }
                    Console.WriteLine($"    {floor.Describe()}");
                    rows.Add(new Row(name, label, Report.Rate(floor, "req"), Report.N(baseline!.UnitsPerSecond) + " req/s", Report.X(floor.UnitsPerSecond / baseline.UnitsPerSecond)));
                }
            }

            if (options.Runs("transitions"))
            {
                Console.WriteLine($"[{name}] transitions: the cancel flow over HTTP, {options.Concurrency} buyers… ({Machine.LoadAverage()})");
                var t = await TransitionBench.RunAsync(root, databases, provider, options);
                Console.WriteLine($"    {t.Load.Describe()}; {Report.N(t.Load.UnitsPerSecond)} transitions/s, {t.OrdersCancelled:N0} orders through the whole flow");
                if (t.Load.ErrorSamples.Count > 0) Console.WriteLine("    errors: " + string.Join("\n            ", t.Load.ErrorSamples));
                var ratio = t.Load.UnitsPerSecond / baseline!.UnitsPerSecond;
                var postgres = provider == DatabaseProvider.Postgres;
                rows.Add(new Row(name, "Transitions/s, cancel flow", Report.Rate(t.Load, "transitions") + (t.Load.ErrorCount > 0 ? $", {t.Load.ErrorCount:N0} errors" : ""),
                    Report.N(baseline.UnitsPerSecond) + " req/s", Report.X(ratio), postgres ? "≥ 0.50×" : "(PostgreSQL only)",
                    postgres ? Report.Met(ratio >= 0.5) : ""));
                rows.Add(new Row(name, "Peak working set of Souk, transition load", Report.Mb(t.PeakWorkingSet), "", "", "≤ 300 MB", Report.Met(t.PeakWorkingSet <= 300L * 1024 * 1024)));
                details.Add($"""
                    {name} transition load: {t.Load.Describe()}.
                    {Report.N(t.Load.UnitsPerSecond)} transitions/s; {t.OrdersCancelled:N0} orders went through the whole flow. Souk used {t.SoukCpuSeconds:0.0} s of CPU
                    in the {t.Load.Seconds:0} s measured ({t.SoukCpuSeconds * 1000 / Math.Max(1, t.Load.Units):0.00} ms CPU per transition, {t.SoukCpuSeconds / t.Load.Seconds:0.00} cores);
                    Working set just after start-up {Report.Mb(t.WorkingSetAtStart)}, after the set-up (sign-ups, stores, listings) {Report.Mb(t.WorkingSetBeforeLoad)}; every 5 s of the load {string.Join(", ", t.WorkingSetSamples.Select(w => Report.Mb(w.Bytes)))};
                    at the end {Report.Mb(t.WorkingSetAtEnd)} ({Report.Mb(t.KindsAtEnd.Anonymous)} anonymous, {Report.Mb(t.KindsAtEnd.Files)} mapped files, {Report.Mb(t.KindsAtEnd.Shared)} shared), peak (VmHWM) {Report.Mb(t.PeakWorkingSet)}.
                    Errors: {(t.Load.Errors.Count == 0 ? "none" : string.Join(", ", t.Load.Errors.Select(e => $"{e.Key} ×{e.Value}")))}.

                    {Report.Steps(t.Load)}
                    """);
            }

            if (options.Runs("sweep"))
            {
                Console.WriteLine($"[{name}] sweep: {options.SweepOrders:N0} orders past their handling deadline… ({Machine.LoadAverage()})");
                var s = await SweepBench.RunAsync(databases, provider, options);
                Console.WriteLine($"    {s.Verified}");
                foreach (var phase in s.Phases)
                {
                    var ratio = phase.OrdersPerSecond / baseline!.UnitsPerSecond;
                    var what = phase.Workers == 1 ? "1 worker, as one Souk process sweeps" : $"{phase.Workers} workers side by side, SKIP LOCKED";
                    rows.Add(new Row(name, $"Sweep rate, backlog of {options.SweepOrders:N0} due orders ({what}; batch {options.SweepBatchSize})",
                        $"{Report.N(phase.OrdersPerSecond)} orders/s ({phase.Swept:N0} in {phase.Seconds:0} s{(phase.FailedBatches > 0 ? $", {phase.FailedBatches} batches failed and retried" : "")})",
                        Report.N(baseline.UnitsPerSecond) + " req/s", Report.X(ratio), "≥ 1.00×", Report.Met(ratio >= 1)));
                }
                if (provider == DatabaseProvider.Postgres)
                {
                    // What the sweep target leaves room for: the same rows written by hand, set-based (Floors.SweepSqlAsync).
                    var connection = await databases.CreateAsync(provider, "sweepfloor");
                    try
                    {
                        var (floorSwept, floorSeconds) = await Floors.SweepSqlAsync(connection, options.SweepOrders, options.SweepBatchSize, options.LoadDuration);
                        var rate = floorSwept / floorSeconds;
                        Console.WriteLine($"    floor: the sweep's rows by hand, set-based: {floorSwept:N0} orders in {floorSeconds:0.0} s = {rate:N0} orders/s");
                        rows.Add(new Row(name, $"Floor: a swept order's rows by hand, set-based SQL (ruled out for Souk; batch {options.SweepBatchSize})",
                            $"{Report.N(rate)} orders/s ({floorSwept:N0} in {floorSeconds:0} s)", Report.N(baseline!.UnitsPerSecond) + " req/s", Report.X(rate / baseline.UnitsPerSecond)));
                    }
                    finally
                    {
                        await databases.DropAsync(provider, connection);
                    }
                }
                details.Add($"{name} sweep: {s.Orders:N0} orders seeded through the domain in {s.SeedSeconds:0} s. " +
                    string.Join(" ", s.Phases.Select(p => $"{p.Workers} worker(s): {p.Swept:N0} orders in {p.Seconds:0.0} s, {p.FailedBatches} failed batches; {p.Profile}.")) +
                    $" Verified: {s.Verified}.");
            }

            if (options.Runs("sql"))
            {
                Console.WriteLine($"[{name}] SQL per request of one cancel flow (EF Core command log)…");
                var steps = await SqlProfile.RunAsync(root, databases, provider, options);
                details.Add($"{name}: SQL commands and transactions per request of one cancel flow (a second flow, after a first one warmed up):\n\n{SqlProfile.Describe(steps)}");
            }

            if (options.Runs("list"))
            {
                Console.WriteLine($"[{name}] list: first page of My Orders for a buyer with {options.ListBuyerOrders:N0} orders… ({Machine.LoadAverage()})");
                var l = await ListBench.RunAsync(root, databases, provider, options);
                var small = l.Sizes[0];
                var large = l.Sizes[1];
                rows.Add(new Row(name, $"My Orders first page, {small.TotalOrders:N0} orders in the database", $"p99 {Report.Ms(small.Load.P99)} (p50 {Report.Ms(small.Load.P50)})"));
                var ratio = large.Load.P99 / small.Load.P99;
                rows.Add(new Row(name, $"My Orders first page, {large.TotalOrders:N0} orders in the database", $"p99 {Report.Ms(large.Load.P99)} (p50 {Report.Ms(large.Load.P50)})",
                    $"p99 {Report.Ms(small.Load.P99)} at {small.TotalOrders:N0}", Report.X(ratio), "≤ 1.30×", Report.Met(ratio <= 1.3)));
                details.Add($"{name} list ({options.ListRequests:N0} requests at concurrency {options.ListConcurrency} per size, in {options.ListRounds} alternating rounds " +
                    "after 300 warm-up requests each): " +
                    string.Join("; ", l.Sizes.Select(z => $"{z.TotalOrders:N0} orders: {z.Load.Describe()} (set up in {z.SeedSeconds:0} s)")) + "." +
                    $"\n\nThe page's query on the {large.TotalOrders:N0}-order database:\n\n```\n{l.Plan}\n```");
            }
        }
    }

    }
catch when (Volatile.Read(ref interrupted) == 1)
{
    // The part that was running lost its database; the Ctrl+C handler is cleaning up and ends the process.
    Thread.Sleep(Timeout.Infinite);
}

Console.WriteLine();
Console.WriteLine($"Souk.Bench results ({(options.Quick ? "--quick" : "full")}, {Environment.ProcessorCount} cores, {total.Elapsed.TotalMinutes:0.0} min, " +
    $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; arguments: {(args.Length == 0 ? "none" : string.Join(' ', args))}; {Machine.LoadAverage()} at the end):");
Console.WriteLine();
Console.WriteLine(Report.Table(rows));
foreach (var d in details) Console.WriteLine(d + Environment.NewLine);
return 0;

static string FindRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) return dir.FullName;
    throw new InvalidOperationException("Run the bench inside the Souk repository (Souk.slnx not found).");
}
