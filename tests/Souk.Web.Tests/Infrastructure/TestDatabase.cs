using Npgsql;

namespace Souk.Web.Tests.Infrastructure;

/// <summary>
/// Which real database the integration tests run on: a temporary SQLite file by default, or — when
/// <c>SOUK_TEST_POSTGRES</c> holds a connection string (test.sh starts a throw-away cluster and sets it) — a fresh
/// PostgreSQL database per test host. The same tests run on both.
/// </summary>
public static class TestDatabase
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("SOUK_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool IsPostgres => PostgresServer is not null;

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    /// <summary>A new, unused database name (a file name on SQLite).</summary>
    public static string NewName() => $"souk_t_{Guid.NewGuid():N}";

    public static string ConnectionString(string name) => IsPostgres
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString
        : $"Data Source={SqlitePath(name)}";

    public static string SqlitePath(string name) => Path.Combine(Path.GetTempPath(), name + ".db");

    public static void Drop(string name)
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(PostgresServer);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            try
            {
                drop.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState == "42501")
            {
                // A role that may not end other sessions (a server you gave in SOUK_TEST_POSTGRES): the database stays.
                Console.WriteLine($"Could not drop test database {name}: {e.MessageText}");
            }
            return;
        }
        DeleteSqliteFile(name);
    }

    public static void DeleteSqliteFile(string name)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = SqlitePath(name);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
