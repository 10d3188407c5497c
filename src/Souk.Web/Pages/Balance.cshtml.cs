using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Souk.Data;
using Souk.Web.Features.Money;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages;

/// <summary>The buyer's platform balance per currency and its history — the same read as <c>GET /api/balance</c>.</summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Buyer)]
public sealed class BalanceModel(ActorAccessor actors, SoukDbContext db) : PageModel
{
    public Balance.BalanceView View { get; private set; } = new([], [], null);
    public long? Before { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken ct)
    {
        Before = before;
        View = await Balance.ReadAsync((await actors.GetAsync(ct)).UserId!, before, 50, db, ct);
    }
}
