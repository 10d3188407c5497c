using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;

namespace Souk.Bench;

/// <summary>
/// What a transition cannot be cheaper than, measured the way the baseline is (the same minimal endpoint, generator,
/// concurrency, warm-up and duration), so the transition target can be read against what it leaves room for:
/// <list type="bullet">
/// <item><b>The SQL of a transition, by hand</b> — the least any order change writes: in one transaction, lock and
/// read the order's row, update it and add one event row, sent as two pipelined round trips (Npgsql batches) or on one
/// SQLite connection. No EF, no domain, no HTTP work beyond the baseline's.</item>
/// <item><b>Souk's commit step with nothing to change</b> — <see cref="OrderWriter.CatchUpAsync"/>
/// (the empty change), on a random one of 1,000 paid orders none of whose deadlines is due: the lock, the
/// aggregate's load, the version bump and the commit that every transition pays before its verb does anything, without
/// sign-in, the order's view, JSON, the ledger, notifications or the outbox.</item>
/// </list>
/// </summary>
public static class Floors
{
    private const int Orders = 1000;

    /// <summary>
    /// The sweep's floor: the rows a swept order writes, by hand and set-based — the bulk SQL the issue rules out for
    /// Souk, measured only to show what the sweep target leaves room for. Per batch of <c>batchSize</c> due orders, one
    /// transaction: claim them (<c>FOR UPDATE SKIP LOCKED</c>) and close them in one statement, then, in one pipelined
    /// round trip with the commit, add the rows Souk writes for a closed, refunded order (1 refund, 5 timeline events,
    /// 4 ledger lines, 6 notifications, in tables with the same kind of keys and indexes). PostgreSQL only.
    /// </summary>
    public static async Task<(int Swept, double Seconds)> SweepSqlAsync(string connectionString, int orders, int batchSize, TimeSpan duration)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using (var create = source.CreateCommand($"""
            CREATE TABLE fs_orders (id bigint PRIMARY KEY, state integer NOT NULL, next_deadline bigint, version integer NOT NULL DEFAULT 0);
            CREATE INDEX ON fs_orders (next_deadline);
            CREATE TABLE fs_refunds (id bigserial PRIMARY KEY, order_id bigint NOT NULL, cause text NOT NULL, amount bigint NOT NULL, stage integer NOT NULL);
            CREATE UNIQUE INDEX ON fs_refunds (order_id, cause);
            CREATE TABLE fs_events (id bigserial PRIMARY KEY, order_id bigint NOT NULL, kind text NOT NULL, at bigint NOT NULL, data text NOT NULL);
            CREATE INDEX ON fs_events (order_id);
            CREATE TABLE fs_ledger (id bigserial PRIMARY KEY, order_id bigint NOT NULL, key text NOT NULL, account integer NOT NULL, amount bigint NOT NULL);
            CREATE UNIQUE INDEX ON fs_ledger (order_id, key, account);
            CREATE TABLE fs_notifications (id bigserial PRIMARY KEY, user_id text NOT NULL, order_id bigint NOT NULL, kind text NOT NULL, at bigint NOT NULL);
            CREATE INDEX ON fs_notifications (user_id, id);
            INSERT INTO fs_orders (id, state, next_deadline) SELECT i, 3, i FROM generate_series(1, {orders}) i;
            """))
            await create.ExecuteNonQueryAsync();
        await using (var vacuum = source.CreateCommand("VACUUM ANALYZE fs_orders")) await vacuum.ExecuteNonQueryAsync();

