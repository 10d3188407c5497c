using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Money;
using Souk.Web.Features.Orders;
using Souk.Web.Features.Stores;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Seller;

/// <summary>
/// The seller console's front page: open the store; then what needs an answer now (cancellation requests, orders to
/// ship with their countdowns, disputes), the money (released and held), and the store's performance — each read
/// through the same use case as its API endpoint. Answering happens on the order page.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller)]
public sealed class IndexModel(ActorAccessor actors, SoukDbContext db, OrderWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public Actor Viewer { get; private set; } = Actor.System;
    public IReadOnlyList<OrderView> ToAnswer { get; private set; } = [];
    public Payouts.PayoutsView? Money { get; private set; }
    public StorePerformance.Figures? Figures { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await actors.GetAsync(ct);
        if (Viewer.StoreId is not { } storeId) return;
        Now = clock.GetUtcNow();
        // What waits for the seller: orders to ship (a cancellation request among them) and open disputes.
        var waiting = new List<long>();
        foreach (var tab in new[] { "awaiting-shipment", "in-dispute" })
            waiting.AddRange((await ReadOrders.PageAsync(Viewer, tab, null, ReadOrders.MaxPageSize, db, ct)).Orders.Select(o => o.Id));
        var orders = await writer.LoadManyAsync(waiting.Distinct().ToList(), ct);
        ToAnswer = orders.Select(o => OrderView.Of(o, Viewer, Now, writer.Rules))
            .OrderBy(o => o.Deadlines.Select(d => (DateTimeOffset?)d.At).Min() ?? DateTimeOffset.MaxValue).ToList();
        Money = (await Payouts.Read(actors, db, ct)).Value;
        Figures = (await StorePerformance.Read(storeId, actors, db, ct)).Value;
    }

    public async Task<IActionResult> OnPostOpenAsync(string? name, CancellationToken ct)
    {
        await OpenStore.Handle(new OpenStore.Body(name), actors, db, clock, ct);
        TempData["Notice"] = l["Your store is open. Add your first listing."].Value;
        return Redirect("/seller/listings");
    }
}
