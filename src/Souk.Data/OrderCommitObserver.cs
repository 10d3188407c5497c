using Souk.Domain;
using Souk.Domain.Orders;

namespace Souk.Data;

/// <summary>
/// Told by the commit step (<see cref="OrderWriter"/>) what happened to orders, so metrics are recorded in the one place
/// every change passes and only for what was really committed. The host's implementation lives in
/// <c>Souk.Web/Infrastructure/Telemetry</c>; this project only knows the shape, so it stays free of telemetry packages.
/// </summary>
public interface IOrderCommitObserver
{
    /// <summary>An order is being loaded or changed in this unit of work (the request's trace is tagged with it).</summary>
    void Touched(long orderId);

    /// <summary>
    /// A transaction committed. <paramref name="action"/> is the verb asked for (<c>cancel</c>, <c>pay</c>…), or null
    /// when only due deadlines fired (a read catching up, a sweep). <paramref name="effects"/> are what the orders'
    /// verbs and deadlines produced, fired deadlines among them.
    /// </summary>
    void Committed(string? action, Actor actor, DateTimeOffset at, bool swept, IReadOnlyList<(long OrderId, IReadOnlyList<IOrderEffect> Effects)> effects);

    /// <summary>The order's rules refused <paramref name="action"/>; nothing was written.</summary>
    void Refused(long orderId, string action, Actor actor, RuleViolation violation);
}

/// <summary>The observer when the host registers none (tools, benchmarks): does nothing.</summary>
public sealed class NoOrderCommitObserver : IOrderCommitObserver
{
    public static readonly NoOrderCommitObserver Instance = new();

    public void Touched(long orderId) { }

    public void Committed(string? action, Actor actor, DateTimeOffset at, bool swept, IReadOnlyList<(long OrderId, IReadOnlyList<IOrderEffect> Effects)> effects) { }

    public void Refused(long orderId, string action, Actor actor, RuleViolation violation) { }
}
