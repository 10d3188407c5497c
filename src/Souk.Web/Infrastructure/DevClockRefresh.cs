using Microsoft.Extensions.Options;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>
/// While the development clock is enabled, requests re-read the shared offset (at most every 200 ms of real time,
/// so it costs little under load), so a clock moved through one process is soon the clock of all of them.
/// </summary>
public sealed class DevClockRefresh(RequestDelegate next, SoukClock clock, IOptions<SoukOptions> options)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(200);
    private long _lastRefresh;

    public async Task InvokeAsync(HttpContext http, SoukDbContext db)
    {
        if (options.Value.DevClock.Enabled)
        {
            var last = Interlocked.Read(ref _lastRefresh);
            var now = Environment.TickCount64;
            if (now - last >= RefreshEvery.TotalMilliseconds && Interlocked.CompareExchange(ref _lastRefresh, now, last) == last)
                await clock.RefreshAsync(db, http.RequestAborted);
        }
        await next(http);
    }
}
