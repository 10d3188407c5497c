using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Data;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Stores;

/// <summary>The seller renames their store. Orders show the store's current name.</summary>
public static class RenameStore
{
    public sealed record Body(string? Name);

    public static void Map(RouteGroupBuilder stores) =>
        stores.MapPut("/mine", Handle).RequireAuthorization(Roles.Seller)
            .WithName("rename-store").WithSummary("Rename the seller's store")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);

    private static async Task<Ok<StoreView>> Handle(Body body, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var store = await StoreEndpoints.MyStoreAsync(actors, db, ct);
        store.Rename(body.Name ?? "");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await StoreView.OfAsync(store, db, ct));
    }
}
