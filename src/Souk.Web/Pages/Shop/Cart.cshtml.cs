using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Addresses;
using Souk.Web.Features.Cart;
using Souk.Web.Features.Checkout;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Shop;

/// <summary>
/// The cart by store (each store becomes one order) and checkout: an address from the address book, a shipping method
/// and optionally a coupon per store. The same checks as the API: a line that cannot be bought says why, and a refused
/// checkout (too many unpaid orders, a blocked account, a used-up coupon) shows the rule above the page.
/// </summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Buyer)]
public sealed class CartModel(SoukDbContext db, ActorAccessor actors, OrderWriter writer, TimeProvider clock, Rulebook rules,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public ReadCart.CartView Cart { get; private set; } = new([], 0, false, null);
    public IReadOnlyList<AddressBook.AddressView> Addresses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cart = await ReadCart.ViewAsync(db, actors.UserId, clock, rules, ct);
        Addresses = await AddressBook.ListAsync(actors.UserId, db, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long listingId, CancellationToken ct)
    {
        await ChangeCart.RemoveAsync(actors.UserId, listingId, db, ct);
        return RedirectToPage();
    }

    /// <summary>Checkout: the form posts <c>addressId</c>, and per store <c>method-{storeId}</c> and <c>coupon-{storeId}</c>.</summary>
    public async Task<IActionResult> OnPostCheckoutAsync(long? addressId, CancellationToken ct)
    {
        var cart = await ReadCart.ViewAsync(db, actors.UserId, clock, rules, ct);
        var choices = cart.Stores.Select(s => (PlaceOrders.ShippingChoice?)new PlaceOrders.ShippingChoice(s.StoreId,
            Request.Form[$"method-{s.StoreId}"].FirstOrDefault(), Request.Form[$"coupon-{s.StoreId}"].FirstOrDefault())).ToList();
        var placed = await PlaceOrders.PlaceAsync(await actors.GetAsync(ct), new PlaceOrders.Body(addressId, choices), db, writer, clock, rules, ct);
        TempData["Notice"] = l["{0} order(s) placed. Pay them from My orders.", placed.Orders.Count].Value;
        return Redirect("/orders?tab=awaiting-payment");
    }
}
