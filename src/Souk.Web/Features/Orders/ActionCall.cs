using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// How an order action is called: the body its endpoint reads and the <see cref="OrderVerb"/> it makes of it. The API
/// route and the order page's generic form both go through it, so an argument is handled once: the page reads its form
/// into the very body record the API reads (Pages/Orders/OrderActionForms) and hands it to <see cref="VerbFor"/>.
/// </summary>
public abstract class ActionCall
{
    /// <summary>The body record the endpoint reads, for the OpenAPI examples; null when it reads none of its own.</summary>
    public abstract Type? BodyType { get; }

    /// <summary>The hand-written example of the body in the OpenAPI document.</summary>
    public abstract object? Example { get; }

    /// <summary>Declares the endpoint's route.</summary>
    public abstract RouteHandlerBuilder Map(RouteGroupBuilder orders, string pattern, OrderAction action);

    /// <summary>The verb for a body of <see cref="BodyType"/> (null for an action that takes nothing).</summary>
    public abstract OrderVerb VerbFor(object? body);

    /// <summary>An action that takes nothing: the body may be left out, or be <c>{}</c>.</summary>
    public static ActionCall Nothing(OrderVerb verb) => new WithBody<NoBody>(_ => verb, new NoBody(), optional: true);

    /// <summary>An action whose body is required.</summary>
    public static ActionCall Body<TBody>(Func<TBody, OrderVerb> verb, TBody example) where TBody : class =>
        new WithBody<TBody>(body => verb(body!), example, optional: false);

    /// <summary>An action whose body may be left out (every field of it is optional): it then reads as an empty one.</summary>
    public static ActionCall OptionalBody<TBody>(Func<TBody?, OrderVerb> verb, TBody example) where TBody : class =>
        new WithBody<TBody>(body => verb(body), example, optional: true);

    /// <summary>An action with an endpoint of its own (it needs more than the order: a payment provider, the cart).</summary>
    public static ActionCall Own(Func<RouteGroupBuilder, string, RouteHandlerBuilder> map, Type? bodyType = null, object? example = null) =>
        new OwnEndpoint(map, bodyType, example);

    // An optional body arrives as null when left out; its verb factory takes TBody? and says what null means.
    private sealed class WithBody<TBody>(Func<TBody?, OrderVerb> verb, TBody example, bool optional) : ActionCall where TBody : class
    {
        public override Type? BodyType => typeof(TBody) == typeof(NoBody) ? null : typeof(TBody);
        public override object? Example => BodyType is null ? null : example;

        public override RouteHandlerBuilder Map(RouteGroupBuilder orders, string pattern, OrderAction action) => optional
            ? orders.MapPost(pattern, async (long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TBody? body, OrderActionRunner runner, CancellationToken ct) =>
                TypedResults.Ok(await runner.RunAsync(id, action, verb(body), ct)))
            : orders.MapPost(pattern, async (long id, TBody body, OrderActionRunner runner, CancellationToken ct) =>
                TypedResults.Ok(await runner.RunAsync(id, action, verb(body), ct)));

        public override OrderVerb VerbFor(object? body) => verb((TBody?)body);
    }

    private sealed class OwnEndpoint(Func<RouteGroupBuilder, string, RouteHandlerBuilder> map, Type? bodyType, object? example) : ActionCall
    {
        public override Type? BodyType => bodyType;
        public override object? Example => example;
        public override RouteHandlerBuilder Map(RouteGroupBuilder orders, string pattern, OrderAction action) => map(orders, pattern);

        public override OrderVerb VerbFor(object? body) => throw new InvalidOperationException("This action has a page of its own.");
    }
}
