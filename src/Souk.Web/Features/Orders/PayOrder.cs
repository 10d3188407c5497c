using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Payments;

namespace Souk.Web.Features.Orders;

/// <summary>The buyer pays an order; it then waits in payment review for the provider's answer.</summary>
public static class PayOrder
{
    public sealed record Body(PaymentMethod? Method, string? Account);

    public static void Map(RouteGroupBuilder orders) =>
        orders.MapAction(OrderAction.Pay, "Pay an order awaiting payment (card, e-wallet or phone)", Handle);

    private static async Task<Ok<OrderView>> Handle(long id, Body body, OrderActionRunner runner, IPaymentProvider provider, CancellationToken ct)
    {
        if (body.Method is not { } method || method == PaymentMethod.Balance || !Enum.IsDefined(method))
            throw RuleViolation.Invalid("pay.method-invalid", "method").ToException();
        if (string.IsNullOrWhiteSpace(body.Account) || body.Account.Length > 100)
            throw RuleViolation.Invalid("pay.account-required", "account").ToException();
        return TypedResults.Ok(await runner.RunAsync(id, OrderAction.Pay, (order, actor, now, rules) =>
            order.Pay(actor, provider.Submit(order.Id, method, body.Account, order.TotalMinor, order.Currency, now), now, rules), ct));
    }
}
