using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Orders;

/// <summary>The order page ("More"): lines, address, shipping and tracking, the cancellation request, the dispute,
/// payment and each refund's stage, the timeline, and the actions — allowed ones as forms built from the API's action
/// fields, refused ones with their reason. Buyer, seller and admin each see their own actions here.</summary>
public sealed class DetailsModel(ActorAccessor actors, OrderWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public OrderView Order { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Order = await ReadOrders.OneAsync(id, await actors.GetAsync(ct), writer, clock, ct);
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
