using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>The order routes: reading (ReadOrders.cs) and one file per thing a user does to an order.</summary>
public static class OrderEndpoints
{
    public static void Map(RouteGroupBuilder orders)
    {
        ReadOrders.Map(orders);
        PayOrder.Map(orders);
        CancelOrder.Map(orders);
        AnswerCancellation.Map(orders);
        ExtendHandling.Map(orders);
        ShipOrder.Map(orders);
        ConfirmReceipt.Map(orders);
        DeleteOrder.Map(orders);
        AddToCartAgain.Map(orders);
        RefundActions.Map(orders);
        DisputeOrder.Map(orders);
        DisputeEvidenceEndpoints.Map(orders);
        OrderMessages.Map(orders);
    }

    /// <summary>Declares an order action route with the problem responses every action shares.</summary>
    public static RouteHandlerBuilder MapAction(this RouteGroupBuilder orders, OrderAction action, string summary, Delegate handler) =>
        orders.MapPost($"/{{id:long}}/{ActionCatalog.Path(action)}", handler)
            .WithName(OrderActions.Name(action))
            .WithSummary(summary)
            .WithProblems();

    /// <summary>The order as <paramref name="actor"/> may see it, untracked; unknown or not theirs → 404 (ids cannot be probed).</summary>
    public static async Task<Order> LoadVisibleAsync(long id, Actor actor, OrderWriter writer, CancellationToken ct)
    {
        var order = await writer.LoadAsync(id, ct);
        if (order is null || !OrderAccess.CanSee(order, actor)) throw new OrderNotFoundException(id);
        return order;
    }

    /// <summary>Free text longer than its column is refused, not cut.</summary>
    public static string? RefuseTooLong(string? text, string field, int max) =>
        text is { Length: var n } && n > max
            ? throw RuleViolation.Invalid("text.too-long", field, ("max", max)).ToException()
            : text;

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
