using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Stores;

/// <summary>The seller's own store, and any store by id for everyone (signed in or not).</summary>
public static class ReadStores
{
    public static void Map(RouteGroupBuilder stores)
    {
        stores.MapGet("/mine", Mine).RequireAuthorization(Roles.Seller)
            .WithName("my-store").WithSummary("The signed-in seller's store")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        stores.MapGet("/{id:long}", Get).AllowAnonymous()
            .WithName("get-store").WithSummary("A store's public page: name, opening date, number of listings")
            .ProducesProblem(404);
    }

    private static async Task<Ok<StoreView>> Mine(ActorAccessor actors, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await StoreView.OfAsync(await StoreEndpoints.MyStoreAsync(actors, db, ct), db, ct));

    private static async Task<Ok<StoreView>> Get(long id, SoukDbContext db, CancellationToken ct)
    {
        var store = await db.Stores.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException("store.not-found", RefusalMessages.Render("store.not-found", new Dictionary<string, object?>()));
        return TypedResults.Ok(await StoreView.OfAsync(store, db, ct));
    }
}
