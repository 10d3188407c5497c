using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Souk.Data;
using Souk.Web.Features.Notifications;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages;

/// <summary>The notification bell's page: what happened to your orders, newest first, unread ones marked; read them all.</summary>
[Authorize(Policy = SoukPages.PagesPolicy)]
public sealed class NotificationsModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock) : PageModel
{
    public NotificationBell.Page Bell { get; private set; } = new(0, [], null);

    public async Task OnGetAsync(long? before, CancellationToken ct) =>
        Bell = await NotificationBell.PageAsync((await actors.GetAsync(ct)).UserId!, before, 50, db, ct);

    public async Task<IActionResult> OnPostReadAsync(long? upTo, CancellationToken ct)
    {
        await NotificationBell.MarkReadAsync((await actors.GetAsync(ct)).UserId!, upTo, db, clock, ct);
        return RedirectToPage();
    }
}
