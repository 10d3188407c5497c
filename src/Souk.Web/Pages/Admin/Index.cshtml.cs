using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Features.Admin;
using Souk.Web.Features.Money;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Admin;

/// <summary>
/// The admin desk: escalated disputes waiting for a ruling (ruled on the order page), blocked buyers (lifted here),
/// refunds needing attention (settled on the order page) and the platform-wide ledger check — each read through the
/// same use case as its API endpoint. Complaints and investigations are on <c>/admin/stores</c>.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Admin)]
public sealed class IndexModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, Souk.Domain.Policy policy, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<EscalatedDisputes.EscalatedDispute> Disputes { get; private set; } = [];
    public IReadOnlyList<BuyerBlocks.BlockedBuyer> Blocked { get; private set; } = [];
    public IReadOnlyList<RefundDesk.Case> Refunds { get; private set; } = [];
    public LedgerCheck.CheckResult? Ledger { get; private set; }
    public int OpenInvestigations { get; private set; }
    public int Complaints { get; private set; }

    /// <param name="check">Run the ledger check (the button is a GET form: it reads, it changes nothing).</param>
    public async Task OnGetAsync(bool check, CancellationToken ct)
    {
        Disputes = await EscalatedDisputes.ReadAsync(db, ct);
        Blocked = (await BuyerBlocks.List(db, ct)).Value!;
        Refunds = (await RefundDesk.Read(db, policy, ct)).Value!;
        OpenInvestigations = (await Investigations.ListAsync("open", db, ct)).Count;
        Complaints = await db.StoreComplaints.CountAsync(ct);
        if (check) Ledger = (await LedgerCheck.Check(db, ct)).Value;
    }

    public async Task<IActionResult> OnPostLiftAsync(string buyerId, [FromServices] UserManager<SoukUser> users, CancellationToken ct)
    {
        await BuyerBlocks.Lift(buyerId, actors, db, users, clock, ct);
        var email = (await users.FindByIdAsync(buyerId))?.Email ?? buyerId;
        TempData["Notice"] = l["The block on {0} is lifted; they can order again.", email].Value;
        return RedirectToPage();
    }
}
