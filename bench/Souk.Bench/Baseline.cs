using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Npgsql;
using Souk.Data;

namespace Souk.Bench;

/// <summary>
/// The yardstick: a minimal ASP.NET Core endpoint in this process that does one single-row
/// <c>UPDATE counters SET n = n + 1 WHERE id = @id</c> (a random one of 1,000 rows) per request, autocommitted,
/// through Npgsql or Microsoft.Data.Sqlite (WAL, default synchronous, the same busy timeout as Souk), loaded by the
/// same generator with the same concurrency as Souk.
/// </summary>
public static class Baseline
{
    private const int Rows = 1000;

    public static async Task<LoadResult> RunAsync(DatabaseProvider provider, string connectionString, BenchOptions options)
    {
        Func<int, Task> update;
        IAsyncDisposable? dataSource = null;
        if (provider == DatabaseProvider.Postgres)
        {
            var source = NpgsqlDataSource.Create(connectionString);
            dataSource = source;
            await using (var create = source.CreateCommand($"""
                CREATE TABLE counters (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
                INSERT INTO counters (id) SELECT generate_series(1, {Rows});
                """))
                await create.ExecuteNonQueryAsync();
            update = async id =>
            {
                await using var cmd = source.CreateCommand("UPDATE counters SET n = n + 1 WHERE id = $1");
                cmd.Parameters.Add(new NpgsqlParameter { Value = id });
                await cmd.ExecuteNonQueryAsync();
            };
        }
        else
        {
            await SqliteExecuteAsync(connectionString, $"""
                PRAGMA journal_mode=WAL;
                CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {Rows}) INSERT INTO counters (id) SELECT i FROM s;
                """);
            update = id => SqliteExecuteAsync(connectionString, "UPDATE counters SET n = n + 1 WHERE id = $id", ("$id", id));
        }

        var result = await MinimalEndpoint.LoadAsync(() => update(Random.Shared.Next(1, Rows + 1)), options);
        if (dataSource is not null) await dataSource.DisposeAsync();
        if (provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
        return result;
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own (pooled), as each request of a SQLite load does.</summary>
    public static async Task SqliteExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A minimal ASP.NET Core endpoint in the bench process (Kestrel, routing, nothing else) whose every request runs
/// <c>handle</c>, loaded by the bench's generator with the run's concurrency, warm-up and duration: the baseline and
/// the floors are measured the same way.
/// </summary>
public static class MinimalEndpoint
{
    public static async Task<LoadResult> LoadAsync(Func<Task> handle, BenchOptions options)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();
        app.UseRouting();
        app.MapPost("/update", async () =>
        {
            await handle();
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = Load.NewClient(new Uri(address));
        var result = await Load.RunAsync(options.Concurrency, options.Warmup, options.LoadDuration, async (_, probe, ct) =>
        {
            while (!ct.IsCancellationRequested)
            {
                var (status, _) = await probe.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/update"), "update", ct);
                if (status == HttpStatusCode.NoContent) probe.Count(1);
            }
        });
        await app.StopAsync();
        return result;
    }
}
