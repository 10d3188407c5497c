using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Bench;

/// <summary>
/// The cost of "My Orders": the p99 of the first page (<c>GET /api/orders?tab=all</c>) for a buyer with many
/// orders, first in a database holding only those, then grown to a large database with other buyers' orders.
/// The buyer's orders are made by the domain (a mix of awaiting payment, cancelled and confirmed orders, none with a
/// deadline due during the test). The other buyers' orders are copies, made in SQL, of one order the domain placed and
/// paid (with its line and timeline), spread over 10,000 buyers — test data set up fast, never a shortcut in Souk.
/// </summary>
public static class ListBench
{
    private const int FillerBuyers = 10_000;
    private const int FillerChunk = 100_000;

    public sealed record Size(int TotalOrders, LoadResult Load, double SeedSeconds);

    /// <summary><paramref name="Plan"/>: the database's plan for the page's query on the largest database.</summary>
    public sealed record Result(int BuyerOrders, IReadOnlyList<Size> Sizes, string Plan);

    /// <summary>A database of one size with its own Souk process and the buyer signed in.</summary>
    private sealed record Prepared(DatabaseProvider Provider, string Connection, SoukProcess Souk, HttpClient Client, string Token, string BuyerId,
        long Newest, int Total, double SeedSeconds);

    /// <summary>
    /// Both sizes are prepared first, each with its own Souk process, then read in alternating rounds (small, large,
    /// large, small, …) so that a noisy moment of the machine falls on both alike.
    /// </summary>
    public static async Task<Result> RunAsync(string root, Databases databases, DatabaseProvider provider, BenchOptions options)
    {
        var prepared = new List<Prepared>();
        try
        {
            foreach (var (total, name) in new[] { (options.ListSmall, "list-small"), (options.ListLarge, "list-large") })
                prepared.Add(await PrepareAsync(root, databases, provider, options, total, name));

            foreach (var p in prepared) await Load.RunCountAsync(options.ListConcurrency, 0, 300, probe => ReadFirstPageAsync(p, probe));
            var probes = prepared.ToDictionary(p => p, _ => new List<Probe>());
            var seconds = prepared.ToDictionary(p => p, _ => 0.0);
            var perRound = options.ListRequests / options.ListRounds;
            for (var round = 0; round < options.ListRounds; round++)
            {
                foreach (var p in round % 2 == 0 ? prepared : Enumerable.Reverse(prepared))
                {
                    var (roundProbes, elapsed) = await Load.RunCountProbesAsync(options.ListConcurrency, perRound, probe => ReadFirstPageAsync(p, probe));
                    probes[p].AddRange(roundProbes);
                    seconds[p] += elapsed.TotalSeconds;
                }
            }
            var sizes = prepared.Select(p => new Size(p.Total, LoadResult.Of(probes[p], TimeSpan.FromSeconds(seconds[p])), p.SeedSeconds)).ToList();
            foreach (var size in sizes) Console.WriteLine($"    first page at {size.TotalOrders:N0} orders: {size.Load.Describe()}");
            var plan = await PlanAsync(prepared[^1]);
            return new Result(options.ListBuyerOrders, sizes, plan);
        }
        finally
        {
            foreach (var p in prepared)
            {
                p.Client.Dispose();
                await p.Souk.DisposeAsync();
                await databases.DropAsync(p.Provider, p.Connection);
            }
        }
    }

    private static async Task ReadFirstPageAsync(Prepared p, Probe probe)
    {
        var (status, body) = await probe.SendAsync(p.Client, SoukApi.Get("/api/orders?tab=all", p.Token), "list");
        if (status != HttpStatusCode.OK) return;
        probe.Count(1);
        if (probe.Units == 1) CheckFirstPage(body, p.Newest);
    }

