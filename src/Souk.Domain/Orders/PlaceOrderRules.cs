using Souk.Domain.Buyers;
using Souk.Domain.Catalog;

namespace Souk.Domain.Orders;

/// <summary>
/// Whether a buyer may place orders from their cart now (spec §3, Place order): the ordering block, the unpaid-order
/// limit, lines no longer sold or short of stock, one currency per order and a shipping method every line of a store
/// offers. The cart view and checkout both ask here, so the cart never offers Place order when checkout would refuse
/// it. The caller gathers the facts; checkout reads them inside its write transaction, so they still hold at commit.
/// </summary>
public static class PlaceOrderRules
{
    /// <summary>A cart line as it is now: the listing (its state, stock, currency, shipping options) and the quantity.</summary>
    public sealed record Line(Listing Listing, int Quantity);

    /// <summary>One store's lines: they become one order.</summary>
    public sealed record StoreLines(long StoreId, string StoreName, IReadOnlyList<Line> Lines)
    {
        /// <summary>The currency of the lines, or null when they mix currencies: one order has one currency, Souk never exchanges money.</summary>
        public string? Currency => Lines.Count > 0 && Lines.All(l => l.Listing.Currency == Lines[0].Listing.Currency) ? Lines[0].Listing.Currency : null;

        /// <summary>The shipping codes every line offers (one order ships one way), in the first line's order.</summary>
        public IReadOnlyList<string> CommonMethods() => Lines.Count == 0 ? []
            : Lines[0].Listing.ShippingOptions.Select(o => o.Code).Where(code => Lines.All(l => l.Listing.FindShipping(code) is not null)).ToList();
    }

    /// <summary>
    /// The first rule that refuses placing the stores' orders now, or null if they may be placed.
    /// <paramref name="unpaidPaymentDueAt"/> are the payment deadlines of the buyer's orders awaiting payment; one past
    /// its window counts as expired even if the sweeper has not closed it yet (spec §6).
    /// </summary>
    public static RuleViolation? Check(BuyerStanding? standing, IReadOnlyCollection<DateTimeOffset> unpaidPaymentDueAt, IReadOnlyList<StoreLines> stores,
        DateTimeOffset now, Policy policy)
    {
        // Only an admin lifts the block, so there is no time from which it becomes possible.
        if (standing is { IsBlocked: true }) return RuleViolation.Refused("checkout.buyer-blocked", null, ("blockedAt", standing.BlockedAt));
        if (stores.Sum(s => s.Lines.Count) == 0) return RuleViolation.Refused("checkout.cart-empty");
        if (UnpaidLimit(unpaidPaymentDueAt, stores.Count, now, policy) is { } unpaid) return unpaid;
        foreach (var store in stores)
        {
            foreach (var line in store.Lines)
                if (LineRefusal(line) is { } refusal) return refusal;
            if (StoreRefusal(store) is { } storeRefusal) return storeRefusal;
        }
        return null;
    }

    /// <summary>Why one store's lines cannot become one order whatever the buyer chooses, or null.</summary>
    public static RuleViolation? StoreRefusal(StoreLines store) =>
        store.Currency is null ? RuleViolation.Refused("checkout.mixed-currencies", null, ("storeId", store.StoreId), ("storeName", store.StoreName))
        : store.CommonMethods().Count == 0 ? RuleViolation.Refused("cart.no-common-shipping-method", null, ("storeId", store.StoreId), ("storeName", store.StoreName))
        : null;

    /// <summary>The same refusals <see cref="Listing.Reserve"/> gives when checkout takes the stock.</summary>
    private static RuleViolation? LineRefusal(Line line)
    {
        var listing = line.Listing;
        if (!listing.IsListed) return RuleViolation.Refused("checkout.listing-not-sold", null, ("listingId", listing.Id), ("title", listing.Title));
        if (line.Quantity > listing.Stock)
            return RuleViolation.Refused("checkout.not-enough-stock", null, ("listingId", listing.Id), ("title", listing.Title),
                ("available", listing.Stock), ("requested", line.Quantity));
        return null;
    }

    /// <summary>
    /// At most <see cref="Policy.MaxUnpaidOrders"/> orders await payment at once, counting the ones being placed. When
    /// enough of the open ones would expire by themselves to make room, that is when ordering becomes possible.
    /// </summary>
    private static RuleViolation? UnpaidLimit(IReadOnlyCollection<DateTimeOffset> unpaidPaymentDueAt, int placing, DateTimeOffset now, Policy policy)
    {
        var open = unpaidPaymentDueAt.Where(due => due > now).Order().ToList();
        var excess = open.Count + placing - policy.MaxUnpaidOrders;
        if (excess <= 0) return null;
        DateTimeOffset? possibleFrom = excess <= open.Count ? open[excess - 1] : null;
        return RuleViolation.Refused("checkout.too-many-unpaid-orders", possibleFrom,
            ("max", policy.MaxUnpaidOrders), ("unpaid", open.Count), ("placing", placing));
    }
}
