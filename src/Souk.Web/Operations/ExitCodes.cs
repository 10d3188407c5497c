namespace Souk.Web.Operations;

/// <summary>What an operations command's exit code means; the same for every command (README, docs/operations.md).</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing wrong.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found a problem or refused to act: the ledger does not balance, the database
    /// already has data, no such buyer, the backup file already exists.</summary>
    public const int Problem = 1;

    /// <summary>The command line or the configuration is wrong: unknown command or option, missing or bad value.</summary>
    public const int Usage = 2;

    /// <summary>The database cannot be used: unreachable, missing, or its schema not migrated (run <c>migrate</c>).</summary>
    public const int DatabaseUnavailable = 3;

    /// <summary>The command does not work on the configured database provider (<c>backup</c> on PostgreSQL).</summary>
    public const int NotSupported = 4;

    /// <summary>Something unexpected failed; the message says what.</summary>
    public const int Failed = 5;

    public const string Table = """
        Exit codes:
          0  done, nothing wrong
          1  a problem was found or the command refused (ledger imbalance, data already there, no such buyer, file exists)
          2  usage or configuration error (unknown command or option, missing or bad value)
          3  the database cannot be used (unreachable, missing, or not migrated: run migrate)
          4  not supported on the configured database provider (backup on PostgreSQL: use pg_dump)
          5  unexpected failure (the message says what)
        """;
}