    private static async Task<Prepared> PrepareAsync(string root, Databases databases, DatabaseProvider provider, BenchOptions options, int total, string name)
    {
        var connection = await databases.CreateAsync(provider, name);
        SoukProcess? souk = null;
        try
        {
            var seed = Stopwatch.StartNew();
            souk = await SoukProcess.StartAsync(root, provider, connection, name, options.SoukSettings);
            var client = Load.NewClient(souk.Address);
            var (buyerToken, buyerId) = await SoukApi.SignUpAsync(client, "buyer@bench.souk", "buyer");
            var (sellerToken, _) = await SoukApi.SignUpAsync(client, "seller@bench.souk", "seller");
            var storeId = await SoukApi.OpenStoreAsync(client, sellerToken, "Bench store");
            var listingId = await SoukApi.AddListingAsync(client, sellerToken, "Brass teapot", 1_000);
            var newest = await SeedBuyerAsync(provider, connection, buyerId, storeId, listingId, Math.Min(options.ListBuyerOrders, total));
            if (await CountAsync(provider, connection) < total)
                await FillAsync(provider, connection, await SeedTemplateAsync(provider, connection, storeId, listingId), total);
            await AnalyzeAsync(provider, connection);
            var count = await CountAsync(provider, connection);
            Console.WriteLine($"    {name}: {count:N0} orders ({Math.Min(options.ListBuyerOrders, total):N0} the buyer's), set up in {seed.Elapsed.TotalSeconds:0.0} s ({Machine.LoadAverage()})");
            return new Prepared(provider, connection, souk, client, buyerToken, buyerId, newest, count, seed.Elapsed.TotalSeconds);
        }
        catch
        {
            if (souk is not null) await souk.DisposeAsync();
            await databases.DropAsync(provider, connection);
            throw;
        }
    }

