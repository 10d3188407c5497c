using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Orders;

/// <summary>Puts an order's listings and quantities back in the cart, skipping what is no longer sold and saying so.</summary>
public static class AddToCartAgain
{
    public sealed record Result(IReadOnlyList<Added> Added, IReadOnlyList<Skipped> Skipped);
    public sealed record Added(long ListingId, string Title, int Quantity);
    public sealed record Skipped(long ListingId, string Title, string Code, string Message);

    /// <summary>Its own endpoint, as it changes the cart, not the order (the row is in ActionCatalog).</summary>
    public static RouteHandlerBuilder Map(RouteGroupBuilder orders, string pattern) => orders.MapPost(pattern, Handle);

    private static async Task<Ok<Result>> Handle(long id, ActorAccessor actors, OrderWriter writer, SoukDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await AddAsync(id, await actors.GetAsync(ct), writer, db, clock, ct));

    /// <summary>The use case itself, shared by the API and the order page.</summary>
    public static async Task<Result> AddAsync(long id, Actor actor, OrderWriter writer, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var order = await writer.LoadAsync(id, ct);
        if (order is null || !OrderAccess.CanSee(order, actor)) throw new OrderNotFoundException(id);
        if (actor.Role != ActorRole.Buyer) throw new ActionNotForRoleException("buyer");
        var decision = OrderActions.Check(order, OrderAction.AddToCartAgain, clock.GetUtcNow(), writer.Rules);
        if (decision.Refusal is { } refusal) throw refusal.ToException();

        var ids = order.Lines.Select(l => l.ListingId).ToList();
        var listings = await db.Listings.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var cart = await db.CartItems.Where(c => c.BuyerId == actor.UserId && ids.Contains(c.ListingId)).ToDictionaryAsync(c => c.ListingId, ct);
        var added = new List<Added>();
        var skipped = new List<Skipped>();
        foreach (var line in order.Lines)
        {
            if (!listings.TryGetValue(line.ListingId, out var listing) || !listing.IsListed)
            {
                skipped.Add(Skip(line, "cart-again.no-longer-sold"));
                continue;
            }
            if (listing.Stock == 0)
            {
                skipped.Add(Skip(line, "cart-again.out-of-stock"));
                continue;
            }
            if (cart.TryGetValue(line.ListingId, out var item)) item.Quantity += line.Quantity;
            else db.CartItems.Add(item = new CartItem { BuyerId = actor.UserId!, ListingId = line.ListingId, Quantity = line.Quantity, AddedAt = clock.GetUtcNow() });
            added.Add(new Added(line.ListingId, listing.Title, line.Quantity));
        }
        await db.SaveChangesAsync(ct);
        return new Result(added, skipped);
    }

    /// <summary>Why a line stayed out of the cart, in the reader's language (the API's Accept-Language, the page's culture).</summary>
    private static Skipped Skip(OrderLine line, string code) =>
        new(line.ListingId, line.Title, code, RefusalMessages.Render(code, new Dictionary<string, object?> { ["title"] = line.Title }));
}
