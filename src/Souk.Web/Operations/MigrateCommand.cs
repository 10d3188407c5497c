using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Souk.Web.Infrastructure;

namespace Souk.Web.Operations;

/// <summary>
/// <c>migrate</c>: applies the pending migrations of the configured provider — the same step Souk runs at start-up
/// (<see cref="DatabaseStartup.MigrateAsync"/>), for deployments that migrate before starting the new version.
/// </summary>
public static class MigrateCommand
{
    public static OpsCommand Command { get; } = new(
        "migrate",
        "apply pending database migrations and list them",
        """
        dotnet Souk.Web.dll migrate

        Applies every migration the database lacks, for the configured provider (Souk:Database:Provider,
        ConnectionStrings:Souk), and prints each one applied. Creates the database when it does not exist
        (a SQLite file; a PostgreSQL database, if the role may create one). Safe to run twice: the second
        run applies nothing. Souk also migrates when it starts; this command lets a deployment do it first.
        """,
        [], DatabaseNeed.None, RunAsync);

    private static async Task<int> RunAsync(CommandContext context)
    {
        var db = context.Db;
        var where = SoukCommands.Describe(context.Provider, context.ConnectionString);
        // A database that does not exist yet has nothing applied; asking it would fail on PostgreSQL.
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(context.Cancellation);
        var before = exists ? (await db.Database.GetAppliedMigrationsAsync(context.Cancellation)).ToHashSet() : [];
        var pending = db.Database.GetMigrations().Where(m => !before.Contains(m)).ToList();
        if (pending.Count == 0)
        {
            await context.Out.WriteLineAsync($"{where} is up to date: all {before.Count} migration(s) already applied.");
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync($"Applying {pending.Count} migration(s) to {where}…");
        await DatabaseStartup.MigrateAsync(db, context.Cancellation);
        var after = (await db.Database.GetAppliedMigrationsAsync(context.Cancellation)).ToHashSet();
        foreach (var applied in pending.Where(after.Contains))
            await context.Out.WriteLineAsync($"Applied {applied}");
        await context.Out.WriteLineAsync($"{where} is up to date: {after.Count} migration(s) applied.");
        return ExitCodes.Ok;
    }
}
