using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// The buyer cancels: at once while unpaid or inside the instant-cancel window after paying; otherwise by asking
/// the seller (a cancellation request, answered in AnswerCancellation.cs or approved by the seller's silence).
/// </summary>
public static class CancelOrder
{
    public sealed record Body(string? Reason, string? Comment = null);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.Cancel, "Cancel at once: an unpaid order, or a paid one inside the instant-cancel window", Cancel);
        orders.MapAction(OrderAction.RequestCancellation, "Ask the seller to cancel a confirmed order, with a reason", Request);
    }

    private static async Task<Ok<OrderView>> Cancel(long id, Body body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await CancelAsync(runner, id, body, ct));

    private static async Task<Ok<OrderView>> Request(long id, Body body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await RequestAsync(runner, id, body, ct));

    /// <summary>The use case itself, shared by the API and the cancel dialog page.</summary>
    public static Task<OrderView> CancelAsync(OrderActionRunner runner, long id, Body body, CancellationToken ct) =>
        runner.RunAsync(id, OrderAction.Cancel, (o, actor, now, rules) => o.Cancel(actor, body.Reason ?? "", Trim(body.Comment, "comment"), now, rules), ct);

    public static Task<OrderView> RequestAsync(OrderActionRunner runner, long id, Body body, CancellationToken ct) =>
        runner.RunAsync(id, OrderAction.RequestCancellation,
            (o, actor, now, rules) => o.RequestCancellation(actor, body.Reason ?? "", Trim(body.Comment, "comment"), now, rules), ct);

    /// <summary>Free text of an order action, without surrounding blanks; longer than 1000 is refused (never cut).</summary>
    internal static string? Trim(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : OrderEndpoints.RefuseTooLong(text.Trim(), field, 1000);
}
