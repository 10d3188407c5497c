using Microsoft.Data.Sqlite;
using Souk.Data;

namespace Souk.Web.Operations;

/// <summary>
/// <c>backup</c>: a consistent copy of the SQLite database through SQLite's online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>). Unlike copying the file, it includes what is
/// still in the write-ahead log and is safe while Souk runs: in WAL mode it only needs a read snapshot, so Souk's
/// writer never waits for it. PostgreSQL has its own tool for this, <c>pg_dump</c>.
/// </summary>
public static class BackupCommand
{
    public static OpsCommand Command { get; } = new(
        "backup",
        "copy the SQLite database to a file while Souk runs",
        """
        dotnet Souk.Web.dll backup --to FILE

        Writes a consistent copy of the SQLite database (ConnectionStrings:Souk) to FILE using SQLite's
        online backup, safe while Souk is running; then opens the copy and prints how many orders it holds.
          --to FILE   the backup file to create (required); an existing file is never replaced (exit 1)
        On PostgreSQL it refuses with exit 4: use pg_dump, e.g.
          pg_dump --format=custom --file=souk.dump "host=db.example port=5432 user=souk dbname=souk"
        """,
        [new("to", Required: true)], DatabaseNeed.Exists, RunAsync);

    private static async Task<int> RunAsync(CommandContext context)
    {
        var to = Path.GetFullPath(context.Line.Required("to"));
        if (context.Provider != DatabaseProvider.Sqlite)
        {
            await context.Error.WriteLineAsync("backup copies SQLite databases only; this Souk uses PostgreSQL. Back it up with pg_dump, "
                + "e.g. pg_dump --format=custom --file=souk.dump \"host=… port=5432 user=… dbname=…\" (restore with pg_restore).");
            return ExitCodes.NotSupported;
        }
        if (File.Exists(to))
        {
            await context.Error.WriteLineAsync($"{to} already exists; backup never replaces a file. Choose a new name or move the old backup away.");
            return ExitCodes.Problem;
        }
        if (Path.GetDirectoryName(to) is { } folder && !Directory.Exists(folder))
        {
            await context.Error.WriteLineAsync($"The folder {folder} does not exist.");
            return ExitCodes.Problem;
        }

        var from = SoukCommands.Describe(context.Provider, context.ConnectionString);
        await context.Error.WriteLineAsync($"backup: copying {from} to {to}…");
        // The configured connection string as Souk uses it: in WAL mode the backup reads a snapshot and writers go on.
        await using (var source = new SqliteConnection(context.ConnectionString))
        await using (var target = new SqliteConnection(Target(to, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(context.Cancellation);
            await target.OpenAsync(context.Cancellation);
            source.BackupDatabase(target);
        }

        // Read the copy back, so "done" means the file opens as a database and holds the orders.
        long orders;
        await using (var copy = new SqliteConnection(Target(to, SqliteOpenMode.ReadOnly)))
        {
            await copy.OpenAsync(context.Cancellation);
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"Orders\"";
            orders = (long)(await count.ExecuteScalarAsync(context.Cancellation))!;
        }
        await context.Out.WriteLineAsync($"Backed up {from} to {to}: {new FileInfo(to).Length:N0} bytes, {orders:N0} order(s).");
        return ExitCodes.Ok;
    }

    /// <summary>Unpooled, so the file is closed when the command ends (the caller may move it at once).</summary>
    private static string Target(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ConnectionString;
}
