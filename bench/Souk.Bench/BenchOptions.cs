using Souk.Data;

namespace Souk.Bench;

/// <summary>The command line: which providers, which PostgreSQL, how big.</summary>
public sealed record BenchOptions
{
    public IReadOnlyList<DatabaseProvider> Providers { get; init; } = [DatabaseProvider.Postgres, DatabaseProvider.Sqlite];
    public string? Postgres { get; init; }
    public bool Quick { get; init; }

    /// <summary>Concurrent HTTP workers of the baseline and the transition load (the same for both).</summary>
    public int Concurrency { get; init; } = 32;

    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// The uncounted start of every load. A freshly started .NET process keeps recompiling its hot code at a higher tier
    /// for about a minute of this load on 2 cores (a profile of Souk 40 s into the load still spent 13 % of its CPU in
    /// the JIT; per transition it used 4.1 ms of CPU after 40 s, 2.6 ms after 60 s and 2.4 ms after 100 s), and the
    /// bench process's baseline endpoint speeds up the same way. A marketplace's processes run for days, so the loads
    /// are measured once that has settled.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(90);
    public int SweepOrders { get; init; } = 100_000;
    public int SweepBatchSize { get; init; } = 100;

    /// <summary>How long each sweep phase may run; zero sweeps until nothing is due.</summary>
    public TimeSpan SweepTimeBox { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Parallel sweep workers on PostgreSQL (FOR UPDATE SKIP LOCKED); SQLite has one writer, so one.</summary>
    public int SweepWorkersPostgres { get; init; } = 2;

    public int ListBuyerOrders { get; init; } = 10_000;
    public int ListSmall { get; init; } = 10_000;
    public int ListLarge { get; init; } = 1_000_000;
    public int ListRequests { get; init; } = 2_000;
    public int ListRounds { get; init; } = 4;
    public int ListConcurrency { get; init; } = 8;

    /// <summary>Which parts to run: transitions, floors, sweep, list (the default), and sql (the SQL profile of one flow, on request).</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string> { "transitions", "floors", "sweep", "list" };

    /// <summary>Extra settings for the Souk process (KEY=VALUE environment variables), for diagnosis only.</summary>
    public IReadOnlyDictionary<string, string> SoukSettings { get; init; } = new Dictionary<string, string>();

    public const string Usage = """
        Souk.Bench — load and scale measurements of Souk (see bench/README.md)

          dotnet run -c Release --project bench/Souk.Bench -- [options]

          --provider postgres|sqlite|both   which databases (default both)
          --postgres "<connection string>"  a PostgreSQL server whose role may create databases
                                            (default: a throw-away cluster via scripts/postgres.sh, stopped at the end)
          --quick                           small sizes: 10 s loads after 30 s warm-up, 10,000 sweep orders,
                                            lists of 1,000 / 100,000
          --only transitions,floors,sweep,list
                                            run only these parts (default: all four); "sql" lists the SQL commands
                                            each request of one cancel flow sends (a profile, not in the table)
          --concurrency N                   HTTP workers for the baseline and the transition load (default 32)
          --duration SECONDS                measured length of each load (default 30, quick 10)
          --warmup SECONDS                  uncounted start of each load (default 90, quick 30)
          --sweep-orders N                  orders due for the sweep (default 100000)
          --sweep-batch N                   orders per sweep transaction (default 100, Souk's Sweeper:BatchSize)
          --sweep-workers N                 parallel sweep workers in PostgreSQL's second phase (default 2)
          --sweep-time-box SECONDS          length of each sweep phase (default 90, quick 20; 0 = until nothing is due)
          --list-large N                    the large database size for the list cost (default 1000000)
          --souk-setting KEY=VALUE          an extra environment variable for the Souk process (diagnosis; repeatable)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        if (args.Contains("--quick"))
            o = o with
            {
                Quick = true, LoadDuration = TimeSpan.FromSeconds(10), Warmup = TimeSpan.FromSeconds(30), SweepOrders = 10_000, SweepTimeBox = TimeSpan.FromSeconds(20),
                ListBuyerOrders = 1_000, ListSmall = 1_000, ListLarge = 100_000, ListRequests = 1_000,
            };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--provider":
                    o = o with
                    {
                        Providers = Next().ToLowerInvariant() switch
                        {
                            "postgres" => [DatabaseProvider.Postgres],
                            "sqlite" => [DatabaseProvider.Sqlite],
                            "both" => [DatabaseProvider.Postgres, DatabaseProvider.Sqlite],
                            var p => throw new ArgumentException($"--provider {p}: postgres, sqlite or both"),
                        },
                    };
                    break;
                case "--postgres": o = o with { Postgres = Next() }; break;
                case "--only": o = o with { Parts = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() }; break;
                case "--concurrency": o = o with { Concurrency = int.Parse(Next()) }; break;
                case "--duration": o = o with { LoadDuration = TimeSpan.FromSeconds(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)) }; break;
                case "--warmup": o = o with { Warmup = TimeSpan.FromSeconds(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)) }; break;
                case "--sweep-orders": o = o with { SweepOrders = int.Parse(Next()) }; break;
                case "--sweep-batch": o = o with { SweepBatchSize = int.Parse(Next()) }; break;
                case "--sweep-workers": o = o with { SweepWorkersPostgres = int.Parse(Next()) }; break;
                case "--list-large": o = o with { ListLarge = int.Parse(Next()) }; break;
                case "--sweep-time-box": o = o with { SweepTimeBox = TimeSpan.FromSeconds(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)) }; break;
                case "--souk-setting":
                    var setting = Next().Split('=', 2);
                    if (setting.Length != 2) throw new ArgumentException("--souk-setting KEY=VALUE");
                    o = o with { SoukSettings = new Dictionary<string, string>(o.SoukSettings) { [setting[0]] = setting[1] } };
                    break;
                case "-h" or "--help": throw new HelpRequested();
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return o;
    }

    public bool Runs(string part) => Parts.Contains(part);
}

public sealed class HelpRequested : Exception;
