using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Souk.Data;
using Souk.Web.Features;
using Souk.Web.Infrastructure;

namespace Souk.Web.Operations;

/// <summary>What a command needs of the database before it runs.</summary>
public enum DatabaseNeed
{
    /// <summary>Nothing: the command creates what is missing (<c>migrate</c>).</summary>
    None,

    /// <summary>The database must exist (a SQLite file is never created by a command that only reads it).</summary>
    Exists,

    /// <summary>The database must exist with every migration applied.</summary>
    Migrated,
}

/// <summary>One operations command: its name, help, options and what it does.</summary>
public sealed record OpsCommand(
    string Name,
    string Summary,
    string Help,
    IReadOnlyList<CommandOption> Options,
    DatabaseNeed Needs,
    Func<CommandContext, Task<int>> RunAsync);

/// <summary>What a running command gets: Souk's services (one scope), its options, where to write, the database.</summary>
public sealed class CommandContext(IServiceProvider services, CommandLine line, TextWriter output, TextWriter error,
    DatabaseProvider provider, string connectionString, CancellationToken cancellation)
{
    public IServiceProvider Services { get; } = services;
    public CommandLine Line { get; } = line;

    /// <summary>The command's result (a summary, the export) — what a script pipes on.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Progress and problems, so they never mix into the result.</summary>
    public TextWriter Error { get; } = error;

    public DatabaseProvider Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;
    public CancellationToken Cancellation { get; } = cancellation;
    public SoukDbContext Db => Services.GetRequiredService<SoukDbContext>();
}

