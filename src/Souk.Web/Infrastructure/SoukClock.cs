using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Souk's clock: the host's <see cref="TimeProvider"/> plus the development offset. The offset is stored in the
/// database so every process shares it; <see cref="RefreshAsync"/> re-reads it (per request and per sweep while
/// the development clock is enabled).
/// </summary>
public sealed class SoukClock(TimeProvider inner) : TimeProvider
{
    public const string OffsetKey = "dev-clock-offset-ticks";

    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>
    /// The host's time without the development offset: for what clients measure in wall-clock time (how long an
    /// Idempotency-Key is kept), which a demo moving Souk's clock days ahead must not cut short.
    /// </summary>
    public TimeProvider RealTime => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    public async Task RefreshAsync(SoukDbContext db, CancellationToken ct)
    {
        var row = await db.SharedSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == OffsetKey, ct);
        Interlocked.Exchange(ref _offsetTicks, row is null ? 0 : long.Parse(row.Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Moves the shared clock forward; it never goes back, so no deadline fires twice.</summary>
    public async Task AdvanceAsync(SoukDbContext db, TimeSpan by, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.SharedSettings.FirstOrDefaultAsync(s => s.Key == OffsetKey, ct);
        if (row is null)
        {
            row = new SharedSetting { Key = OffsetKey, Value = "0" };
            db.SharedSettings.Add(row);
        }
        var ticks = long.Parse(row.Value, CultureInfo.InvariantCulture) + by.Ticks;
        row.Value = ticks.ToString(CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Interlocked.Exchange(ref _offsetTicks, ticks);
    }
}
