using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Payments;

namespace Souk.Web.Features.Orders;

/// <summary>
/// The buyer pays an order; it then waits in payment review for the provider's answer. The platform balance can pay
/// all of it (method <c>Balance</c>, no review) or part of it (<c>balanceMinor</c> with one method: a split payment).
/// </summary>
public static class PayOrder
{
    public sealed record Body(PaymentMethod? Method, string? Account = null, long? BalanceMinor = null);

    /// <summary>Its own endpoint, as paying needs the payment provider as well as the order (the row is in ActionCatalog).</summary>
    public static RouteHandlerBuilder Map(RouteGroupBuilder orders, string pattern) => orders.MapPost(pattern, Handle);

    private static async Task<Ok<OrderView>> Handle(long id, Body body, OrderActionRunner runner, IPaymentProvider provider, CancellationToken ct) =>
        TypedResults.Ok(await PayAsync(runner, provider, id, body, ct));

    /// <summary>The use case itself, shared by the API and the payment page.</summary>
    public static async Task<OrderView> PayAsync(OrderActionRunner runner, IPaymentProvider provider, long id, Body body, CancellationToken ct)
    {
        if (body.Method is not { } method || !Enum.IsDefined(method))
            throw RuleViolation.Invalid("pay.method-invalid", "method").ToException();
        if (method != PaymentMethod.Balance && (string.IsNullOrWhiteSpace(body.Account) || body.Account.Length > 100))
            throw RuleViolation.Invalid("pay.account-required", "account").ToException();
        if (body.BalanceMinor is < 0)
            throw RuleViolation.Invalid("pay.balance-part-out-of-range", "balanceMinor", ("max", null), ("total", null)).ToException();
        return await runner.RunAsync(id, OrderAction.Pay, (order, actor, now, rules) =>
        {
            // The domain checks the split against the total; the commit step checks the balance covers it, under a lock.
            var submission = method == PaymentMethod.Balance
                ? PaymentSubmission.FromBalance(order.Id, order.TotalMinor, now)
                : provider.Submit(order.Id, method, body.Account!, Math.Max(0, order.TotalMinor - (body.BalanceMinor ?? 0)), order.Currency, now)
                    with { BalanceMinor = body.BalanceMinor ?? 0 };
            order.Pay(actor, submission, now, rules);
        }, ct);
    }
}
