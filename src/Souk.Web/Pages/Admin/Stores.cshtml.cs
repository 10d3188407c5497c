using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Features.Admin;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Admin;

/// <summary>
/// Complaints against stores and the investigations they lead to: open one (the store's orders with money held
/// freeze), read the seller's evidence, clear the store (orders thaw) or block it, with a written decision. The page
/// calls the same handlers as <c>/api/admin/complaints</c>, <c>/api/admin/investigations</c> and the open/close endpoints.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Admin)]
public sealed class StoresModel(ActorAccessor actors, SoukDbContext db, StoreInvestigator investigator, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record StoreComplaints(long StoreId, IReadOnlyList<Investigations.ComplaintView> Complaints, Investigations.InvestigationView? Open);

    public IReadOnlyList<StoreComplaints> Complained { get; private set; } = [];
    public IReadOnlyList<Investigations.InvestigationView> Open { get; private set; } = [];
    public IReadOnlyList<Investigations.InvestigationView> Closed { get; private set; } = [];
    public IReadOnlyDictionary<long, string> StoreNames { get; private set; } = new Dictionary<long, string>();
    public IReadOnlyDictionary<string, string> BuyerEmails { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var complaints = (await Investigations.Complaints(null, db, ct)).Value!;
        var investigations = await Investigations.ListAsync(null, db, ct);
        Open = investigations.Where(i => i.Status is Souk.Domain.Catalog.InvestigationStatus.AwaitingEvidence or Souk.Domain.Catalog.InvestigationStatus.EvidenceSubmitted)
            .OrderBy(i => i.EvidenceDueAt).ToList();
        Closed = investigations.Where(i => !Open.Contains(i)).Take(20).ToList();
        // Stores with complaints, the most recently complained-about first (complaints come newest first).
        Complained = complaints.GroupBy(c => c.StoreId)
            .Select(g => new StoreComplaints(g.Key, g.ToList(), Open.FirstOrDefault(i => i.StoreId == g.Key))).ToList();

        var storeIds = complaints.Select(c => c.StoreId).Concat(investigations.Select(i => i.StoreId)).Distinct().ToList();
        StoreNames = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var buyerIds = complaints.Select(c => c.BuyerId).Distinct().ToList();
        BuyerEmails = await db.Users.AsNoTracking().Where(u => buyerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
    }

    public string StoreName(long storeId) => StoreNames.GetValueOrDefault(storeId) ?? l["Store {0}", storeId].Value;

    public async Task<IActionResult> OnPostOpenAsync(long storeId, string? reason, CancellationToken ct)
    {
        await Investigations.Open(storeId, new Investigations.OpenBody(reason), actors, investigator, ct);
        TempData["Notice"] = l["The investigation of {0} is open; its orders with money held are frozen.", await NameAsync(storeId, ct)].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync(long storeId, string? outcome, string? decision, CancellationToken ct)
    {
        var closed = (await Investigations.Close(storeId, new Investigations.CloseBody(outcome, decision), investigator, db, ct)).Value!;
        var name = await NameAsync(storeId, ct);
        TempData["Notice"] = closed.Status == Souk.Domain.Catalog.InvestigationStatus.Blocked
            ? l["{0} is blocked: its listings are hidden, its frozen and unpaid orders annulled and refunded.", name].Value
            : l["{0} is cleared: its orders thaw and their countdowns carry on.", name].Value;
        return RedirectToPage();
    }

    private async Task<string> NameAsync(long storeId, CancellationToken ct) =>
        await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? l["Store {0}", storeId].Value;
}
