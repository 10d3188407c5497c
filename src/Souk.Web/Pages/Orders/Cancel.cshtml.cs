using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Orders;

/// <summary>
/// The cancel dialog: the reason list (in the page's language), a comment (required for Other), send. It cancels at
/// once when the order allows it (unpaid, or inside the instant-cancel window), otherwise it asks the seller.
/// </summary>
public sealed class CancelModel(ActorAccessor actors, OrderWriter writer, TimeProvider clock, CancelReasonTable reasons,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public OrderView Order { get; private set; } = null!;
    public ActionView? Cancel { get; private set; }
    public ActionView? RequestAction { get; private set; }
    public IReadOnlyList<(string Code, string Text, bool RequiresComment)> Reasons { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Order = await ReadOrders.OneAsync(Id, await actors.GetAsync(ct), writer, clock, ct);
        Cancel = Order.Actions.FirstOrDefault(a => a.Action == "cancel");
        RequestAction = Order.Actions.FirstOrDefault(a => a.Action == "request-cancellation");
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Reasons = reasons.All.Select(r => (r.Code, r.TextIn(language), r.RequiresComment)).ToList();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] OrderActionRunner runner, CancellationToken ct)
    {
        await OnGetAsync(ct);
        var body = new CancelOrder.Body(Reason, Comment);
        if (Cancel is { Allowed: true })
        {
            await runner.TakeAsync(Id, OrderAction.Cancel, body, ct);
            TempData["Notice"] = l["Order {0} is cancelled.", Id].Value;
        }
        else
        {
            // Not allowed either way: the request's refusal says why (the page filter shows it).
            var sent = await runner.TakeAsync(Id, OrderAction.RequestCancellation, body, ct);
            TempData["Notice"] = l["Your request was sent. The seller has until {0} to answer; no answer means it is approved.",
                OrderDisplay.Time(sent.CancellationRequest!.RespondBy)].Value;
        }
        return Redirect($"/orders/{Id}");
    }
}
