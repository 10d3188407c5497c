using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Orders;

/// <summary>The order page ("More"): lines, address, shipping and tracking, the cancellation request, the dispute,
/// payment and each refund's stage, the timeline, and the actions — allowed ones as forms built from the API's action
/// fields, refused ones with their reason. Buyer, seller and admin each see their own actions here.</summary>
// The evidence upload is the largest thing posted here: the body is cut off past its limit, as on the API's endpoint.
[RequestSizeLimit(DisputeEvidenceEndpoints.MaxRequestBytes)]
public sealed class DetailsModel(ActorAccessor actors, OrderWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public OrderView Order { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public Actor Viewer { get; private set; } = Actor.System;

    /// <summary>The message thread, when the viewer may read it (the two parties; admins once the dispute is escalated).</summary>
    public OrderMessages.ThreadView? Thread { get; private set; }

    /// <summary>Messages that were unread when the page opened; opening the page marks them read, as in any inbox.</summary>
    public IReadOnlySet<long> NewMessageIds { get; private set; } = new HashSet<long>();

    public IReadOnlyList<DisputeEvidenceEndpoints.EvidenceView> Evidence { get; private set; } = [];

    /// <summary>The buyer and the seller may add evidence while the dispute is open (the domain verb has the last word).</summary>
    public bool CanAddEvidence => Order.Dispute is { Open: true } && Viewer.Role is ActorRole.Buyer or ActorRole.Seller;

    public bool CanSendMessages => Viewer.Role is ActorRole.Buyer or ActorRole.Seller;

    public async Task OnGetAsync(long id, [FromServices] SoukDbContext db, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Viewer = await actors.GetAsync(ct);
        Order = await ReadOrders.OneAsync(id, Viewer, writer, clock, ct);
        if (CanSendMessages || Order.Dispute?.EscalatedAt is not null)
        {
            Thread = await OrderMessages.ReadAsync(id, Viewer, writer, db, ct);
            if (Thread.Unread > 0 && CanSendMessages)
            {
                var mine = Viewer.Role.ToString().ToLowerInvariant();
                NewMessageIds = Thread.Messages.Where(m => m.From != mine && m.ReadAt is null).Select(m => m.Id).ToHashSet();
                await OrderMessages.MarkReadAsync(id, Viewer, writer, db, clock, ct);
            }
        }
        if (Order.Dispute is not null) Evidence = await DisputeEvidenceEndpoints.ListAsync(id, Viewer, writer, db, ct);
    }

    public async Task<IActionResult> OnPostMessageAsync(long id, string? text, [FromServices] SoukDbContext db, CancellationToken ct)
    {
        await OrderMessages.SendAsync(id, await actors.GetAsync(ct), text, writer, db, clock, ct);
        TempData["Notice"] = l["Message sent."].Value;
        return Redirect($"/orders/{id}#messages-h");
    }

    /// <summary>An image for the dispute, checked by its bytes and stored by the order's commit step, as through the API.</summary>
    public async Task<IActionResult> OnPostEvidenceAsync(long id, IFormFile? file, [FromServices] SoukDbContext db, CancellationToken ct)
    {
        var added = await DisputeEvidenceEndpoints.UploadAsync(id, await actors.GetAsync(ct), file, writer, db, ct);
        TempData["Notice"] = l["Evidence added: {0}.", added.FileName].Value;
        return Redirect($"/orders/{id}#dispute-h");
    }

    /// <summary>Evidence is downloaded as an attachment, never shown inline as this site's content.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(long id, long evidenceId, [FromServices] SoukDbContext db, CancellationToken ct)
    {
        var file = await DisputeEvidenceEndpoints.FileAsync(id, evidenceId, await actors.GetAsync(ct), writer, db, ct);
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>"Add to cart again": the order's items back in the cart, saying what could not be added and why.</summary>
    public async Task<IActionResult> OnPostCartAgainAsync(long id, [FromServices] SoukDbContext db, CancellationToken ct)
    {
        var result = await AddToCartAgain.AddAsync(id, await actors.GetAsync(ct), writer, db, clock, ct);
        var added = string.Join(", ", result.Added.Select(a => $"{a.Title} × {a.Quantity}"));
        TempData["Notice"] = (result.Added.Count > 0 ? l["Added to your cart: {0}.", added].Value : l["Nothing could be added to your cart."].Value)
            + string.Concat(result.Skipped.Select(s => " " + s.Message));
        return Redirect($"/orders/{id}");
    }

    /// <summary>Any allowed action's form: the same runner, rules and commit step as its API endpoint.</summary>
    public async Task<IActionResult> OnPostActAsync(long id, string? action, [FromServices] OrderActionRunner runner, CancellationToken ct)
    {
        if (OrderActionForms.Parse(action) is not { } chosen || OrderActionForms.HasOwnPage(action!)) return BadRequest();
        var form = Request.Form;
        await runner.RunAsync(id, chosen, OrderActionForms.Verb(chosen, name => form[name].FirstOrDefault()), ct);
        TempData["Notice"] = l["Done: {0}.", OrderDisplay.ActionLabel(l, action!)].Value;
        return Redirect($"/orders/{id}");
    }
}
