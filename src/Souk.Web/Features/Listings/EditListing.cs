using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Data;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Listings;

/// <summary>
/// The seller replaces a listing's title, price, stock, handling time and shipping options. Orders already placed
/// keep the title and price they had; carts show the new ones. The currency never changes.
/// </summary>
public static class EditListing
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapPut("/{id:long}", Handle).RequireAuthorization(Roles.Seller)
            .WithName("edit-listing")
            .WithSummary("Replace a listing's details (same body as creating; the currency cannot change)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);

    internal static async Task<Ok<ListingView>> Handle(long id, ListingBody body, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        // In the write transaction: a checkout reserving stock at the same moment is serialized with this edit.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var listing = await ListingEndpoints.MyListingAsync(id, actors, db, ct);
        listing.Update(body.ToDetails());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var storeName = (await db.Stores.FindAsync([listing.StoreId], ct))!.Name;
        return TypedResults.Ok(ListingView.Of(listing, storeName));
    }
}
