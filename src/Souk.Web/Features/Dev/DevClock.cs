using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Deadlines;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Dev;

/// <summary>
/// Moves Souk's clock forward for demos and tests (<c>Souk:DevClock:Enabled</c>; on in Development only), then
/// sweeps at once so every deadline now due has fired — each at its own due time — before the answer.
/// </summary>
public static class DevClock
{
    /// <param name="Sweep">Fire what is now due before answering (the default); false leaves it to the background
    /// sweeper, as after a real outage — how the reliability suite checks the sweeper catches up.</param>
    public sealed record Body(TimeSpan? Advance, bool? Sweep = null);
    public sealed record ClockView(DateTimeOffset Now, TimeSpan Offset, int OrdersChanged);

    public static void Map(RouteGroupBuilder api)
    {
        var dev = api.MapGroup("/dev").WithTags("Development");
        dev.MapGet("/clock", Get).WithName("get-clock").WithSummary("Souk's current time and the development offset")
            .ProducesProblem(404);
        dev.MapPost("/clock", Advance).WithName("advance-clock")
            .WithSummary("Move Souk's clock forward, e.g. {\"advance\":\"3.00:00:00\"}, and fire every deadline now due (\"sweep\": false leaves that to the background sweeper)")
            .ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<Ok<ClockView>> Get(SoukClock clock, SoukDbContext db, IOptions<SoukOptions> options, CancellationToken ct)
    {
        RequireEnabled(options.Value);
        await clock.RefreshAsync(db, ct);
        return TypedResults.Ok(new ClockView(clock.GetUtcNow(), clock.Offset, 0));
    }

    private static async Task<Ok<ClockView>> Advance(Body body, SoukClock clock, SoukDbContext db, DeadlineSweeper sweeper,
        IOptions<SoukOptions> options, CancellationToken ct)
    {
        RequireEnabled(options.Value);
        if (body.Advance is not { } by || by <= TimeSpan.Zero || by > TimeSpan.FromDays(3650))
            throw RuleViolation.Invalid("dev-clock.advance-invalid", "advance").ToException();
        await clock.AdvanceAsync(db, by, ct);
        var changed = body.Sweep is false ? 0 : await sweeper.SweepAsync(ct);
        return TypedResults.Ok(new ClockView(clock.GetUtcNow(), clock.Offset, changed));
    }

    private static void RequireEnabled(SoukOptions options)
    {
        if (!options.DevClock.Enabled)
            throw new NotFoundException("dev-clock.disabled", "The development clock is disabled (Souk:DevClock:Enabled).");
    }
}
