using System.Linq.Expressions;

namespace Souk.Domain.Orders;

/// <summary>
/// Who may see an order: its buyer (until they delete it for good), its store's seller, and admins (and Souk itself).
/// One rule per role, written once as an expression over the order and the viewer: compiled once, it is the
/// single-order check (<see cref="CanSee"/>); bound to the viewer, it is the list queries' filter, which EF translates
/// (<see cref="VisibleTo"/>). So a list never shows an order its page would answer 404 for, nor the reverse.
/// </summary>
public static class OrderAccess
{
    private static readonly Rule Buyers = new((o, a) => o.BuyerId == a.UserId && o.Deleted != DeletedMark.PermanentlyDeleted);
    private static readonly Rule Sellers = new((o, a) => a.StoreId != null && o.StoreId == a.StoreId);
    private static readonly Rule Everyone = new((o, a) => true);
    private static readonly Rule Nobody = new((o, a) => false);

    public static bool CanSee(Order order, Actor actor) => RuleOf(actor).Check(order, actor);

    /// <summary>The orders <paramref name="actor"/> may see, as a filter for a query (the same rule as <see cref="CanSee"/>).</summary>
    public static Expression<Func<Order, bool>> VisibleTo(Actor actor) => RuleExpressions.Bind(RuleOf(actor).Expression, actor);

    private static Rule RuleOf(Actor actor) => actor.Role switch
    {
        ActorRole.Buyer => Buyers,
        ActorRole.Seller => Sellers,
        ActorRole.Admin or ActorRole.System => Everyone,
        _ => Nobody,
    };

    private sealed class Rule(Expression<Func<Order, Actor, bool>> expression)
    {
        public Expression<Func<Order, Actor, bool>> Expression { get; } = expression;
        public Func<Order, Actor, bool> Check { get; } = expression.Compile();
    }
}
