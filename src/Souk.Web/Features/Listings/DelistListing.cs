using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Listings;

/// <summary>
/// The seller takes a listing off sale and puts it back. A delisted listing leaves the public list and cannot be
/// bought; carts keep it, flagged. Both are idempotent, so an integrator may safely retry.
/// </summary>
public static class DelistListing
{
    public static void Map(RouteGroupBuilder listings)
    {
        listings.MapPost("/{id:long}/delist", Delist).RequireAuthorization(Roles.Seller)
            .WithName("delist-listing").WithSummary("Take a listing off sale (idempotent)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
        listings.MapPost("/{id:long}/relist", Relist).RequireAuthorization(Roles.Seller)
            .WithName("relist-listing").WithSummary("Put a delisted listing back on sale (idempotent)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
    }

    internal static async Task<Ok<ListingView>> Delist(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var listing = await ListingEndpoints.MyListingAsync(id, actors, db, ct);
        listing.Delist();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ListingView.Of(listing, (await db.Stores.FindAsync([listing.StoreId], ct))!.Name));
    }

    internal static async Task<Ok<ListingView>> Relist(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var listing = await ListingEndpoints.MyListingAsync(id, actors, db, ct);
        if (await db.Stores.AnyAsync(s => s.Id == listing.StoreId && s.BlockedAt != null, ct))
            throw RuleViolation.Refused("listing.store-blocked").ToException();
        listing.Relist();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ListingView.Of(listing, (await db.Stores.FindAsync([listing.StoreId], ct))!.Name));
    }
}
