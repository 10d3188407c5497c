using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>More handling time: the seller asks and the buyer accepts or declines, or the buyer grants it unasked.</summary>
public static class ExtendHandling
{
    public sealed record RequestBody(int? Days, string? Message);
    public sealed record ExtendBody(int? Days);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.RequestHandlingExtension, "Seller asks the buyer for more handling time", Request);
        orders.MapAction(OrderAction.AcceptHandlingExtension, "Buyer accepts the seller's request for more handling time", Accept);
        orders.MapAction(OrderAction.DeclineHandlingExtension, "Buyer declines the seller's request for more handling time", Decline);
        orders.MapAction(OrderAction.ExtendHandling, "Buyer gives the seller more handling time", Extend);
    }

    private static async Task<Ok<OrderView>> Request(long id, RequestBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.RequestHandlingExtension, RequestVerb(body), ct));

    private static async Task<Ok<OrderView>> Accept(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.AcceptHandlingExtension,
            (o, actor, now, rules) => o.AcceptHandlingExtension(actor, now, rules), ct));

    private static async Task<Ok<OrderView>> Decline(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.DeclineHandlingExtension,
            (o, actor, now, rules) => o.DeclineHandlingExtension(actor, now, rules), ct));

    private static async Task<Ok<OrderView>> Extend(long id, ExtendBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.ExtendHandling, ExtendVerb(body), ct));

    // The verbs with their arguments as the API reads them; the order page's forms build the same bodies.
    public static OrderVerb RequestVerb(RequestBody body) =>
        (o, actor, now, rules) => o.RequestHandlingExtension(actor, body.Days ?? 0, CancelOrder.Trim(body.Message, "message") ?? "", now, rules);

    public static OrderVerb ExtendVerb(ExtendBody body) => (o, actor, now, rules) => o.ExtendHandling(actor, body.Days ?? 0, now, rules);
}
