using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Accounts;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Account;

/// <summary>Register as buyer or seller through the same account creation as the API, then signed in.</summary>
public sealed class RegisterModel(UserManager<SoukUser> users, SignInManager<SoukUser> signIn) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Role { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var (user, _, problem) = await Features.Accounts.SignIn.CreateAccountAsync(users, Email, Password, Role, null);
            if (problem is not null)
            {
                Error = problem.Detail;
                return Page();
            }
            await signIn.SignInAsync(user!, isPersistent: true);
            return LocalRedirect("/orders");
        }
        catch (RuleViolationException e)
        {
            Error = RefusalMessages.Render(e.Violation);
            return Page();
        }
    }
}
