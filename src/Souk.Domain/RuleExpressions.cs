using System.Linq.Expressions;

namespace Souk.Domain;

/// <summary>
/// The small plumbing that lets one rule be written once as an expression and serve both sides: compiled, it checks one
/// object in memory; as a filter, EF translates it into the list queries' SQL. So the two cannot disagree.
/// </summary>
internal static class RuleExpressions
{
    /// <summary>
    /// <paramref name="rule"/> with its second parameter bound to <paramref name="value"/>, as a captured variable: a
    /// query gets the value as a parameter (one cached plan), not as a constant written into its SQL.
    /// </summary>
    public static Expression<Func<T, bool>> Bind<T, TArg>(Expression<Func<T, TArg, bool>> rule, TArg value)
    {
        Expression<Func<TArg>> captured = () => value;
        return Expression.Lambda<Func<T, bool>>(Replace(rule.Body, rule.Parameters[1], captured.Body), rule.Parameters[0]);
    }

    /// <summary>"<paramref name="part"/> is there and passes <paramref name="rule"/>", as a filter on its owner.</summary>
    public static Expression<Func<T, bool>> Has<T, TPart>(Expression<Func<T, TPart?>> part, Expression<Func<TPart, bool>> rule)
        where TPart : class =>
        Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(Expression.NotEqual(part.Body, Expression.Constant(null, typeof(TPart))),
                Replace(rule.Body, rule.Parameters[0], part.Body)),
            part.Parameters[0]);

    private static Expression Replace(Expression body, ParameterExpression parameter, Expression with) =>
        new ParameterReplacer(parameter, with).Visit(body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : node;
    }
}
