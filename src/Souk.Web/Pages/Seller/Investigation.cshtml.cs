using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain.Catalog;
using Souk.Web.Features.Admin;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Seller;

/// <summary>The investigation evidence form: while admins investigate the store its orders with money held are frozen;
/// the seller answers once, before the evidence deadline, or the store is blocked by itself (spec §3).</summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller)]
public sealed class InvestigationModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<Investigations.InvestigationView> All { get; private set; } = [];
    public Investigations.InvestigationView? AwaitingEvidence => All.FirstOrDefault(i => i.Status == InvestigationStatus.AwaitingEvidence);
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        All = (await Investigations.Mine(actors, db, ct)).Value!;
    }

    public async Task<IActionResult> OnPostAsync(string? evidence, [FromServices] StoreInvestigator investigator, CancellationToken ct)
    {
        await Investigations.SubmitEvidence(new Investigations.EvidenceBody(evidence), actors, investigator, ct);
        TempData["Notice"] = l["Your evidence is with the admins. The orders stay frozen until they decide."].Value;
        return RedirectToPage();
    }
}
