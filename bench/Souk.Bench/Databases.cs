using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Souk.Data;

namespace Souk.Bench;

/// <summary>
/// Where the bench's databases live: a PostgreSQL server (given, or a throw-away cluster started with
/// scripts/postgres.sh and stopped at the end) and a temporary folder for SQLite files. Every part gets a fresh
/// database of its own, dropped afterwards.
/// </summary>
public sealed class Databases : IAsyncDisposable
{
    private readonly string _root;
    private readonly string? _clusterDir;
    private readonly string _sqliteDir;
    private readonly List<string> _pgDatabases = [];

    private Databases(string root, string? server, string? clusterDir)
    {
        _root = root;
        Server = server;
        _clusterDir = clusterDir;
        _sqliteDir = Directory.CreateTempSubdirectory("souk-bench-sqlite-").FullName;
    }

    /// <summary>The PostgreSQL server's connection string (a role that may create databases), if PostgreSQL is used.</summary>
    public string? Server { get; }

    /// <summary>Stops the throw-away cluster at once (Ctrl+C); the databases go with it.</summary>
    public void StopClusterNow()
    {
        if (_clusterDir is null) return;
        Shell.RunAsync(Path.Combine(_root, "scripts", "postgres.sh"), ["stop", _clusterDir]).GetAwaiter().GetResult();
        try { Directory.Delete(_clusterDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static async Task<Databases> OpenAsync(string root, BenchOptions options)
    {
        if (!options.Providers.Contains(DatabaseProvider.Postgres)) return new Databases(root, null, null);
        if (options.Postgres is { } given) return new Databases(root, given, null);
        var dir = Directory.CreateTempSubdirectory("souk-bench-pg-").FullName;
        Console.WriteLine($"Starting a throw-away PostgreSQL cluster in {dir} (scripts/postgres.sh)…");
        var connection = (await Shell.RunAsync(Path.Combine(root, "scripts", "postgres.sh"), ["start", dir])).Trim();
        return new Databases(root, connection.Split('\n')[^1].Trim(), dir);
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateAsync(DatabaseProvider provider, string name)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(_sqliteDir, name + ".db");
            return new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 5 }.ConnectionString;
        }
        var database = $"souk_bench_{name}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        _pgDatabases.Add(database);
        // Souk's pool default (100) is kept: the bench changes nothing in how Souk connects.
        return new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;
    }

    public async Task DropAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                if (File.Exists(file)) File.Delete(file);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        _pgDatabases.Remove(database);
    }

    /// <summary>A context on the database as Souk configures it (provider, migrations assembly, SQLite timeout).</summary>
    public static SoukDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<SoukDbContext>();
        options.UseSouk(provider, connectionString);
        options.AddInterceptors(CommandCounter.Instance);
        return new SoukDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _pgDatabases.ToList())
            await DropAsync(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_sqliteDir, recursive: true); } catch (IOException) { }
        if (_clusterDir is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Shell.RunAsync(Path.Combine(_root, "scripts", "postgres.sh"), ["stop", _clusterDir]);
            try { Directory.Delete(_clusterDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

public static class Shell
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
