using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>The buyer confirms receipt, or asks for more buyer protection, which the seller accepts or declines.</summary>
public static class ConfirmReceipt
{
    public sealed record ExtensionBody(int? Days, string? Message);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.ConfirmReceipt, "Confirm the goods arrived; the order completes as Received", Confirm);
        orders.MapAction(OrderAction.RequestProtectionExtension, "Ask the seller to extend buyer protection", Request);
        orders.MapAction(OrderAction.AcceptProtectionExtension, "Seller accepts extending buyer protection", Accept);
        orders.MapAction(OrderAction.DeclineProtectionExtension, "Seller declines extending buyer protection", Decline);
    }

    private static async Task<Ok<OrderView>> Confirm(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await ConfirmAsync(runner, id, ct));

    /// <summary>The use case itself, shared by the API and the pages.</summary>
    public static Task<OrderView> ConfirmAsync(OrderActionRunner runner, long id, CancellationToken ct) =>
        runner.RunAsync(id, OrderAction.ConfirmReceipt, (o, actor, now, rules) => o.ConfirmReceipt(actor, now, rules), ct);

    private static async Task<Ok<OrderView>> Request(long id, ExtensionBody body, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.RequestProtectionExtension, RequestVerb(body), ct));

    /// <summary>The verb with its arguments as the API reads them; the order page's form builds the same body.</summary>
    public static OrderVerb RequestVerb(ExtensionBody body) =>
        (o, actor, now, rules) => o.RequestProtectionExtension(actor, body.Days ?? 0, CancelOrder.Trim(body.Message, "message") ?? "", now, rules);

    private static async Task<Ok<OrderView>> Accept(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.AcceptProtectionExtension, (o, actor, now, rules) => o.AcceptProtectionExtension(actor, now, rules), ct));

    private static async Task<Ok<OrderView>> Decline(long id, OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, OrderAction.DeclineProtectionExtension, (o, actor, now, rules) => o.DeclineProtectionExtension(actor, now, rules), ct));
}
