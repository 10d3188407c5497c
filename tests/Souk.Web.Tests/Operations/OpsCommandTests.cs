using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Data;
using Souk.Web.Infrastructure;
using Souk.Web.Operations;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>
/// The operations commands against a real fresh database (SQLite, or PostgreSQL when SOUK_TEST_POSTGRES is set),
/// called through their entry point with the arguments an operator would type and their output captured; the
/// ledger check also runs through the real executable, as a cron job would.
/// </summary>
public sealed class OpsCommandTests
{
    private sealed record Result(int Code, string Out, string Error)
    {
        public override string ToString() => $"exit {Code}{Environment.NewLine}stdout: {Out}{Environment.NewLine}stderr: {Error}";
    }

    private static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SoukCommands.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>The configuration switches that point a command at a test database.</summary>
    private static string[] On(string database) =>
        ["--Souk:Database:Provider", TestDatabase.Provider, "--ConnectionStrings:Souk", TestDatabase.ConnectionString(database)];

    private static Dictionary<string, string> Settings(string database) => new()
    {
        ["Souk:Database:Provider"] = TestDatabase.Provider,
        ["ConnectionStrings:Souk"] = TestDatabase.ConnectionString(database),
    };

    [Fact]
    public async Task Help_UnknownCommandsAndBadOptions_AreSentencesWithTheirExitCodes_NeverStackTraces()
    {
        var overview = await RunAsync("--help");
        Assert.Equal(ExitCodes.Ok, overview.Code);
        foreach (var command in SoukCommands.All)
        {
            Assert.Contains(command.Name, overview.Out);
            var help = await RunAsync(command.Name, "--help");
            Assert.True(help.Code == ExitCodes.Ok, help.ToString());
            Assert.Contains($"dotnet Souk.Web.dll {command.Name}", help.Out);
            Assert.Contains("Exit codes:", help.Out);
        }

        var bad = new[]
        {
            (new[] { "frobnicate" }, "Unknown command 'frobnicate'"),
            (["check-ledger", "--verbose"], "Unknown option --verbose"),
            (["check-ledger", "--format", "xml"], "--format must be text or json"),
            (["export-orders"], "--buyer is required"),
            (["export-orders", "--buyer"], "--buyer needs a value"),
            (["backup"], "--to is required"),
            (["seed-demo", "--force=yes"], "--force takes no value"),
            (["migrate", "extra"], "Unexpected argument 'extra'"),
        };
        foreach (var (args, sentence) in bad)
        {
            var result = await RunAsync(args);
            Assert.True(result.Code == ExitCodes.Usage, $"{string.Join(' ', args)}: {result}");
            Assert.Contains(sentence, result.Error);
            Assert.DoesNotContain("   at ", result.Error);
        }

        // A configuration the server would refuse to start with is refused the same way, as a usage error.
        var badPolicy = await RunAsync("check-ledger", "--Souk:Policy:PaymentWindow", "-1.00:00:00");
        Assert.True(badPolicy.Code == ExitCodes.Usage, badPolicy.ToString());
        Assert.Contains("Souk:Policy:PaymentWindow", badPolicy.Error);
        Assert.DoesNotContain("   at ", badPolicy.Error);
    }

