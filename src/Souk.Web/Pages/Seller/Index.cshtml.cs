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
using Souk.Web.Pages.Orders;

namespace Souk.Web.Pages.Seller;

/// <summary>
/// The seller console's front page: open the store; then what needs an answer now (cancellation requests, orders to
/// ship with their countdowns, disputes), the money (released and held), and the store's performance — each read
/// through the same use case as its API endpoint. Answering happens on the order page.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller)]
public sealed class IndexModel(ActorAccessor actors, SoukDbContext db, OrderWriter writer, TimeProvider clock, Domain.Orders.CancelReasonTable reasons,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A buyer's cancel reason in the page's language, as the cancel dialog showed it to them.</summary>
    public string ReasonText(string code) =>
        reasons.Find(code)?.TextIn(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? code;

    public Actor Viewer { get; private set; } = Actor.System;
    public IReadOnlyList<OrderView> ToAnswer { get; private set; } = [];
    public Payouts.PayoutsView? Money { get; private set; }
    public StorePerformance.Figures? Figures { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>An investigation waiting for the store's evidence: the console says so first, with its deadline.</summary>
    public Features.Admin.Investigations.InvestigationView? Investigation { get; private set; }

    public IReadOnlyList<(long OrderId, int Unread, DateTimeOffset Latest)> UnreadMessages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await actors.GetAsync(ct);
        if (Viewer.StoreId is not { } storeId) return;
        Now = clock.GetUtcNow();
        // What waits for the seller: orders to ship (a cancellation request among them) and open disputes.
        var waiting = new List<long>();
        foreach (var tab in new[] { "awaiting-shipment", "in-dispute" })
            waiting.AddRange((await ReadOrders.PageAsync(Viewer, tab, null, ReadOrders.MaxPageSize, db, writer.Rules.Policy, ct)).Orders.Select(o => o.Id));
        var orders = await writer.LoadManyAsync(waiting.Distinct().ToList(), ct);
        ToAnswer = orders.Select(o => OrderView.Of(o, Viewer, Now, writer.Rules))
            .OrderBy(o => o.Deadlines.Select(d => (DateTimeOffset?)d.At).Min() ?? DateTimeOffset.MaxValue).ToList();
        Money = (await Payouts.Read(actors, db, ct)).Value;
        Figures = (await StorePerformance.Read(storeId, actors, db, ct)).Value;
        UnreadMessages = await OrderMessages.UnreadForStoreAsync(storeId, db, ct);
        Investigation = (await Features.Admin.Investigations.Mine(actors, db, ct)).Value!
            .FirstOrDefault(i => i.Status == Domain.Catalog.InvestigationStatus.AwaitingEvidence);
    }

    /// <summary>Approve or refuse a cancellation request from the list: the order page's runner and verbs, then back here.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(long orderId, string? action, [FromServices] OrderActionRunner runner, CancellationToken ct)
    {
        if (OrderActionForms.Parse(action) is not ({ } chosen and (Domain.Orders.OrderAction.ApproveCancellation or Domain.Orders.OrderAction.RefuseCancellation)))
            return BadRequest();
        var form = Request.Form;
        await runner.RunAsync(orderId, chosen, OrderActionForms.Verb(chosen, name => form[name].FirstOrDefault()), ct);
        TempData["Notice"] = l["Order {0}: {1}.", orderId, OrderDisplay.ActionLabel(l, action!)].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOpenAsync(string? name, CancellationToken ct)
    {
        await OpenStore.Handle(new OpenStore.Body(name), actors, db, clock, ct);
        TempData["Notice"] = l["Your store is open. Add your first listing."].Value;
        return Redirect("/seller/listings");
    }
}