    /// <summary>
    /// The plan of the first page's query (as EF generates it for ReadOrders.List, copied from Souk's command log):
    /// EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite.
    /// </summary>
    private static async Task<string> PlanAsync(Prepared p)
    {
        const string query = """
            SELECT o."Id", o."StoreId", o."State", o."Outcome", o."MoneyState", o."Currency", o."ItemsTotalMinor", o."ShippingTotalMinor", o."PlacedAt",
                o."NextDeadlineAt", o."Deleted",
                (SELECT COALESCE(sum(o0."Quantity"), 0) FROM "OrderLine" AS o0 WHERE o."Id" = o0."OrderId") AS "ItemCount",
                (SELECT o1."Title" FROM "OrderLine" AS o1 WHERE o."Id" = o1."OrderId" ORDER BY o1."Id" LIMIT 1) AS "FirstTitle",
                (SELECT s."Name" FROM "Stores" AS s WHERE s."Id" = o."StoreId" LIMIT 1) AS "StoreName"
            FROM "Orders" AS o
            WHERE o."BuyerId" = '{0}' AND o."Deleted" <> 'PermanentlyDeleted' AND o."Deleted" = 'None'
            ORDER BY o."Id" DESC
            LIMIT 21
            """;
        await using var db = Databases.Context(p.Provider, p.Connection);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = (p.Provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + string.Format(query, p.BuyerId);
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(p.Provider == DatabaseProvider.Postgres ? reader.GetString(0) : $"{reader.GetValue(0)} {reader.GetValue(1)} {reader.GetString(3)}");
        return string.Join('\n', lines);
    }

    private static void CheckFirstPage(string body, long newest)
    {
        using var doc = JsonDocument.Parse(body);
        var orders = doc.RootElement.GetProperty("orders");
        if (orders.GetArrayLength() != 20 || orders[0].GetProperty("id").GetInt64() != newest)
            throw new InvalidOperationException($"unexpected first page: {body[..Math.Min(body.Length, 300)]}");
    }

    /// <summary>The buyer's orders through the domain, in batches; returns the newest order's id.</summary>
    private static async Task<long> SeedBuyerAsync(DatabaseProvider provider, string connection, string buyerId, long storeId, long listingId, int count)
    {
        var rules = SweepBench.Rules;
        // A day ago and before: nothing the buyer has is due while the list is read.
        var start = DateTimeOffset.UtcNow.AddDays(-1).AddSeconds(-count);
        long newest = 0;
        for (var from = 0; from < count; from += 1000)
        {
            await using var db = Databases.Context(provider, connection);
            var writer = new OrderWriter(db, TimeProvider.System, rules);
            var orders = new List<Order>();
            for (var k = from; k < Math.Min(count, from + 1000); k++)
            {
                var at = start.AddSeconds(k);
                var order = Order.Place(buyerId, storeId, "USD", [new OrderLine(listingId, $"Brass teapot no. {k}", 1_000, 1 + k % 3, 3, 20)], 200,
                    SweepBench.Address(), "standard", at, rules);
                switch (k % 3)
                {
                    case 1:
                        order.Cancel(Actor.Buyer(buyerId), "NoLongerNeeded", null, at.AddMinutes(1), rules);
                        break;
                    case 2:
                        order.Pay(Actor.Buyer(buyerId), new PaymentSubmission(PaymentMethod.Card, "card •••• 4242", $"sbx-list-{k}", ReviewAnswer.Approved,
                            at.AddMinutes(6)), at.AddMinutes(1), rules);
                        order.CatchUp(at.AddMinutes(10), rules);
                        break;
                }
                order.ClearEffects();
                orders.Add(order);
            }
            await writer.AddNewAsync(orders);
            newest = orders[^1].Id;
        }
        return newest;
    }

    /// <summary>One other buyer's order, placed and paid by the domain: the row the filler copies.</summary>
    private static async Task<long> SeedTemplateAsync(DatabaseProvider provider, string connection, long storeId, long listingId)
    {
        var rules = SweepBench.Rules;
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await using var db = Databases.Context(provider, connection);
        var order = Order.Place("filler-0", storeId, "USD", [new OrderLine(listingId, "Brass teapot", 1_000, 1, 3, 20)], 200,
            new ShippingAddress("Other Buyer", "2 Market Street", null, "Springfield", "12345", "US", null), "standard", at, rules);
        order.Pay(Actor.Buyer("filler-0"), new PaymentSubmission(PaymentMethod.Card, "card •••• 1111", "sbx-filler", ReviewAnswer.Approved, at.AddMinutes(6)),
            at.AddMinutes(1), rules);
        order.CatchUp(at.AddMinutes(10), rules);
        await new OrderWriter(db, TimeProvider.System, rules).AddNewAsync([order]);
        return order.Id;
    }

    /// <summary>Copies the template order (with its line and timeline) until the database holds <paramref name="total"/> orders.</summary>
    private static async Task FillAsync(DatabaseProvider provider, string connection, long template, int total)
    {
        await using var db = Databases.Context(provider, connection);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var orderColumns = await ColumnsAsync(conn, provider, "Orders");
        var lineColumns = await ColumnsAsync(conn, provider, "OrderLine");
        var eventColumns = await ColumnsAsync(conn, provider, "OrderEvent");
        var have = await ScalarAsync(conn, "SELECT COUNT(*) FROM \"Orders\"");
        while (have < total)
        {
            var n = Math.Min(FillerChunk, total - have);
            var maxBefore = await ScalarAsync(conn, "SELECT MAX(\"Id\") FROM \"Orders\"");
            var select = string.Join(", ", orderColumns.Select(c => c switch
            {
                "BuyerId" => $"'filler-' || (g.x % {FillerBuyers})",
                _ => $"t.\"{c}\"",
            }));
            var series = provider == DatabaseProvider.Postgres
                ? $"generate_series(1, {n}) AS g(x)"
                : "g";
            var with = provider == DatabaseProvider.Postgres ? "" : $"WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < {n}) ";
            await ExecuteAsync(conn, $"{with}INSERT INTO \"Orders\" ({Quoted(orderColumns)}) SELECT {select} FROM \"Orders\" t, {series} WHERE t.\"Id\" = {template} ORDER BY g.x");
            foreach (var (table, columns) in new[] { ("OrderLine", lineColumns), ("OrderEvent", eventColumns) })
            {
                var copied = string.Join(", ", columns.Select(c => c == "OrderId" ? "o.\"Id\"" : $"c.\"{c}\""));
                await ExecuteAsync(conn, $"INSERT INTO \"{table}\" ({Quoted(columns)}) SELECT {copied} FROM \"Orders\" o, \"{table}\" c " +
                    $"WHERE c.\"OrderId\" = {template} AND o.\"Id\" > {maxBefore} ORDER BY o.\"Id\", c.\"Id\"");
            }
            have += n;
        }
    }

    /// <summary>Fresh planner statistics, as autovacuum (PostgreSQL) would gather after a big insert. Souk never runs
    /// ANALYZE on SQLite, so neither does the bench.</summary>
    private static async Task AnalyzeAsync(DatabaseProvider provider, string connection)
    {
        if (provider != DatabaseProvider.Postgres) return;
        await using var db = Databases.Context(provider, connection);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
    }

    private static async Task<int> CountAsync(DatabaseProvider provider, string connection)
    {
        await using var db = Databases.Context(provider, connection);
        return await db.Orders.CountAsync();
    }

    private static async Task<List<string>> ColumnsAsync(DbConnection conn, DatabaseProvider provider, string table)
    {
        var sql = provider == DatabaseProvider.Postgres
            ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
            : $"SELECT name FROM pragma_table_info('{table}')";
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var columns = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        columns.Remove("Id");
        return columns;
    }

    private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static async Task<int> ScalarAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }
}
