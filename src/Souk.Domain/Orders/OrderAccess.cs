namespace Souk.Domain.Orders;

/// <summary>Who may see an order: its buyer (until they delete it for good), its store's seller, and admins.</summary>
public static class OrderAccess
{
    public static bool CanSee(Order order, Actor actor) => actor.Role switch
    {
        ActorRole.Buyer => order.BuyerId == actor.UserId && order.Deleted != DeletedMark.PermanentlyDeleted,
        ActorRole.Seller => actor.StoreId is { } store && order.StoreId == store,
        ActorRole.Admin or ActorRole.System => true,
        _ => false,
    };
}