/// <summary>
/// The operations commands on Souk's own executable (<c>dotnet Souk.Web.dll check-ledger</c>). Each builds Souk's
/// services exactly as the server does — same configuration sources, same registrations — but does not start the web
/// server or the background loops: it runs, prints, and returns an exit code (<see cref="ExitCodes"/>).
/// </summary>
public static class SoukCommands
{
    public static IReadOnlyList<OpsCommand> All { get; } =
        [MigrateCommand.Command, SeedDemoCommand.Command, CheckLedgerCommand.Command, ExportOrdersCommand.Command, BackupCommand.Command];

    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];

    /// <summary>
    /// Is this a command line for a command rather than for the server? The server's own arguments are all switches
    /// (<c>--urls …</c>), so a first argument that is a word (known or not) or a help switch is meant for us.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || HelpWords.Contains(args[0]));

    public static string Overview => $"""
        Souk operations commands, run instead of the server:
          dotnet Souk.Web.dll <command> [options]
          dotnet run --project src/Souk.Web -- <command> [options]

        Commands:
        {string.Join(Environment.NewLine, All.Select(c => $"  {c.Name,-15} {c.Summary}"))}

        Every command reads the server's configuration: appsettings.json, environment variables
        (ConnectionStrings__Souk, Souk__Database__Provider) and --Key:Path switches
        (--Souk:Database:Provider Postgres --ConnectionStrings:Souk "Host=…").
        '<command> --help' shows a command's options.

        {ExitCodes.Table}
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (args.Length == 0 || HelpWords.Contains(args[0]))
        {
            if (args.Length > 1 && All.FirstOrDefault(c => c.Name == args[1]) is { } asked)
                await output.WriteLineAsync(HelpOf(asked));
            else
                await output.WriteLineAsync(Overview);
            return ExitCodes.Ok;
        }

        var command = All.FirstOrDefault(c => c.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command '{args[0]}'.");
            await error.WriteLineAsync();
            await error.WriteLineAsync(Overview);
            return ExitCodes.Usage;
        }

        CommandLine line;
        try
        {
            line = CommandLine.Parse(args[1..], command.Options);
        }
        catch (UsageException e)
        {
            return await UsageErrorAsync(command, e, error);
        }
        if (line.HelpRequested)
        {
            await output.WriteLineAsync(HelpOf(command));
            return ExitCodes.Ok;
        }

        WebApplication app;
        try
        {
            app = BuildServices(line.ConfigurationArgs, error);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is InvalidOperationException))
        {
            // The service provider's own validation (on in Development): a registration that cannot be built is a fault in
            // Souk, not in the operator's configuration, so it must not read as one.
            await error.WriteLineAsync($"Souk's services cannot be built (a fault in Souk, not in your configuration; please report it): {Messages(e)}");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            // A policy that fails validation, a Postgres provider without a connection string, a value of the wrong type.
            await error.WriteLineAsync($"Souk's configuration cannot be used: {Messages(e)}");
            return ExitCodes.Usage;
        }

        await using (app)
        {
            var (provider, connectionString) = app.Configuration.SoukDatabase();
            using var scope = app.Services.CreateScope();
            var context = new CommandContext(scope.ServiceProvider, line, output, error, provider, connectionString, ct);
            try
            {
                if (await CheckDatabaseAsync(command, context) is { } refused) return refused;
                return await command.RunAsync(context);
            }
            catch (UsageException e)
            {
                return await UsageErrorAsync(command, e, error);
            }
            catch (Exception e) when (Find<DbException>(e) is not null || Find<System.Net.Sockets.SocketException>(e) is not null)
            {
                await error.WriteLineAsync($"Cannot use the database ({Describe(provider, connectionString)}): {Messages(e)}");
                return ExitCodes.DatabaseUnavailable;
            }
            catch (Exception e)
            {
                await error.WriteLineAsync($"{command.Name} failed: {e.GetType().Name}: {Messages(e)}");
                return ExitCodes.Failed;
            }
        }
    }

    public static string HelpOf(OpsCommand command) => $"""
        {command.Name}: {command.Summary}

        {command.Help.TrimEnd()}

        Configuration switches (any --Key:Path value, e.g. --ConnectionStrings:Souk "Data Source=/srv/souk.db")
        and environment variables are read as the server reads them.

        {ExitCodes.Table}
        """;

    /// <summary>Souk's services as the server registers them, without starting the server or its background loops.</summary>
    private static WebApplication BuildServices(List<string> configurationArgs, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. configurationArgs] });
        // The command's output is its result; the server's console logging (JSON in production) would mix into it.
        // Warnings and errors still reach stderr as one line each.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new WriterLoggerProvider(error, showLevel: true));
        builder.Logging.AddFilter<WriterLoggerProvider>((_, level) => level >= LogLevel.Warning);
        // The server's registrations without its background loops (AddSoukBackgroundWork) and telemetry exporters: a
        // command is a short run, the server's sweeper and dispatcher must not start inside it.
        builder.AddSoukPolicy()
            .AddSoukPayments()
            .AddSoukData()
            .AddSoukAccounts()
            .AddSoukApi();
        return builder.Build();
    }

    private static async Task<int?> CheckDatabaseAsync(OpsCommand command, CommandContext context)
    {
        if (command.Needs == DatabaseNeed.None) return null;
        if (context.Provider == DatabaseProvider.Sqlite && SqliteFile(context.ConnectionString) is { } path && !File.Exists(path))
        {
            // Opening it would create an empty file, and the command would then fail on missing tables.
            await context.Error.WriteLineAsync($"There is no SQLite database at {path}. Point {SoukConfiguration.ConnectionStringKey} at Souk's database, or run 'migrate' to create it.");
            return ExitCodes.DatabaseUnavailable;
        }
        if (command.Needs == DatabaseNeed.Migrated)
        {
            var pending = (await context.Db.Database.GetPendingMigrationsAsync(context.Cancellation)).ToList();
            if (pending.Count > 0)
            {
                await context.Error.WriteLineAsync($"The database ({Describe(context.Provider, context.ConnectionString)}) is not migrated: "
                    + $"{pending.Count} migration(s) pending ({string.Join(", ", pending)}). Run 'migrate' first (Souk also applies them when it starts).");
                return ExitCodes.DatabaseUnavailable;
            }
        }
        return null;
    }

    /// <summary>The SQLite file a connection string names, as a full path; null for an in-memory database.</summary>
    public static string? SqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Which database, without the password.</summary>
    public static string Describe(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite) return $"SQLite {SqliteFile(connectionString) ?? "in memory"}";
        try
        {
            var pg = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL database '{pg.Database}' on {pg.Host}:{pg.Port}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (the connection string cannot be read)";
        }
    }

    private static async Task<int> UsageErrorAsync(OpsCommand command, UsageException e, TextWriter error)
    {
        await error.WriteLineAsync(e.Message);
        await error.WriteLineAsync();
        await error.WriteLineAsync($"Usage: {command.Help.Split('\n')[0].Trim()}");
        await error.WriteLineAsync($"'{command.Name} --help' shows every option.");
        return ExitCodes.Usage;
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T found) return found;
        return null;
    }

    /// <summary>The messages down the chain of causes, on one line — never a stack trace.</summary>
    private static string Messages(Exception e)
    {
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (!messages.Contains(x.Message)) messages.Add(x.Message);
        return string.Join(" ← ", messages).ReplaceLineEndings(" ");
    }
}
