using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Souk.Bench;

/// <summary>
/// Counts the SQL commands EF sends from the bench's own contexts (the sweep) and the time spent waiting for them,
/// so the report can say where a sweep's time goes: round trips to the database, or work in the process.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public static CommandCounter Instance { get; } = new();

    private long _commands;
    private long _waitTicks;

    public long Commands => Interlocked.Read(ref _commands);
    public TimeSpan Waiting => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _waitTicks, 0);
    }

    private void Record(CommandExecutedEventData data)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _waitTicks, data.Duration.Ticks);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
    {
        Record(eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        Record(eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
    {
        Record(eventData);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The machine's load, printed next to each part: the numbers are only as quiet as the machine was.</summary>
public static class Machine
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    public static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
