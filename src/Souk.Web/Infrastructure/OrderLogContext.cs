using System.Security.Claims;
using Souk.Data;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>
/// The structured properties every log line about an order carries — <c>OrderId</c>, <c>ActorRole</c>, <c>ActorId</c>
/// (and <c>Code</c> on refusals, in the message itself) — as logging scopes, so the JSON console shows them as fields.
/// Only ids: never an address, a card account, an email or a message's text.
/// </summary>
public static class OrderLogContext
{
    private const string OrderIdKey = "Souk.OrderId";

    /// <summary>Remembers which order this request is about (the commit step calls it on every load), for later log lines.</summary>
    public static void Remember(HttpContext http, long orderId) => http.Items[OrderIdKey] = orderId;

    public static long? OrderIdOf(HttpContext http) => http.Items.TryGetValue(OrderIdKey, out var id) ? id as long? : null;

    /// <summary>A scope for a line logged about a known actor and order (the action runner, the sweeper).</summary>
    public static IDisposable? Begin(ILogger log, long? orderId, Actor actor, string? action = null)
    {
        var state = new Dictionary<string, object?> { ["ActorRole"] = actor.Role.ToString() };
        if (actor.UserId is not null) state["ActorId"] = actor.UserId;
        if (orderId is not null) state["OrderId"] = orderId;
        if (action is not null) state["Action"] = action;
        return log.BeginScope(state);
    }

    /// <summary>A scope for a line logged in a request: the order it concerned, if any, and who signed in (or Anonymous).</summary>
    public static IDisposable? Begin(ILogger log, HttpContext http)
    {
        var user = http.User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = userId is null ? "Anonymous"
            : user.IsInRole(Roles.Admin) ? nameof(ActorRole.Admin)
            : user.IsInRole(Roles.Seller) ? nameof(ActorRole.Seller)
            : nameof(ActorRole.Buyer);
        var state = new Dictionary<string, object?> { ["ActorRole"] = role };
        if (userId is not null) state["ActorId"] = userId;
        if (OrderIdOf(http) is { } orderId) state["OrderId"] = orderId;
        return log.BeginScope(state);
    }
}
