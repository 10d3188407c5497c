using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Souk.Data;

/// <summary><c>Souk:Database:Provider</c>: SQLite, the embedded default, or PostgreSQL for several processes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider and its migrations assembly (EF Core's "migrations with multiple providers").</summary>
public static class DatabaseSetup
{
    /// <summary>How many statements Npgsql keeps prepared per PostgreSQL connection unless the connection string says otherwise.</summary>
    public const int AutoPreparedStatements = 64;

    public static void UseSouk(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var csb = new SqliteConnectionStringBuilder(connectionString);
                // Wait a little for the single writer, then answer 503 rather than hang.
                if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase)) csb.DefaultTimeout = 5;
                options.UseSqlite(csb.ConnectionString, o => o.MigrationsAssembly("Souk.Migrations.Sqlite"));
                break;
            case DatabaseProvider.Postgres:
                // EF Core sends the same few dozen statements over and over; without preparation PostgreSQL parses and plans
                // each one every time. Npgsql's automatic preparation keeps the most used ones prepared on each connection:
                // the benchmark's cancel flow gained a fifth in transitions per second (bench/README.md). A connection string
                // that sets "Max Auto Prepare" (0 turns it off) is left as it is.
                var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) npgsql.MaxAutoPrepare = AutoPreparedStatements;
                options.UseNpgsql(npgsql.ConnectionString, o => o.MigrationsAssembly("Souk.Migrations.Postgres"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }
}
