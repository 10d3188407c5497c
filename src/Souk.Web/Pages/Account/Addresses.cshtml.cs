using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Souk.Data;
using Souk.Web.Features.Addresses;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Account;

/// <summary>The buyer's address book: checkout ships to one of these.</summary>
[Authorize(Policy = SoukPages.PagesPolicy, Roles = Roles.Buyer)]
public sealed class AddressesModel(SoukDbContext db, ActorAccessor actors) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public IReadOnlyList<AddressBook.AddressView> Addresses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Addresses = await AddressBook.ListAsync(actors.UserId, db, ct);

    public async Task<IActionResult> OnPostAsync(AddressBook.Body body, CancellationToken ct)
    {
        await AddressBook.AddAsync(actors.UserId, body, db, ct);
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : RedirectToPage();
    }
}
