using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>The seller approves (full refund) or refuses (with a message) the buyer's cancellation request.</summary>
public static class AnswerCancellation
{
    public sealed record ApproveBody(bool? SellerAtFault = null);
    public sealed record RefuseBody(string? Message);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.ApproveCancellation, "Approve the buyer's cancellation request (full refund)", Approve);
        orders.MapAction(OrderAction.RefuseCancellation, "Refuse the buyer's cancellation request with a message", Refuse);
    }

    private static async Task<Ok<OrderView>> Approve(long id, ApproveBody? body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.ApproveCancellation, ApproveVerb(body), ct));

    private static async Task<Ok<OrderView>> Refuse(long id, RefuseBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.RefuseCancellation, RefuseVerb(body), ct));

    // The verbs with their arguments as the API reads them; the order page's forms build the same bodies.
    public static OrderVerb ApproveVerb(ApproveBody? body) =>
        (o, actor, now, rules) => o.ApproveCancellation(actor, body?.SellerAtFault ?? false, now, rules);

    public static OrderVerb RefuseVerb(RefuseBody body) =>
        (o, actor, now, rules) => o.RefuseCancellation(actor, CancelOrder.Trim(body.Message, "message") ?? "", now, rules);
}
