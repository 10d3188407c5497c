using Microsoft.Extensions.Options;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>
/// While the development clock is enabled, every request first reads the shared offset, so a clock moved through
/// one process is the clock of all of them.
/// </summary>
public sealed class DevClockRefresh(RequestDelegate next, SoukClock clock, IOptions<SoukOptions> options)
{
    public async Task InvokeAsync(HttpContext http, SoukDbContext db)
    {
        if (options.Value.DevClock.Enabled) await clock.RefreshAsync(db, http.RequestAborted);
        await next(http);
    }
}
