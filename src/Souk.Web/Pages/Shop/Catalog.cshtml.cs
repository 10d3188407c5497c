using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Features.Cart;
using Souk.Web.Features.Listings;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Shop;

/// <summary>The catalogue: what is on sale, newest first, searchable by words in the title; buyers put items in the cart here.</summary>
public sealed class CatalogModel(SoukDbContext db, ActorAccessor actors, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public ReadListings.ListingPage Listings { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) =>
        Listings = await ReadListings.BrowseAsync(null, Q, Cursor, ReadListings.DefaultPageSize, db, ct);

    /// <summary>Only a signed-in buyer has a cart; anyone else is asked to sign in first.</summary>
    public async Task<IActionResult> OnPostAddAsync(long listingId, int? quantity, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Buyer)) return Challenge(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
        await ChangeCart.AddAsync(actors.UserId, new ChangeCart.AddBody(listingId, quantity ?? 1), db, clock, ct);
        TempData["Notice"] = l["Added to your cart."].Value;
        return RedirectToPage(new { q = Q, cursor = Cursor });
    }
}
