using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Orders;

/// <summary>
/// "Delete this order?" — moving a completed order to Deleted orders (restorable), or, with <c>permanently</c>, the
/// second and explicit warning before an order is gone for good: never restored, viewed or disputed again.
/// </summary>
public sealed class DeleteModel(ActorAccessor actors, OrderWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true)] public bool Permanently { get; set; }

    public OrderView Order { get; private set; } = null!;
    public ActionView Action { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Order = await ReadOrders.OneAsync(Id, await actors.GetAsync(ct), writer, clock, ct);
        Action = Order.Actions.First(a => a.Action == (Permanently ? "delete-permanently" : "delete"));
    }

    public async Task<IActionResult> OnPostAsync(bool confirm, [FromServices] OrderActionRunner runner, CancellationToken ct)
    {
        if (Permanently)
        {
            await runner.TakeAsync(Id, OrderAction.DeletePermanently, new DeleteOrder.PermanentBody(confirm), ct);
            TempData["Notice"] = l["Order {0} is permanently deleted.", Id].Value;
            return Redirect("/orders?tab=deleted");
        }
        await runner.TakeAsync(Id, OrderAction.Delete, null, ct);
        TempData["Notice"] = l["Order {0} moved to Deleted orders. You can restore it from there.", Id].Value;
        return Redirect("/orders");
    }
}
