using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Stores;

/// <summary>A seller opens their store. One store per seller account (spec §1).</summary>
public static class OpenStore
{
    public sealed record Body(string? Name);

    public static void Map(RouteGroupBuilder stores) =>
        stores.MapPost("/", Handle).RequireAuthorization(Roles.Seller)
            .WithName("open-store").WithSummary("Open the seller's store (one per seller)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);

    internal static async Task<Created<StoreView>> Handle(Body body, ActorAccessor actors, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var sellerId = actors.UserId;
        var store = new Store(sellerId, body.Name ?? "", clock.GetUtcNow());
        // Checked inside the write transaction so two racing requests cannot both pass; the unique index is the backstop.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Stores.AnyAsync(s => s.OwnerId == sellerId, ct))
            throw RuleViolation.Refused("store.already-open").ToException();
        db.Stores.Add(store);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/stores/{store.Id}", new StoreView(store.Id, store.Name, store.OpenedAt, 0));
    }
}
