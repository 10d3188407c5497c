using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Features.Listings;
using Souk.Web.Infrastructure;
using Souk.Web.Pages.Orders;

namespace Souk.Web.Pages.Seller;

/// <summary>The seller's listings: add one (price, stock, handling days, a shipping option), take one off sale or put it back.</summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller)]
public sealed class ListingsModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ReadListings.ListingPage Mine { get; private set; } = new([], null);

    public async Task OnGetAsync(string? cursor, CancellationToken ct) =>
        Mine = (await ReadListings.Mine(cursor, ReadListings.MaxPageSize, actors, db, ct)).Value!;

    /// <summary>Prices are typed in major units (12.50); the API takes minor units (1250).</summary>
    public async Task<IActionResult> OnPostCreateAsync(string? title, string? price, string? currency, int? stock, int? handlingDays,
        string? shippingName, string? shippingPrice, int? deliveryDays, CancellationToken ct)
    {
        var body = new ListingBody(title, OrderDisplay.ToMinor(price, currency?.Trim()), currency, stock, handlingDays,
            [new ShippingOptionBody("standard", shippingName, OrderDisplay.ToMinor(shippingPrice, currency?.Trim()) ?? 0, deliveryDays)]);
        var created = (await CreateListing.Handle(body, actors, db, clock, ct)).Value!;
        TempData["Notice"] = l["“{0}” is on sale.", created.Title].Value;
        return RedirectToPage();
    }

    /// <summary>Title, price, stock and handling time change; the currency and the shipping options stay as they are
    /// (the page edits one listing's everyday figures; the API replaces shipping options too).</summary>
    public async Task<IActionResult> OnPostEditAsync(long id, string? title, string? price, int? stock, int? handlingDays, CancellationToken ct)
    {
        var current = (await ReadListings.Mine(null, ReadListings.MaxPageSize, actors, db, ct)).Value!.Listings.FirstOrDefault(x => x.Id == id)
            ?? throw ListingEndpoints.NotFound();
        var body = new ListingBody(title, OrderDisplay.ToMinor(price, current.Currency), current.Currency, stock, handlingDays,
            current.ShippingOptions.Select(s => (ShippingOptionBody?)new ShippingOptionBody(s.Code, s.Name, s.Price, s.DeliveryDays)).ToList());
        var saved = (await EditListing.Handle(id, body, actors, db, ct)).Value!;
        TempData["Notice"] = l["“{0}” saved.", saved.Title].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDelistAsync(long id, CancellationToken ct)
    {
        await DelistListing.Delist(id, actors, db, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRelistAsync(long id, CancellationToken ct)
    {
        await DelistListing.Relist(id, actors, db, ct);
        return RedirectToPage();
    }
}
