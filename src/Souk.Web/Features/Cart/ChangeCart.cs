using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Features.Listings;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Cart;

/// <summary>
/// The buyer puts listings in the cart, changes quantities and takes lines out. Only what can be bought now goes in;
/// prices are not kept here — the cart always shows, and checkout always charges, the listing's current price.
/// </summary>
public static class ChangeCart
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;

    /// <summary>Distinct listings in one cart. With the price and quantity caps it keeps every order total inside a long.</summary>
    public const int MaxLines = 100;

    public sealed record AddBody(long? ListingId, int? Quantity);
    public sealed record QuantityBody(int? Quantity);

    public static void Map(RouteGroupBuilder cart)
    {
        cart.MapPost("/items", Add).WithName("add-to-cart")
            .WithSummary("Put a listing in the cart; a listing already there gets the quantity added (1–999 per line)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        cart.MapPut("/items/{listingId:long}", SetQuantity).WithName("set-cart-quantity")
            .WithSummary("Change the quantity of a cart line (1–999)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        cart.MapDelete("/items/{listingId:long}", Remove).WithName("remove-from-cart")
            .WithSummary("Take a line out of the cart")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
    }

    private static async Task<Ok<ReadCart.CartView>> Add(AddBody body, ActorAccessor actors, SoukDbContext db, TimeProvider clock, Rulebook rules,
        CancellationToken ct)
    {
        await AddAsync(actors.UserId, body, db, clock, ct);
        return TypedResults.Ok(await ReadCart.ViewAsync(db, actors.UserId, clock, rules, ct));
    }

    /// <summary>Adding to the cart itself, shared by the API and the catalogue page.</summary>
    public static async Task AddAsync(string buyerId, AddBody body, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (body.ListingId is not { } listingId) throw RuleViolation.Invalid("cart.listing-required", "listingId").ToException();
        var quantity = RequireQuantity(body.Quantity ?? 1);

        // Read and write in one write transaction: two racing adds of the same listing end as one line with both quantities.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockCartAsync(db, buyerId, ct);
        var listing = await db.Listings.FirstOrDefaultAsync(l => l.Id == listingId, ct) ?? throw ListingEndpoints.NotFound();
        var item = await db.CartItems.FirstOrDefaultAsync(c => c.BuyerId == buyerId && c.ListingId == listingId, ct);
        var inCart = item?.Quantity ?? 0;
        RequireBuyable(listing, inCart + quantity);
        if (inCart + quantity > MaxQuantity)
            throw RuleViolation.Refused("cart.quantity-limit", null, ("max", MaxQuantity), ("inCart", inCart), ("title", listing.Title)).ToException();
        if (item is null)
        {
            if (await db.CartItems.CountAsync(c => c.BuyerId == buyerId, ct) >= MaxLines)
                throw RuleViolation.Refused("cart.full", null, ("max", MaxLines)).ToException();
            db.CartItems.Add(new CartItem { BuyerId = buyerId, ListingId = listingId, Quantity = quantity, AddedAt = clock.GetUtcNow() });
        }
        else item.Quantity += quantity;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<Ok<ReadCart.CartView>> SetQuantity(long listingId, QuantityBody body, ActorAccessor actors, SoukDbContext db, TimeProvider clock,
        Rulebook rules, CancellationToken ct)
    {
        var buyerId = actors.UserId;
        var quantity = RequireQuantity(body.Quantity);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockCartAsync(db, buyerId, ct);
        var item = await FindItemAsync(db, buyerId, listingId, ct);
        var listing = await db.Listings.FirstOrDefaultAsync(l => l.Id == listingId, ct) ?? throw ListingEndpoints.NotFound();
        RequireBuyable(listing, quantity);
        item.Quantity = quantity;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ReadCart.ViewAsync(db, buyerId, clock, rules, ct));
    }

    private static async Task<Ok<ReadCart.CartView>> Remove(long listingId, ActorAccessor actors, SoukDbContext db, TimeProvider clock, Rulebook rules,
        CancellationToken ct)
    {
        await RemoveAsync(actors.UserId, listingId, db, ct);
        return TypedResults.Ok(await ReadCart.ViewAsync(db, actors.UserId, clock, rules, ct));
    }

    public static async Task RemoveAsync(string buyerId, long listingId, SoukDbContext db, CancellationToken ct)
    {
        db.CartItems.Remove(await FindItemAsync(db, buyerId, listingId, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// One buyer's cart changes queue behind each other. SQLite's write transaction already does that; on PostgreSQL two
    /// racing adds of a new line would both find no row and both insert it (a unique-index violation, once a 500), or
    /// both add to the same row and lose one quantity — a row lock cannot cover a row that does not exist yet, so the
    /// transaction takes an advisory lock on the buyer until it ends.
    /// </summary>
    private static async Task LockCartAsync(SoukDbContext db, string buyerId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"cart:" + buyerId}, 0))", ct);
    }

    private static async Task<CartItem> FindItemAsync(SoukDbContext db, string buyerId, long listingId, CancellationToken ct) =>
        await db.CartItems.FirstOrDefaultAsync(c => c.BuyerId == buyerId && c.ListingId == listingId, ct)
            ?? throw new NotFoundException("cart.item-not-found", RefusalMessages.Render("cart.item-not-found", new Dictionary<string, object?>()));

    private static int RequireQuantity(int? quantity) =>
        quantity is { } q and >= MinQuantity and <= MaxQuantity
            ? q
            : throw RuleViolation.Invalid("cart.quantity-out-of-range", "quantity", ("min", MinQuantity), ("max", MaxQuantity)).ToException();

    /// <summary>The same refusals the cart shows on its lines (ReadCart.Problem), here as answers.</summary>
    private static void RequireBuyable(Listing listing, int quantity)
    {
        if (ReadCart.Problem(listing, quantity) is { } refusal) throw refusal.ToException();
    }
}
