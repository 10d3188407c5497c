using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Webhooks;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Webhooks;

/// <summary>Register an endpoint: its URL, the events it receives (all, whole groups or single kinds of the catalogue)
/// and optionally its own signing secret; created by the API's handler, then its secret is shown once.</summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller + "," + Roles.Admin)]
public sealed class NewModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, IOptions<SoukOptions> options) : PageModel
{
    /// <summary>What was typed before a refusal, so the form comes back filled in (never the secret).</summary>
    private const string DraftUrl = "WebhookDraftUrl", DraftEvents = "WebhookDraftEvents";

    public Actor Viewer { get; private set; } = Actor.System;
    public bool IsPlatform => Viewer.Role == ActorRole.Admin;
    public string TypedUrl { get; private set; } = "";
    public IReadOnlySet<string> Chosen { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Viewer = await actors.GetAsync(ct);
        if (!IsPlatform && Viewer.StoreId is null) return Redirect("/webhooks");
        TypedUrl = TempData[DraftUrl] as string ?? "";
        Chosen = (TempData[DraftEvents] as string ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? url, string[]? events, string? secret, CancellationToken ct)
    {
        TempData[DraftUrl] = url;
        TempData[DraftEvents] = string.Join(' ', events ?? []);
        var body = new WebhookApi.Body(url, events ?? [], string.IsNullOrWhiteSpace(secret) ? null : secret.Trim());
        var created = (await WebhookApi.Create(body, actors, db, clock, options, ct)).Value!;
        TempData.Remove(DraftUrl);
        TempData.Remove(DraftEvents);
        return IndexModel.ShowSecretOnce(this, created.Id, created.Secret!);
    }
}
