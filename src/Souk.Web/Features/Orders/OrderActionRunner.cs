using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Orders;

/// <summary>
/// What every order endpoint does: find the signed-in actor, make sure the action is theirs to take, and run the
/// domain verb through the one commit step. Returns the order as that actor now sees it.
/// </summary>
public sealed class OrderActionRunner(ActorAccessor actors, OrderWriter writer, TimeProvider clock, ILogger<OrderActionRunner> log)
{
    public async Task<OrderView> RunAsync(long orderId, OrderAction action, OrderVerb verb, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        var name = OrderActions.Name(action);
        using var scope = OrderLogContext.Begin(log, orderId, actor, name);
        var order = await writer.ChangeAsync(orderId, actor, name, (o, now, rules) =>
        {
            // Visibility was checked by the writer (404); the role is checked here (403): a seller cannot pay.
            var role = OrderActions.RoleOf(action);
            if (actor.Role != role) throw new ActionNotForRoleException(role.ToString().ToLowerInvariant());
            verb(o, actor, now, rules);
        }, ct);
        log.LogInformation("Order {OrderId}: {Action} by {ActorRole} → {State} {Outcome}", orderId, name, actor.Role, order.State, order.Outcome);
        return OrderView.Of(order, actor, clock.GetUtcNow(), writer.Rules);
    }

    /// <summary>Takes an action with its body as the API reads it (null for none): the verb comes from the action's
    /// row in <see cref="ActionCatalog"/>, so a page that builds the body calls exactly what the endpoint calls.</summary>
    public Task<OrderView> TakeAsync(long orderId, OrderAction action, object? body, CancellationToken ct) =>
        RunAsync(orderId, action, ActionCatalog.Row(action).Call.VerbFor(body), ct);
}
