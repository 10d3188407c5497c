using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Webhooks;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Webhooks;

/// <summary>
/// The viewer's webhook endpoints — a seller's store endpoints, an admin's platform endpoints — with their backlog,
/// disable/enable and rotate secret; each through the same handler as its API endpoint.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller + "," + Roles.Admin)]
public sealed class IndexModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, IOptions<SoukOptions> options,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Where a new or rotated secret waits, protected like all TempData, until the endpoint's page shows it once.</summary>
    public const string SecretKey = "WebhookSecret";

    public Actor Viewer { get; private set; } = Actor.System;
    public bool IsPlatform => Viewer.Role == ActorRole.Admin;

    /// <summary>A seller without a store has no scope yet.</summary>
    public bool HasScope => IsPlatform || Viewer.StoreId is not null;

    public IReadOnlyList<WebhookApi.EndpointView> Endpoints { get; private set; } = [];
    public int MaxEndpoints => options.Value.Webhooks.MaxEndpoints;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await actors.GetAsync(ct);
        if (HasScope) Endpoints = (await WebhookApi.List(actors, db, ct)).Value!;
    }

    public async Task<IActionResult> OnPostDisableAsync(long id, CancellationToken ct)
    {
        var endpoint = (await WebhookApi.Disable(id, actors, db, clock, ct)).Value!;
        TempData["Notice"] = l["{0} is disabled; new events are no longer queued for it.", endpoint.Url].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct)
    {
        var endpoint = (await WebhookApi.Enable(id, actors, db, options, ct)).Value!;
        TempData["Notice"] = l["{0} is enabled again.", endpoint.Url].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRotateAsync(long id, CancellationToken ct)
    {
        var endpoint = (await WebhookApi.RotateSecret(id, null, actors, db, ct)).Value!;
        return ShowSecretOnce(this, endpoint.Id, endpoint.Secret!);
    }

    /// <summary>Post/redirect/get to the endpoint's page, which shows the secret once: TempData is read once and then
    /// deleted, and its cookie is encrypted with the site's data-protection keys.</summary>
    internal static IActionResult ShowSecretOnce(PageModel page, long endpointId, string secret)
    {
        page.TempData[SecretKey] = $"{endpointId} {secret}";
        return page.RedirectToPage("/Webhooks/Endpoint", new { id = endpointId });
    }
}
