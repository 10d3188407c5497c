using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Domain.Catalog;
using Souk.Web.Features.Coupons;
using Souk.Web.Infrastructure;
using Souk.Web.Pages.Orders;

namespace Souk.Web.Pages.Seller;

/// <summary>The store's coupons: create one (percent or amount off, minimum order, validity, usage limit) and stop one
/// being used. The same handlers as the coupons API; its refusals come back as the page's refusal notice.</summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Seller)]
public sealed class CouponsModel(ActorAccessor actors, SoukDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<StoreCoupons.CouponView> Coupons { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Coupons = (await StoreCoupons.List(actors, db, ct)).Value!;
    }

    /// <summary>A percentage is a whole number; an amount off and the minimum order are typed in major units. Times are
    /// typed in the seller's time zone; one that does not exist there is refused like a missing one.</summary>
    public async Task<IActionResult> OnPostCreateAsync(string? code, CouponKind? kind, string? value, string? currency, string? minOrder,
        string? validFrom, string? validUntil, int? usageLimit, CancellationToken ct)
    {
        long? amount = kind == CouponKind.Percent ? (long.TryParse(value, out var percent) ? percent : -1) : OrderDisplay.ToMinor(value, currency?.Trim()) ?? -1;
        var body = new StoreCoupons.Body(code, kind, amount, OrderDisplay.FromLocalInput(validFrom), OrderDisplay.FromLocalInput(validUntil),
            Currency: currency, MinOrderMinor: OrderDisplay.ToMinor(minOrder, currency?.Trim()) ?? 0, UsageLimit: usageLimit);
        var created = (await StoreCoupons.Create(body, actors, db, clock, ct)).Value!;
        TempData["Notice"] = l["Coupon {0} created.", created.Code].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(long id, CancellationToken ct)
    {
        var coupon = (await StoreCoupons.Deactivate(id, actors, db, ct)).Value!;
        TempData["Notice"] = l["Coupon {0} can no longer be used.", coupon.Code].Value;
        return RedirectToPage();
    }

    public string Discount(StoreCoupons.CouponView c) =>
        c.Kind == CouponKind.Percent ? l["{0}% off", c.Value] : l["{0} off", OrderDisplay.Money(c.Value, c.Currency)];
}
