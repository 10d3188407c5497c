using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>"Deleted orders": move a completed order there, restore it, or delete it permanently (explicit confirm).</summary>
public static class DeleteOrder
{
    public sealed record PermanentBody(bool? Confirm);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.Delete, "Move a completed order to Deleted orders (the seller still sees it)", Delete);
        orders.MapAction(OrderAction.Restore, "Restore an order from Deleted orders", Restore);
        orders.MapAction(OrderAction.DeletePermanently,
            "Delete an order permanently: it can never be restored, viewed or disputed. Requires \"confirm\": true", Purge);
    }

    private static async Task<Ok<OrderView>> Delete(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await DeleteAsync(runner, id, ct));

    private static async Task<Ok<OrderView>> Restore(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await RestoreAsync(runner, id, ct));

    private static async Task<Ok<OrderView>> Purge(long id, PermanentBody? body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await PurgeAsync(runner, id, body?.Confirm == true, ct));

    /// <summary>The use cases themselves, shared by the API and the pages.</summary>
    public static Task<OrderView> DeleteAsync(OrderActionRunner runner, long id, CancellationToken ct) =>
        runner.RunAsync(id, OrderAction.Delete, (o, actor, now, rules) => o.MoveToDeleted(actor, now, rules), ct);

    public static Task<OrderView> RestoreAsync(OrderActionRunner runner, long id, CancellationToken ct) =>
        runner.RunAsync(id, OrderAction.Restore, (o, actor, now, rules) => o.Restore(actor, now, rules), ct);

    public static Task<OrderView> PurgeAsync(OrderActionRunner runner, long id, bool confirmed, CancellationToken ct) =>
        runner.RunAsync(id, OrderAction.DeletePermanently, (o, actor, now, rules) => o.DeletePermanently(actor, confirmed, now, rules), ct);
}
