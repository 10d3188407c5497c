using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Account;

/// <summary>Cookie sign-in for the pages, with the same lockout as the API (5 failures lock the account for a while).</summary>
public sealed class SignInModel(SignInManager<SoukUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = l["Give both email and password."];
            return Page();
        }
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/orders");
        Error = result.IsLockedOut
            ? RefusalMessages.Render(await Features.Accounts.SignIn.LockoutRefusalAsync(signIn.UserManager, Email.Trim()))
            : l["The email or password is wrong."];
        return Page();
    }
}
