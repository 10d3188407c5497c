using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain.Orders;
using Souk.Domain;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Orders;

/// <summary>
/// My Orders (the seller sees the store's orders, an admin all): the tabs with counts, one page of rows with the
/// deadline that matters now and the actions as buttons — the same list, actions and refusals as the API.
/// </summary>
public sealed class IndexModel(ActorAccessor actors, SoukDbContext db, OrderWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string Tab { get; set; } = "all";
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public Actor Viewer { get; private set; } = Actor.System;
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public ReadOrders.OrderPage Listing { get; private set; } = new("all", [], null);
    public IReadOnlyList<(ReadOrders.OrderSummary Summary, OrderView Order)> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ReadOrders.Tabs.Contains(Tab)) return RedirectToPage(new { tab = "all" });
        Viewer = await actors.GetAsync(ct);
        if (Tab == "deleted" && Viewer.Role != ActorRole.Buyer) return RedirectToPage(new { tab = "all" });
        Now = clock.GetUtcNow();
        Counts = await ReadOrders.CountsAsync(Viewer, db, ct);
        Listing = await ReadOrders.PageAsync(Viewer, Tab, Cursor, ReadOrders.DefaultPageSize, db, writer.Rules.Policy, ct);
        var orders = (await writer.LoadManyAsync(Listing.Orders.Select(o => o.Id).ToList(), ct)).ToDictionary(o => o.Id);
        Rows = Listing.Orders.Where(s => orders.ContainsKey(s.Id))
            .Select(s => (s, OrderView.Of(orders[s.Id], Viewer, Now, writer.Rules))).ToList();
        return Page();
    }

    /// <summary>The row buttons that need no more than a click (and, for deleting, a confirmation).</summary>
    public async Task<IActionResult> OnPostActAsync(long id, string action, [FromServices] OrderActionRunner runner, CancellationToken ct)
    {
        var done = action switch
        {
            "delete" => await runner.TakeAsync(id, OrderAction.Delete, null, ct),
            "restore" => await runner.TakeAsync(id, OrderAction.Restore, null, ct),
            "confirm-receipt" => await runner.TakeAsync(id, OrderAction.ConfirmReceipt, null, ct),
            _ => null,
        };
        if (done is null) return BadRequest();
        TempData["Notice"] = action switch
        {
            "delete" => l["Order {0} moved to Deleted orders.", id].Value,
            "restore" => l["Order {0} restored.", id].Value,
            _ => l["Receipt of order {0} confirmed.", id].Value,
        };
        return RedirectToPage(new { tab = Tab });
    }
}
