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
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Souk.Migrations.Postgres"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }
}