    [Fact]
    public async Task Migrate_CreatesAndMigratesAFreshDatabase_AndTheSecondRunAppliesNothing()
    {
        var database = TestDatabase.NewName();
        try
        {
            var first = await RunAsync(["migrate", .. On(database)]);
            Assert.True(first.Code == ExitCodes.Ok, first.ToString());
            Assert.Contains("Applied ", first.Out);
            Assert.Contains("_Initial", first.Out);

            var second = await RunAsync(["migrate", .. On(database)]);
            Assert.True(second.Code == ExitCodes.Ok, second.ToString());
            Assert.DoesNotContain("Applied ", second.Out);
            Assert.Contains("up to date", second.Out);

            // Souk starts on the database the command prepared.
            using var app = new SoukApp(database);
            await app.SignUpAsync("buyer");
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    [Fact]
    public async Task CommandsThatRead_OnAMissingDatabase_Exit3_AndCreateNothing()
    {
        var database = TestDatabase.NewName();
        try
        {
            foreach (var command in new[] { "check-ledger", "seed-demo" })
            {
                var result = await RunAsync([command, .. On(database)]);
                Assert.True(result.Code == ExitCodes.DatabaseUnavailable, $"{command}: {result}");
                Assert.DoesNotContain("   at ", result.Error);
            }
            if (!TestDatabase.IsPostgres) Assert.False(File.Exists(TestDatabase.SqlitePath(database)));
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    [Fact]
    public async Task SeedDemo_FillsAnEmptyDatabase_RefusesOneWithData_AndForceNeverDuplicatesTheCatalogue()
    {
        var database = TestDatabase.NewName();
        try
        {
            Assert.Equal(ExitCodes.Ok, (await RunAsync(["migrate", .. On(database)])).Code);
            var seeded = await RunAsync(["seed-demo", .. On(database)]);
            Assert.True(seeded.Code == ExitCodes.Ok, seeded.ToString());
            Assert.Contains(DemoData.BuyerEmail, seeded.Out);

            var again = await RunAsync(["seed-demo", .. On(database)]);
            Assert.True(again.Code == ExitCodes.Problem, again.ToString());
            Assert.Contains("already has data", again.Error);
            Assert.Contains("--force", again.Error);

            var forced = await RunAsync(["seed-demo", "--force", .. On(database)]);
            Assert.True(forced.Code == ExitCodes.Ok, forced.ToString());

            using var app = new SoukApp(database);
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
                Assert.Equal(3, await db.Stores.CountAsync());
                Assert.Equal(8, await db.Listings.CountAsync());
            }
            // The demo buyer signs in with the published password and finds the seeded address.
            var buyer = await app.SignInAsync(DemoData.BuyerEmail, DemoData.Password);
            await Shop.AddressOfAsync(buyer);
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    [Fact]
    public async Task CheckLedger_PassesAfterRealOrders_AndFailsWithExit1OnATamperedLedger_AlsoAsAProcess()
    {
        using var app = new SoukApp();
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        var buyer = await app.SignUpAsync("buyer");
        var kept = await Shop.PlaceOrderAsync(app, buyer, listing);
        var cancelled = await Shop.PlaceOrderAsync(app, buyer, listing);
        await buyer.Pay(kept);
        await buyer.Pay(cancelled);
        await buyer.ActOk(cancelled, "cancel", new { reason = "NoLongerNeeded" });

        var balanced = await RunAsync(["check-ledger", .. On(app.Database)]);
        Assert.True(balanced.Code == ExitCodes.Ok, balanced.ToString());
        Assert.Contains("Balanced", balanced.Out);
        Assert.Contains("step 5 of 5", balanced.Error);
        var json = await RunAsync(["check-ledger", "--format", "json", .. On(app.Database)]);
        Assert.True(json.Code == ExitCodes.Ok, json.ToString());
        var result = JsonNode.Parse(json.Out)!;
        Assert.True(result["balanced"]!.GetValue<bool>());
        Assert.True(result["entries"]!.GetValue<int>() >= 6, json.Out);

        // The fault to detect: money that appeared in an order's escrow from nowhere, written behind the domain's back.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SoukDbContext>().Database.ExecuteSqlRawAsync(
                "INSERT INTO \"LedgerEntry\" (\"TransactionKey\", \"Account\", \"Party\", \"AmountMinor\", \"Currency\", \"At\", \"OrderId\") "
                + "VALUES ('tampered', 'Escrow', 'order', 500, 'USD', 0, {0})", kept);

        var unbalanced = await RunAsync(["check-ledger", .. On(app.Database)]);
        Assert.True(unbalanced.Code == ExitCodes.Problem, unbalanced.ToString());
        Assert.Contains("NOT BALANCED", unbalanced.Out);
        Assert.Contains($"order {kept}: transaction 'tampered' (USD) sums to 500 instead of 0", unbalanced.Out);
        Assert.Contains("currency USD sums to 500 instead of 0", unbalanced.Out);

        // The real executable, configured through environment variables as a cron job would be.
        var process = await SoukProcess.RunCommandAsync(["check-ledger"], Settings(app.Database));
        Assert.True(process.ExitCode == ExitCodes.Problem, $"exit {process.ExitCode}: {process.Out} {process.Error}");
        Assert.Contains($"order {kept}: transaction 'tampered'", process.Out);
    }

    [Fact]
    public async Task ExportOrders_HoldsExactlyThatBuyersOrders_AsJsonAndAsCsv()
    {
        using var app = new SoukApp();
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        var ada = $"ada-{Guid.NewGuid():N}@test.souk";
        var buyer = await app.SignUpAsync("buyer", ada);
        var other = await app.SignUpAsync("buyer");
        var paid = await Shop.PlaceOrderAsync(app, buyer, listing, quantity: 2);
        await buyer.Pay(paid);
        await buyer.ActOk(paid, "cancel", new { reason = "NoLongerNeeded" });
        var unpaid = await Shop.PlaceOrderAsync(app, buyer, listing);
        var someoneElses = await Shop.PlaceOrderAsync(app, other, listing);
        long[] adas = [paid, unpaid];

        var json = await RunAsync(["export-orders", "--buyer", ada, .. On(app.Database)]);
        Assert.True(json.Code == ExitCodes.Ok, json.ToString());
        var export = JsonNode.Parse(json.Out)!;
        Assert.Equal(ada, export["buyer"]!.GetValue<string>());
        var orders = export["orders"]!.AsArray();
        Assert.Equal(adas, orders.Select(o => o!["id"]!.GetValue<long>()).Order().ToArray());
        Assert.Equal(2, export["orderCount"]!.GetValue<int>());
        var exported = orders.Single(o => o!["id"]!.GetValue<long>() == paid)!;
        Assert.Equal(2, exported["lines"]![0]!["quantity"]!.GetValue<int>());
        Assert.Equal("Card", exported["payment"]!["method"]!.GetValue<string>());
        Assert.Single(exported["refunds"]!.AsArray());
        Assert.Contains("order.placed", exported["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal("Ada Buyer", exported["address"]!["name"]!.GetValue<string>());

        var file = Path.Combine(Path.GetTempPath(), $"souk-export-{Guid.NewGuid():N}.csv");
        try
        {
            var csv = await RunAsync(["export-orders", "--buyer", ada, "--format", "csv", "--out", file, .. On(app.Database)]);
            Assert.True(csv.Code == ExitCodes.Ok, csv.ToString());
            Assert.Equal("", csv.Out);
            var rows = await File.ReadAllLinesAsync(file);
            Assert.Equal("order_id,record,at,item,quantity,amount_minor,currency,status,detail", rows[0]);
            var cells = rows.Skip(1).Select(r => r.Split(',')).ToList();
            Assert.Equal(adas, cells.Select(c => long.Parse(c[0])).Distinct().Order().ToArray());
            Assert.DoesNotContain(cells, c => c[0] == someoneElses.ToString());
            Assert.Equal(["event", "line", "order", "payment", "refund"], cells.Select(c => c[1]).Distinct().Order().ToArray());
            Assert.Equal(2, cells.Count(c => c[1] == "order"));
        }
        finally
        {
            File.Delete(file);
        }

        var nobody = await RunAsync(["export-orders", "--buyer", "nobody@test.souk", .. On(app.Database)]);
        Assert.True(nobody.Code == ExitCodes.Problem, nobody.ToString());
        Assert.Contains("No account has the email nobody@test.souk", nobody.Error);
    }

    /// <summary>
    /// Every command through the real executable in the environments operators use: Development is what <c>dotnet run</c>
    /// and launchSettings.json give, and there the service provider validates every registration at build time (a
    /// background loop registered without its metrics once made every command exit 2 there).
    /// </summary>
    [Fact]
    public async Task EveryCommand_RunsThroughTheRealExecutable_InDevelopmentAndProduction()
    {
        // The two environments on their own databases at once: each step is a process start, and they are independent.
        await Task.WhenAll(RunEveryCommandAsync("Development"), RunEveryCommandAsync("Production"));
    }

    private static async Task RunEveryCommandAsync(string environment)
    {
        var database = TestDatabase.NewName();
        var backup = Path.Combine(Path.GetTempPath(), $"{database}-backup.db");
        try
        {
            var steps = new (string[] Args, int Expected)[]
            {
                (["migrate"], ExitCodes.Ok),
                (["seed-demo"], ExitCodes.Ok),
                (["check-ledger"], ExitCodes.Ok),
                (["export-orders", "--buyer", "buyer@demo.souk"], ExitCodes.Ok),
                (["backup", "--to", backup], TestDatabase.IsPostgres ? ExitCodes.NotSupported : ExitCodes.Ok),
            };
            foreach (var (args, expected) in steps)
            {
                var (code, output, error) = await SoukProcess.RunCommandAsync(args, Settings(database), environment);
                Assert.True(code == expected, $"{environment} {string.Join(' ', args)}: exit {code}: {output} {error}");
                Assert.DoesNotContain("Unable to resolve service", error);
                Assert.DoesNotContain("   at ", error);
            }
        }
        finally
        {
            TestDatabase.Drop(database);
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { backup, backup + "-wal", backup + "-shm" }) File.Delete(f);
        }
    }

    /// <summary>SQLite's online backup, taken while the host is placing orders on the same database.</summary>
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task Backup_TakenWhileSoukWrites_OpensAsADatabaseWithTheOrdersItHad()
    {
        using var app = new SoukApp();
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        var buyer = await app.SignUpAsync("buyer");
        for (var i = 0; i < 3; i++) await Shop.PlaceOrderAsync(app, buyer, listing);
        var file = Path.Combine(Path.GetTempPath(), $"souk-backup-{Guid.NewGuid():N}.db");
        try
        {
            // Orders keep coming while the backup runs; each is acknowledged, none waits for the backup to fail it.
            var placing = Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++) await Shop.PlaceOrderAsync(app, buyer, listing);
            });
            var backup = await RunAsync(["backup", "--to", file, .. On(app.Database)]);
            await placing;
            Assert.True(backup.Code == ExitCodes.Ok, backup.ToString());

            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"Orders\"";
            var orders = (long)(await count.ExecuteScalarAsync())!;
            Assert.InRange(orders, 3, 8);
            Assert.Contains($" {orders} order(s).", backup.Out);
            await using var integrity = copy.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await integrity.ExecuteScalarAsync());

            var again = await RunAsync(["backup", "--to", file, .. On(app.Database)]);
            Assert.True(again.Code == ExitCodes.Problem, again.ToString());
            Assert.Contains("already exists", again.Error);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    /// <summary>PostgreSQL has its own tool; the command says which and exits with its own code.</summary>
    [Fact]
    [Trait("Provider", "Postgres")]
    public async Task Backup_OnPostgres_RefusesWithExit4_PointingAtPgDump()
    {
        Assert.True(TestDatabase.IsPostgres, "This test is about PostgreSQL: set SOUK_TEST_POSTGRES (test.sh does).");
        var database = TestDatabase.NewName();
        var result = await RunAsync(["backup", "--to", Path.Combine(Path.GetTempPath(), database + ".dump"), .. On(database)]);
        Assert.True(result.Code == ExitCodes.NotSupported, result.ToString());
        Assert.Contains("pg_dump", result.Error);
    }
}
