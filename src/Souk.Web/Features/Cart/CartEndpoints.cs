using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Cart;

/// <summary>The buyer's cart: add, change and remove lines (ChangeCart.cs), and read it grouped by store (ReadCart.cs).</summary>
public static class CartEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart").RequireAuthorization(Roles.Buyer);
        ChangeCart.Map(cart);
        ReadCart.Map(cart);
    }
}

/// <summary>A cart line with its listing as it is now.</summary>
public sealed record CartLine(CartItem Item, Listing Listing);

/// <summary>One store's part of the cart: what becomes one order at checkout.</summary>
public sealed record StoreCart(long StoreId, string StoreName, IReadOnlyList<CartLine> Lines)
{
    /// <summary>The currency of the store's lines, or null when they mix currencies (such a cart cannot be ordered).</summary>
    public string? Currency => ForRules().Currency;

    /// <summary>The lines as the place-order rules read them (<see cref="PlaceOrderRules"/>).</summary>
    public PlaceOrderRules.StoreLines ForRules() => new(StoreId, StoreName, Lines.Select(l => new PlaceOrderRules.Line(l.Listing, l.Item.Quantity)).ToList());

    /// <summary>
    /// The shipping methods every line of the store offers — one order ships one way — priced for the whole order
    /// (each line's price for the method, summed) with the longest delivery estimate (none if any line has none).
    /// </summary>
    public IReadOnlyList<ShippingOption> CommonShipping()
    {
        var first = Lines[0].Listing.ShippingOptions;
        return first
            .Where(option => Lines.All(l => l.Listing.FindShipping(option.Code) is not null))
            .Select(option =>
            {
                var perLine = Lines.Select(l => l.Listing.FindShipping(option.Code)!).ToList();
                return new ShippingOption(option.Code, option.Name, perLine.Sum(s => s.PriceMinor),
                    perLine.All(s => s.DeliveryDays is not null) ? perLine.Max(s => s.DeliveryDays) : null);
            })
            .ToList();
    }

    /// <summary>Loads the buyer's cart with current listings, grouped by store in the order the buyer first added to it.</summary>
    public static async Task<IReadOnlyList<StoreCart>> LoadAsync(SoukDbContext db, string buyerId, CancellationToken ct)
    {
        var items = await db.CartItems.Where(c => c.BuyerId == buyerId).OrderBy(c => c.Id).ToListAsync(ct);
        var ids = items.Select(i => i.ListingId).ToList();
        var listings = await db.Listings.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var storeIds = listings.Values.Select(l => l.StoreId).Distinct().ToList();
        var names = await db.Stores.Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        // Listings are never deleted, only delisted; a line without one could only come from a damaged row and is left out.
        return items.Where(i => listings.ContainsKey(i.ListingId))
            .Select(i => new CartLine(i, listings[i.ListingId]))
            .GroupBy(l => l.Listing.StoreId)
            .Select(g => new StoreCart(g.Key, names.GetValueOrDefault(g.Key, ""), g.ToList()))
            .ToList();
    }
}
