using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Web.Features.Checkout;
using Souk.Web.Features.Listings;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Cart;

/// <summary>
/// The cart grouped by store — each group becomes one order at checkout — with current titles, prices and stock, the
/// shipping methods the whole group can use, and why a line or a group cannot be ordered as it is.
/// </summary>
public static class ReadCart
{
    /// <summary>
    /// <c>CanCheckout</c> is false exactly when checkout would be refused now; <c>CheckoutRefusal</c> then says why, as
    /// checkout's problem would (its code, arguments, sentence and when it becomes possible).
    /// </summary>
    public sealed record CartView(IReadOnlyList<CartStoreView> Stores, int ItemCount, bool CanCheckout, CheckoutRefusalView? CheckoutRefusal);

    /// <summary>The refusal checkout would answer now: the problem's <c>code</c>, <c>arguments</c>, <c>detail</c> and <c>possibleFrom</c>.</summary>
    public sealed record CheckoutRefusalView(string Code, IReadOnlyDictionary<string, object?> Arguments, string Detail, DateTimeOffset? PossibleFrom)
    {
        public static CheckoutRefusalView Of(RuleViolation v) => new(v.Code, v.Arguments, RefusalMessages.Render(v), v.PossibleFrom);
    }

    /// <summary>
    /// One store's lines. <c>Currency</c> and <c>ItemsTotal</c> are null when the lines mix currencies.
    /// <c>ShippingOptions</c> are priced for the whole group.
    /// </summary>
    public sealed record CartStoreView(long StoreId, string StoreName, string? Currency, long? ItemsTotal, IReadOnlyList<CartLineView> Lines,
        IReadOnlyList<ShippingOptionView> ShippingOptions, bool CanCheckout, string? Code, string? Message);

    public sealed record CartLineView(long ListingId, string Title, long Price, string Currency, int Quantity, long LineTotal, int Stock,
        int HandlingDays, string ShipsWithin, bool Buyable, string? Code, string? Message);

    public static void Map(RouteGroupBuilder cart) =>
        cart.MapGet("/", Get).WithName("get-cart")
            .WithSummary("The cart by store with current prices and stock, each store's common shipping methods, and what cannot be ordered")
            .ProducesProblem(401).ProducesProblem(403);

    private static async Task<Ok<CartView>> Get(ActorAccessor actors, SoukDbContext db, TimeProvider clock, Rulebook rules, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, actors.UserId, clock, rules, ct));

    public static async Task<CartView> ViewAsync(SoukDbContext db, string buyerId, TimeProvider clock, Rulebook rules, CancellationToken ct)
    {
        var cart = await StoreCart.LoadAsync(db, buyerId, ct);
        // Checkout asks the same question under its lock; here it is what checkout would answer at this moment.
        var refusal = await PlaceOrders.RefusalAsync(db, buyerId, cart, clock.GetUtcNow(), rules.Policy, ct);
        var stores = cart.Select(Of).ToList();
        return new CartView(stores, stores.Sum(s => s.Lines.Sum(l => l.Quantity)), refusal is null,
            refusal is null ? null : CheckoutRefusalView.Of(refusal));
    }

    /// <summary>Why <paramref name="quantity"/> of the listing cannot be bought now, or null if it can.</summary>
    public static RuleViolation? Problem(Listing listing, int quantity)
    {
        if (!listing.IsListed) return RuleViolation.Refused("cart.listing-not-sold", null, ("listingId", listing.Id), ("title", listing.Title));
        if (quantity > listing.Stock)
            return RuleViolation.Refused("cart.not-enough-stock", null, ("listingId", listing.Id), ("title", listing.Title),
                ("available", listing.Stock), ("requested", quantity));
        return null;
    }

    private static CartStoreView Of(StoreCart store)
    {
        var lines = store.Lines.Select(l =>
        {
            var problem = Problem(l.Listing, l.Item.Quantity);
            return new CartLineView(l.Listing.Id, l.Listing.Title, l.Listing.PriceMinor, l.Listing.Currency, l.Item.Quantity,
                l.Listing.PriceMinor * l.Item.Quantity, l.Listing.Stock, l.Listing.HandlingDays, ListingView.ShipsWithinText(l.Listing.HandlingDays),
                problem is null, problem?.Code, problem is null ? null : RefusalMessages.Render(problem));
        }).ToList();
        var shipping = store.CommonShipping();
        var currency = store.Currency;
        var groupProblem = PlaceOrderRules.StoreRefusal(store.ForRules());
        return new CartStoreView(store.StoreId, store.StoreName, currency, currency is null ? null : lines.Sum(l => l.LineTotal), lines,
            shipping.Select(ShippingOptionView.Of).ToList(),
            groupProblem is null && lines.All(l => l.Buyable), groupProblem?.Code, groupProblem is null ? null : RefusalMessages.Render(groupProblem));
    }
}
