using Souk.Domain;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// What an order endpoint or page form asks of the order: one of its verbs, applied by <see cref="OrderActionRunner"/>
/// inside the commit step to the order as it is now, by the signed-in actor, under the rulebook.
/// </summary>
public delegate void OrderVerb(Order order, Actor actor, DateTimeOffset now, Rulebook rules);