        var swept = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var connection = await source.OpenConnectionAsync();
            var ids = new List<long>(batchSize);
            await using (var claim = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    new NpgsqlBatchCommand("""
                        UPDATE fs_orders o SET state = 5, next_deadline = NULL, version = o.version + 1
                        FROM (SELECT id FROM fs_orders WHERE next_deadline <= $1 ORDER BY next_deadline LIMIT $2 FOR UPDATE SKIP LOCKED) due
                        WHERE o.id = due.id RETURNING o.id
                        """) { Parameters = { new() { Value = long.MaxValue }, new() { Value = batchSize } } },
                },
            })
            await using (var reader = await claim.ExecuteReaderAsync())
            {
                do
                    while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
                while (await reader.NextResultAsync());
            }
            var at = DateTime.UtcNow.Ticks;
            NpgsqlBatchCommand Insert(string sql) => new(sql) { Parameters = { new() { Value = ids.ToArray() }, new() { Value = at } } };
            await using var write = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Insert("INSERT INTO fs_refunds (order_id, cause, amount, stage) SELECT id, 'closed-not-shipped', 1200 + 0 * $2, 3 FROM unnest($1::bigint[]) id"),
                    Insert("INSERT INTO fs_events (order_id, kind, at, data) SELECT id, 'event.' || k, $2, '{\"amount\":\"1200\"}' FROM unnest($1::bigint[]) id, generate_series(1, 5) k"),
                    Insert("INSERT INTO fs_ledger (order_id, key, account, amount) SELECT id, 'refund-' || (k / 2), k, CASE WHEN k % 2 = 0 THEN 1200 ELSE -1200 END + 0 * $2 FROM unnest($1::bigint[]) id, generate_series(1, 4) k"),
                    Insert("INSERT INTO fs_notifications (user_id, order_id, kind, at) SELECT 'buyer-' || (id % 1000), id, 'event.' || k, $2 FROM unnest($1::bigint[]) id, generate_series(1, 6) k"),
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
            await write.ExecuteNonQueryAsync();
            if (ids.Count == 0) break;
            swept += ids.Count;
        }
        return (swept, clock.Elapsed.TotalSeconds);
    }

    public static async Task<LoadResult> HandWrittenSqlAsync(DatabaseProvider provider, string connectionString, BenchOptions options)
    {
        Func<int, Task> transition;
        NpgsqlDataSource? source = null;
        if (provider == DatabaseProvider.Postgres)
        {
            source = NpgsqlDataSource.Create(connectionString);
            await using (var create = source.CreateCommand($"""
                CREATE TABLE floor_orders (id integer PRIMARY KEY, state integer NOT NULL DEFAULT 0, version integer NOT NULL DEFAULT 0);
                CREATE TABLE floor_events (id bigserial PRIMARY KEY, order_id integer NOT NULL, kind integer NOT NULL, at bigint NOT NULL);
                INSERT INTO floor_orders (id) SELECT generate_series(1, {Orders});
                """))
                await create.ExecuteNonQueryAsync();
            transition = async id =>
            {
                await using var connection = await source.OpenConnectionAsync();
                await using (var read = new NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand("BEGIN"),
                        new NpgsqlBatchCommand("SELECT state, version FROM floor_orders WHERE id = $1 FOR UPDATE") { Parameters = { new() { Value = id } } },
                    },
                })
                await using (var reader = await read.ExecuteReaderAsync())
                {
                    // BEGIN returns no rows; the reader starts on the SELECT's.
                    if (!await reader.ReadAsync()) throw new InvalidOperationException($"floor order {id} is missing");
                }
                await using var write = new NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand("UPDATE floor_orders SET state = state + 1, version = version + 1 WHERE id = $1") { Parameters = { new() { Value = id } } },
                        new NpgsqlBatchCommand("INSERT INTO floor_events (order_id, kind, at) VALUES ($1, 1, $2)")
                        {
                            Parameters = { new() { Value = id }, new() { Value = DateTime.UtcNow.Ticks } },
                        },
                        new NpgsqlBatchCommand("COMMIT"),
                    },
                };
                await write.ExecuteNonQueryAsync();
            };
        }
        else
        {
            await Baseline.SqliteExecuteAsync(connectionString, $"""
                PRAGMA journal_mode=WAL;
                CREATE TABLE floor_orders (id INTEGER PRIMARY KEY, state INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE floor_events (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, kind INTEGER NOT NULL, at INTEGER NOT NULL);
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {Orders}) INSERT INTO floor_orders (id) SELECT i FROM s;
                """);
            // BEGIN IMMEDIATE takes the write lock before the read, as Souk's commit step does on SQLite.
            transition = id => Baseline.SqliteExecuteAsync(connectionString, """
                BEGIN IMMEDIATE;
                SELECT state, version FROM floor_orders WHERE id = $id;
                UPDATE floor_orders SET state = state + 1, version = version + 1 WHERE id = $id;
                INSERT INTO floor_events (order_id, kind, at) VALUES ($id, 1, $at);
                COMMIT;
                """, ("$id", id), ("$at", DateTime.UtcNow.Ticks));
        }
        try
        {
            return await MinimalEndpoint.LoadAsync(() => transition(Random.Shared.Next(1, Orders + 1)), options);
        }
        finally
        {
            if (source is not null) await source.DisposeAsync();
            if (provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
        }
    }

    public static async Task<LoadResult> EmptyCommitStepAsync(DatabaseProvider provider, string connectionString, BenchOptions options)
    {
        var ids = await SeedPaidOrdersAsync(provider, connectionString);
        // Pooled, as Souk's own contexts are.
        var contextOptions = new DbContextOptionsBuilder<SoukDbContext>();
        contextOptions.UseSouk(provider, connectionString);
        var contexts = new PooledDbContextFactory<SoukDbContext>(contextOptions.Options);
        try
        {
            return await MinimalEndpoint.LoadAsync(async () =>
            {
                await using var db = await contexts.CreateDbContextAsync();
                var writer = new OrderWriter(db, TimeProvider.System, SweepBench.Rules);
                await writer.CatchUpAsync(ids[Random.Shared.Next(ids.Count)]);
            }, options);
        }
        finally
        {
            if (provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// 1,000 orders placed, paid and confirmed by the domain an hour ago: handling is due in days and no warning is
    /// due, so a change that does nothing fires nothing and writes only the version.
    /// </summary>
    private static async Task<IReadOnlyList<long>> SeedPaidOrdersAsync(DatabaseProvider provider, string connectionString)
    {
        await using (var db = Databases.Context(provider, connectionString))
        {
            await db.Database.MigrateAsync();
        }
        var now = DateTimeOffset.UtcNow;
        await using var context = Databases.Context(provider, connectionString);
        var store = new Store("bench-seller", "Bench store", now.AddDays(-30));
        context.Stores.Add(store);
        await context.SaveChangesAsync();
        var listing = new Listing(store.Id, new ListingDetails("Bench teapot", 1_000, "USD", Listing.MaxStock, 3,
            [new ShippingOption("standard", "Standard post", 200, 20)]), now.AddDays(-30));
        listing.Reserve(Orders);
        context.Listings.Add(listing);
        await context.SaveChangesAsync();

        var orders = new List<Order>();
        for (var k = 0; k < Orders; k++)
        {
            var order = SweepBench.PaidOrder(listing, $"bench-buyer-{k % 100}", now.AddHours(-1).AddMilliseconds(k), $"sbx-floor-{k}");
            if (order.State != OrderState.AwaitingShipment || order.NextDeadlineAt <= now.AddHours(1))
                throw new InvalidOperationException($"floor order {k} is {order.State}, next deadline {order.NextDeadlineAt}");
            orders.Add(order);
        }
        await new OrderWriter(context, TimeProvider.System, SweepBench.Rules).AddNewAsync(orders);
        return orders.Select(o => o.Id).ToList();
    }
}
