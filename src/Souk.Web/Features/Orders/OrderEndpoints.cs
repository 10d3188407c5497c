using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>The order routes: reading (ReadOrders.cs), every action (one row each in ActionCatalog.cs, its body and verb in
/// the file of what the user does), dispute evidence and messages.</summary>
public static class OrderEndpoints
{
    public static void Map(RouteGroupBuilder orders)
    {
        ReadOrders.Map(orders);
        ActionCatalog.Map(orders);
        DisputeEvidenceEndpoints.Map(orders);
        OrderMessages.Map(orders);
    }

    /// <summary>The order as <paramref name="actor"/> may see it, untracked; unknown or not theirs → 404 (ids cannot be probed).</summary>
    public static async Task<Order> LoadVisibleAsync(long id, Actor actor, OrderWriter writer, CancellationToken ct)
    {
        var order = await writer.LoadAsync(id, ct);
        if (order is null || !OrderAccess.CanSee(order, actor)) throw new OrderNotFoundException(id);
        return order;
    }

    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}

/// <summary>Bodies of actions that take nothing may be empty or <c>{}</c>.</summary>
public sealed record NoBody;
