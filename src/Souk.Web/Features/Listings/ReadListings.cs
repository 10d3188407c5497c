using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Features.Stores;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Listings;

/// <summary>
/// Browsing: the public list of what is on sale (newest first, keyset paging, by store, by words in the title), one
/// listing, and a seller's own listings including delisted ones.
/// </summary>
public static class ReadListings
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 100;

    public sealed record ListingPage(IReadOnlyList<ListingView> Listings, string? NextCursor);

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder listings)
    {
        listings.MapGet("/", List).AllowAnonymous().WithName("list-listings")
            .WithSummary("Listings on sale, newest first; filter by storeId or words in the title (q); keyset paging with cursor")
            .ProducesProblem(400);
        listings.MapGet("/{id:long}", Get).AllowAnonymous().WithName("get-listing")
            .WithSummary("One listing: price, stock, handling time, shipping options and its store. A delisted one says so (isListed false)")
            .ProducesProblem(404);
        api.MapGet("/stores/mine/listings", Mine).RequireAuthorization(Roles.Seller).WithTags("Listings").WithName("my-listings")
            .WithSummary("The seller's own listings, delisted ones included, newest first; keyset paging with cursor")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<Ok<ListingPage>> List(long? storeId, string? q, string? cursor, int? limit, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await BrowseAsync(storeId, q, cursor, limit, db, ct));

    /// <summary>Browsing itself, shared by the API and the catalogue page.</summary>
    public static async Task<ListingPage> BrowseAsync(long? storeId, string? q, string? cursor, int? limit, SoukDbContext db, CancellationToken ct)
    {
        var query = db.Listings.AsNoTracking().Where(l => l.IsListed);
        if (storeId is { } store) query = query.Where(l => l.StoreId == store);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim();
            if (words.Length > MaxQueryLength)
                throw RuleViolation.Invalid("listings.bad-query", "q", ("maxLength", MaxQueryLength)).ToException();
            // LIKE with the wildcards escaped: a buyer searching for "50%" means the characters, not a pattern.
            // Lower-cased on both sides: LIKE ignores case on SQLite but not on PostgreSQL.
            var pattern = "%" + words.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(l => EF.Functions.Like(l.Title.ToLower(), pattern, "\\"));
        }
        return await PageAsync(query, cursor, limit, db, ct);
    }

    private static async Task<Ok<ListingView>> Get(long id, SoukDbContext db, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw ListingEndpoints.NotFound();
        var storeName = await db.Stores.Where(s => s.Id == listing.StoreId).Select(s => s.Name).FirstAsync(ct);
        return TypedResults.Ok(ListingView.Of(listing, storeName));
    }

    internal static async Task<Ok<ListingPage>> Mine(string? cursor, int? limit, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var store = await StoreEndpoints.MyStoreAsync(actors, db, ct);
        return TypedResults.Ok(await PageAsync(db.Listings.AsNoTracking().Where(l => l.StoreId == store.Id), cursor, limit, db, ct));
    }

    private static async Task<ListingPage> PageAsync(IQueryable<Listing> query, string? cursor, int? limit, SoukDbContext db, CancellationToken ct)
    {
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var after) || after <= 0)
                throw RuleViolation.Invalid("listings.bad-cursor", "cursor").ToException();
            query = query.Where(l => l.Id < after);
        }
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
            throw RuleViolation.Invalid("listings.bad-limit", "limit", ("max", MaxPageSize)).ToException();

        var rows = await query.OrderByDescending(l => l.Id).Take(size + 1).ToListAsync(ct);
        var page = rows.Take(size).ToList();
        var storeIds = page.Select(l => l.StoreId).Distinct().ToList();
        var names = await db.Stores.Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var next = rows.Count > size ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new ListingPage(page.Select(l => ListingView.Of(l, names.GetValueOrDefault(l.StoreId, ""))).ToList(), next);
    }
}
