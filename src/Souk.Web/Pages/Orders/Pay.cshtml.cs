using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain.Payments;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;
using Souk.Web.Payments;

namespace Souk.Web.Pages.Orders;

/// <summary>The payment step: a method and its account, optionally part of the total from the platform balance.</summary>
public sealed class PayModel(ActorAccessor actors, OrderWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public PaymentMethod? Method { get; set; }
    [BindProperty] public string? Account { get; set; }
    [BindProperty] public string? FromBalance { get; set; }

    public OrderView Order { get; private set; } = null!;
    public ActionView Action { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Order = await ReadOrders.OneAsync(Id, await actors.GetAsync(ct), writer, clock, ct);
        Action = Order.Actions.First(a => a.Action == "pay");
    }

    public async Task<IActionResult> OnPostAsync([FromServices] OrderActionRunner runner, [FromServices] IPaymentProvider provider, CancellationToken ct)
    {
        // The balance part is typed in major units of the order's currency; anything unreadable goes on as out of range for
        // the rule to explain.
        long? balanceMinor = null;
        if (!string.IsNullOrWhiteSpace(FromBalance))
        {
            var currency = (await ReadOrders.OneAsync(Id, await actors.GetAsync(ct), writer, clock, ct)).Currency;
            balanceMinor = OrderDisplay.ToMinor(FromBalance, currency) ?? -1;
        }
        await PayOrder.PayAsync(runner, provider, Id, new PayOrder.Body(Method, Account, balanceMinor), ct);
        TempData["Notice"] = l["Payment sent for order {0}.", Id].Value;
        return Redirect($"/orders/{Id}");
    }
}
