using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Admin;

/// <summary>
/// Buyers blocked from ordering after too many orders expired unpaid (spec §3, Place order) stay blocked until an
/// admin lifts the block; from then on only new expiries count towards the next block.
/// </summary>
public static class BuyerBlocks
{
    /// <summary>The most recently blocked first; the list never grows without bound.</summary>
    public const int MaxRows = 200;

    public sealed record BlockedBuyer(string BuyerId, string Email, string DisplayName, DateTimeOffset BlockedAt, DateTimeOffset? PreviousBlockLiftedAt);
    public sealed record StandingView(string BuyerId, bool Blocked, DateTimeOffset? BlockedAt, DateTimeOffset? BlockLiftedAt, string? LiftedBy);

    public static void Map(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Roles.Admin);
        admin.MapGet("/blocked-buyers", List).WithName("list-blocked-buyers")
            .WithSummary("Buyers blocked from ordering, most recently blocked first (at most 200)")
            .ProducesProblem(401).ProducesProblem(403);
        admin.MapPost("/buyers/{buyerId}/lift-block", Lift).WithName("lift-buyer-block")
            .WithSummary("Lift a buyer's ordering block")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
    }

    internal static async Task<Ok<List<BlockedBuyer>>> List(SoukDbContext db, CancellationToken ct)
    {
        var blocked = await db.BuyerStandings.AsNoTracking().Where(b => b.BlockedAt != null).OrderByDescending(b => b.BlockedAt)
            .Take(MaxRows).ToListAsync(ct);
        var ids = blocked.Select(b => b.BuyerId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return TypedResults.Ok(blocked.Select(b => new BlockedBuyer(b.BuyerId, users.GetValueOrDefault(b.BuyerId)?.Email ?? "",
            users.GetValueOrDefault(b.BuyerId)?.DisplayName ?? "", b.BlockedAt!.Value, b.BlockLiftedAt)).ToList());
    }

    internal static async Task<Ok<StandingView>> Lift(string buyerId, ActorAccessor actors, SoukDbContext db, UserManager<SoukUser> users,
        TimeProvider clock, CancellationToken ct)
    {
        var adminId = actors.UserId;
        var user = buyerId.Length <= 64 ? await users.FindByIdAsync(buyerId) : null;
        if (user is null || !await users.IsInRoleAsync(user, Roles.Buyer))
            throw new NotFoundException("buyer.not-found", RefusalMessages.Render("buyer.not-found", new Dictionary<string, object?>()));

        // In the write transaction: a block recorded by the sweeper at this moment is not overwritten blindly.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var standing = await db.BuyerStandings.FirstOrDefaultAsync(b => b.BuyerId == buyerId, ct)
            ?? throw RuleViolation.Refused("buyer-block.not-blocked").ToException();
        standing.LiftBlock(adminId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new StandingView(standing.BuyerId, standing.IsBlocked, standing.BlockedAt, standing.BlockLiftedAt, standing.LiftedBy));
    }
}
