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
