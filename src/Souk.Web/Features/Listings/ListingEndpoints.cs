using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Listings;

/// <summary>
/// The listing routes: a seller creates, edits, delists and relists their store's listings; anyone browses what is
/// listed (ReadListings.cs).
/// </summary>
public static class ListingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var listings = api.MapGroup("/listings").WithTags("Listings");
        CreateListing.Map(listings);
        EditListing.Map(listings);
        DelistListing.Map(listings);
        ReadListings.Map(api, listings);
    }

    /// <summary>A listing of the signed-in seller's store. Another store's listing answers 404 like an unknown one.</summary>
    public static async Task<Listing> MyListingAsync(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        var listing = await db.Listings.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (listing is null || actor.StoreId is not { } storeId || listing.StoreId != storeId) throw NotFound();
        return listing;
    }

    public static NotFoundException NotFound() => new("listing.not-found", RefusalMessages.Render("listing.not-found", new Dictionary<string, object?>()));
}

/// <summary>What a seller sends to create or edit a listing. Prices are integer minor units (cents, kopecks).</summary>
public sealed record ListingBody(string? Title, long? Price, string? Currency, int? Stock, int? HandlingDays, List<ShippingOptionBody?>? ShippingOptions)
{
    /// <summary>Missing numbers are refused here with the domain's own codes; the domain checks the rest.</summary>
    public ListingDetails ToDetails() => new(
        Title ?? "",
        Price ?? throw RuleViolation.Invalid("listing.price-invalid", "price", ("max", Listing.MaxPriceMinor),
            ("currency", Listing.CurrencyOrNull(Currency?.Trim()))).ToException(),
        Currency?.Trim() ?? "",
        Stock ?? throw RuleViolation.Invalid("listing.stock-invalid", "stock", ("max", Listing.MaxStock)).ToException(),
        HandlingDays ?? throw RuleViolation.Invalid("listing.handling-days-out-of-range", "handlingDays",
            ("min", Listing.MinHandlingDays), ("max", Listing.MaxHandlingDays)).ToException(),
        (ShippingOptions ?? []).Select(s => s is null
            ? throw RuleViolation.Invalid("listing.shipping-invalid", "shippingOptions").ToException()
            : new ShippingOption(s.Code ?? "", s.Name ?? "",
                s.Price ?? throw RuleViolation.Invalid("listing.shipping-price-invalid", "shippingOptions", ("max", Listing.MaxPriceMinor),
                    ("currency", Listing.CurrencyOrNull(Currency?.Trim()))).ToException(),
                s.DeliveryDays)).ToList());
}

/// <summary>A shipping option: its price per order line and, when the carrier gives one, its delivery estimate in days.</summary>
public sealed record ShippingOptionBody(string? Code, string? Name, long? Price, int? DeliveryDays = null);

/// <summary>A listing as buyers and its seller see it.</summary>
public sealed record ListingView(
    long Id,
    long StoreId,
    string StoreName,
    string Title,
    long Price,
    string Currency,
    int Stock,
    int HandlingDays,
    string ShipsWithin,
    bool IsListed,
    bool Buyable,
    IReadOnlyList<ShippingOptionView> ShippingOptions,
    DateTimeOffset CreatedAt,
    int Version)
{
    public static ListingView Of(Listing l, string storeName) => new(
        l.Id, l.StoreId, storeName, l.Title, l.PriceMinor, l.Currency, l.Stock, l.HandlingDays, ShipsWithinText(l.HandlingDays),
        l.IsListed, l.CanBeBought, l.ShippingOptions.Select(ShippingOptionView.Of).ToList(), l.CreatedAt, l.Version);

    /// <summary>The handling time as buyers read it on the listing.</summary>
    public static string ShipsWithinText(int days) => days == 1 ? "Ships within 1 day" : $"Ships within {days} days";
}

public sealed record ShippingOptionView(string Code, string Name, long Price, int? DeliveryDays)
{
    public static ShippingOptionView Of(ShippingOption s) => new(s.Code, s.Name, s.PriceMinor, s.DeliveryDays);
}
