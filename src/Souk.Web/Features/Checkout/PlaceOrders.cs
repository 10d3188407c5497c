using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Web.Features.Cart;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Checkout;

/// <summary>
/// Checkout (spec §3, Place order): the whole cart becomes one order per store, shipped to an address from the
/// buyer's address book with a shipping method every line of that store offers. Stock is reserved, the orders are
/// added and the ordered lines leave the cart in one transaction, so two buyers racing for the last item cannot
/// both get it.
/// </summary>
public static class PlaceOrders
{
    public sealed record Body(long? AddressId, List<ShippingChoice?>? Shipping);

    /// <summary>The shipping method (an option's code, e.g. "standard") chosen for one store's order, and optionally one
    /// of that store's coupon codes.</summary>
    public sealed record ShippingChoice(long? StoreId, string? Method, string? Coupon = null);

    public sealed record Result(IReadOnlyList<OrderView> Orders);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/checkout", Handle).RequireAuthorization(Roles.Buyer).WithTags("Checkout")
            .WithName("checkout")
            .WithSummary("Order the cart: one order per store (each with an optional store coupon), awaiting payment, with stock reserved and the cart emptied")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);

    private static async Task<Created<Result>> Handle(Body body, ActorAccessor actors, SoukDbContext db, OrderWriter writer, TimeProvider clock,
        Rulebook rules, CancellationToken ct)
    {
        var result = await PlaceAsync(await actors.GetAsync(ct), body, db, writer, clock, rules, ct);
        var location = result.Orders.Count == 1 ? $"/api/orders/{result.Orders[0].Id}" : "/api/orders";
        return TypedResults.Created(location, result);
    }

    /// <summary>Checkout itself, shared by the API and the cart page.</summary>
    public static async Task<Result> PlaceAsync(Actor actor, Body body, SoukDbContext db, OrderWriter writer, TimeProvider clock, Rulebook rules,
        CancellationToken ct)
    {
        var buyerId = actor.UserId!;
        var choices = ReadChoices(body.Shipping);

        // BEGIN IMMEDIATE on SQLite: every read below (standing, unpaid orders, stock) holds until the commit.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // On PostgreSQL the cart's listings are locked first, in id order, as the stock release does: buyers checking out
        // the same listing at once then queue for its stock instead of one of them losing an optimistic race.
        if (db.Database.IsNpgsql())
        {
            var ids = await db.CartItems.Where(c => c.BuyerId == buyerId).Select(c => c.ListingId).Distinct().OrderBy(id => id).ToArrayAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Listings\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", ct);
        }
        var cart = await StoreCart.LoadAsync(db, buyerId, ct);
        var now = clock.GetUtcNow();
        // The same rules the cart view asks, here on what this transaction reads, so they still hold at commit.
        if (await RefusalAsync(db, buyerId, cart, now, rules.Policy, ct) is { } refusal) throw refusal.ToException();

        var address = body.AddressId is { } addressId
            ? await db.Addresses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == addressId && a.BuyerId == buyerId, ct)
            : null;
        if (address is null) throw RuleViolation.Invalid("checkout.address-unknown", "addressId").ToException();

        var plans = cart.Select(store => Plan(store, choices.Methods)).ToList();

        var orders = new List<Order>();
        foreach (var (store, method, currency) in plans)
        {
            // Lines keep the title and price they have now; later edits to the listing do not change the order.
            var lines = store.Lines.Select(l => new OrderLine(l.Listing.Id, l.Listing.Title, l.Listing.PriceMinor, l.Item.Quantity,
                l.Listing.HandlingDays, l.Listing.FindShipping(method)!.DeliveryDays)).ToList();
            var shippingTotal = store.Lines.Sum(l => l.Listing.FindShipping(method)!.PriceMinor);
            // Each order owns its own copy of the address (an owned value cannot be shared between orders).
            var shipTo = new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country, address.Phone);
            var coupon = choices.Coupons.TryGetValue(store.StoreId, out var code)
                ? await UseCouponAsync(db, store.StoreId, code, lines.Sum(l => l.LineTotalMinor), currency, now, ct)
                : null;
            orders.Add(Order.Place(buyerId, store.StoreId, currency, lines, shippingTotal, shipTo, method, now, rules, coupon));
            foreach (var line in store.Lines) line.Listing.Reserve(line.Item.Quantity);
            db.CartItems.RemoveRange(store.Lines.Select(l => l.Item));
        }
        await writer.AddNewAsync(orders, ct);
        await tx.CommitAsync(ct);

        return new Result(orders.Select(o => OrderView.Of(o, actor, now, rules)).ToList());
    }

    /// <summary>
    /// Why checkout of <paramref name="cart"/> would be refused now, or null: the place-order rules (PlaceOrderRules) on the
    /// buyer's standing and unpaid orders as read here. The cart view asks this too, so it says what checkout will say.
    /// </summary>
    public static async Task<RuleViolation?> RefusalAsync(SoukDbContext db, string buyerId, IReadOnlyList<StoreCart> cart, DateTimeOffset now, Policy policy,
        CancellationToken ct)
    {
        var standing = await db.BuyerStandings.AsNoTracking().FirstOrDefaultAsync(b => b.BuyerId == buyerId, ct);
        var unpaidDueAt = await db.Orders
            .Where(o => o.BuyerId == buyerId && o.State == OrderState.AwaitingPayment && o.PaymentDueAt > now)
            .Select(o => o.PaymentDueAt!.Value).ToListAsync(ct);
        return PlaceOrderRules.Check(standing, unpaidDueAt, cart.Select(s => s.ForRules()).ToList(), now, policy);
    }

    /// <summary>Checks one store's part of the cart can become an order with the chosen method.</summary>
    private static (StoreCart Store, string Method, string Currency) Plan(StoreCart store, IReadOnlyDictionary<long, string> choices)
    {
        if (!choices.TryGetValue(store.StoreId, out var method))
            throw RuleViolation.Invalid("checkout.shipping-method-missing", "shipping", ("storeId", store.StoreId), ("storeName", store.StoreName)).ToException();
        // The rules already refused a store whose lines mix currencies.
        var currency = store.Currency!;
        // One order ships one way, so every line must offer the method.
        if (store.Lines.FirstOrDefault(l => l.Listing.FindShipping(method) is null) is { } line)
            throw RuleViolation.Invalid("checkout.shipping-method-not-offered", "shipping", ("storeId", store.StoreId), ("storeName", store.StoreName),
                ("method", TextShortening.Shorten(method, 41)), ("title", line.Listing.Title),
                ("offered", string.Join(", ", store.CommonShipping().Select(s => s.Code)))).ToException();
        return (store, method, currency);
    }

    /// <summary>
    /// Takes one use of the store's coupon, locked on PostgreSQL (SQLite's checkout transaction already holds the write
    /// lock), so two buyers racing for its last use cannot both get it.
    /// </summary>
    private static async Task<AppliedCoupon> UseCouponAsync(SoukDbContext db, long storeId, string code, long itemsTotal, string currency,
        DateTimeOffset now, CancellationToken ct)
    {
        var normalized = Coupon.NormalizeCode(code);
        var coupon = await db.ForChange<Coupon>($"SELECT * FROM \"Coupons\" WHERE \"StoreId\" = {storeId} AND \"Code\" = {normalized} FOR UPDATE",
            c => c.StoreId == storeId && c.Code == normalized).FirstOrDefaultAsync(ct);
        if (coupon is null) throw RuleViolation.Invalid("coupon.unknown", "shipping", ("code", normalized), ("storeId", storeId)).ToException();
        var discount = coupon.Use(itemsTotal, currency, now);
        return new AppliedCoupon(coupon.Id, coupon.Code, discount);
    }

    private static (Dictionary<long, string> Methods, Dictionary<long, string> Coupons) ReadChoices(List<ShippingChoice?>? shipping)
    {
        var choices = new Dictionary<long, string>();
        var coupons = new Dictionary<long, string>();
        foreach (var choice in shipping ?? [])
        {
            // A choice without a store or a method chooses nothing; the store it was meant for is then reported missing.
            if (choice?.StoreId is not { } storeId || string.IsNullOrWhiteSpace(choice.Method)) continue;
            if (!choices.TryAdd(storeId, choice.Method.Trim()))
                throw RuleViolation.Invalid("checkout.shipping-store-repeated", "shipping", ("storeId", storeId)).ToException();
            if (!string.IsNullOrWhiteSpace(choice.Coupon)) coupons[storeId] = choice.Coupon;
        }
        return (choices, coupons);
    }
}
