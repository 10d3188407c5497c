using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Listings;

/// <summary>A seller lists a product in their store: price, stock, handling time (1–30 days), shipping options.</summary>
public static class CreateListing
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapPost("/", Handle).RequireAuthorization(Roles.Seller)
            .WithName("create-listing")
            .WithSummary("List a product in the seller's store; it is listed at once")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);

    internal static async Task<Created<ListingView>> Handle(ListingBody body, ActorAccessor actors, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        var details = body.ToDetails();
        if (actor.StoreId is not { } storeId) throw RuleViolation.Refused("listing.no-store").ToException();
        if (await db.Stores.AnyAsync(s => s.Id == storeId && s.BlockedAt != null, ct))
            throw RuleViolation.Refused("listing.store-blocked").ToException();
        var listing = new Listing(storeId, details, clock.GetUtcNow());
        db.Listings.Add(listing);
        await db.SaveChangesAsync(ct);
        var storeName = (await db.Stores.FindAsync([storeId], ct))!.Name;
        return TypedResults.Created($"/api/listings/{listing.Id}", ListingView.Of(listing, storeName));
    }
}
