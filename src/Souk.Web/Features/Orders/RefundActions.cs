using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// Refunds beyond the automatic ones (spec §4): the seller gives part of the money back; the buyer reports a refund
/// that never arrived (an admin case); an admin settles an overdue or reported refund.
/// </summary>
public static class RefundActions
{
    public sealed record RefundPartBody(long? AmountMinor, string? Note);
    public sealed record ReportBody(long? RefundId, string? Message = null);
    public sealed record ResolveBody(long? RefundId, string? Resolution, string? Note);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.RefundPart, "Give part of the order's money back to the buyer (several allowed; never more than was paid)", RefundPart);
        orders.MapAction(OrderAction.ReportMissingRefund, "Report a refund that never arrived: opens an admin case with the refund's history", Report);
        orders.MapAction(OrderAction.ResolveRefund, "Admin: settle an overdue or reported refund (paid-confirmed or credit-balance)", Resolve);
    }

    private static async Task<Ok<OrderView>> RefundPart(long id, RefundPartBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.RefundPart, RefundPartVerb(body), ct));

    private static async Task<Ok<OrderView>> Report(long id, ReportBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.ReportMissingRefund, ReportVerb(body), ct));

    private static async Task<Ok<OrderView>> Resolve(long id, ResolveBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.ResolveRefund, ResolveVerb(body), ct));

    // The verbs with their arguments as the API reads them; the order page's forms build the same bodies.
    public static OrderVerb RefundPartVerb(RefundPartBody body) =>
        (o, actor, now, rules) => o.RefundPart(actor, body.AmountMinor ?? 0, OrderEndpoints.RefuseTooLong(body.Note, "note", 500), now, rules);

    public static OrderVerb ReportVerb(ReportBody body) =>
        (o, actor, now, rules) => o.ReportMissingRefund(actor, body.RefundId ?? 0, OrderEndpoints.RefuseTooLong(body.Message, "message", 1000), now, rules);

    public static OrderVerb ResolveVerb(ResolveBody body) =>
        (o, actor, now, rules) => o.ResolveRefund(actor, body.RefundId ?? 0, body.Resolution?.Trim(), OrderEndpoints.RefuseTooLong(body.Note, "note", 1000), now, rules);
}
