using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Data.Webhooks;
using Souk.Domain;
using Souk.Web.Features.Webhooks;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Webhooks;

/// <summary>
/// One endpoint and its delivery log, newest first and paged like the API (<c>?before=</c>), optionally one status:
/// what was sent, what the receiver answered, when the next attempt is and why a delivery waits; dead letters can be
/// replayed or skipped. Right after the endpoint was created or its secret rotated, the secret is shown here once.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller + "," + Roles.Admin)]
public sealed class EndpointModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 30;

    public WebhookApi.EndpointView Endpoint { get; private set; } = null!;
    public WebhookApi.DeliveryPage Log { get; private set; } = new([], null);
    public WebhookDeliveryStatus? Filter { get; private set; }
    public long? Before { get; private set; }

    /// <summary>The secret, only on the one page view that follows creating the endpoint or rotating its secret.</summary>
    public string? Secret { get; private set; }

    public async Task OnGetAsync(long id, WebhookDeliveryStatus? status, long? before, CancellationToken ct)
    {
        Endpoint = (await WebhookApi.Get(id, actors, db, ct)).Value!;
        Filter = status;
        Before = before;
        Log = (await WebhookApi.Deliveries(id, status, before, PageSize, actors, db, ct)).Value!;
        // Reading TempData deletes it, so a reload no longer has the secret.
        if (TempData[IndexModel.SecretKey] is string shown && shown.Split(' ', 2) is [var forId, var secret] && forId == id.ToString())
        {
            Secret = secret;
            Response.Headers.CacheControl = "no-store";
        }
    }

    public async Task<IActionResult> OnPostReplayAsync(long id, long deliveryId, CancellationToken ct)
    {
        var delivery = (await WebhookApi.Replay(id, deliveryId, actors, db, clock, ct)).Value!;
        TempData["Notice"] = l["Delivery {0} is queued again and is sent at the next attempt.", delivery.Id].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSkipAsync(long id, long deliveryId, CancellationToken ct)
    {
        var delivery = (await WebhookApi.Skip(id, deliveryId, actors, db, ct)).Value!;
        TempData["Notice"] = l["Delivery {0} is skipped; the order's later events go out.", delivery.Id].Value;
        return RedirectToPage(new { id });
    }

    public string PageLink(WebhookDeliveryStatus? status, long? before) =>
        $"/webhooks/{Endpoint.Id}" + (status, before) switch
        {
            (null, null) => "",
            ({ } s, null) => $"?status={s}",
            (null, { } b) => $"?before={b}",
            ({ } s, { } b) => $"?status={s}&before={b}",
        };
}
