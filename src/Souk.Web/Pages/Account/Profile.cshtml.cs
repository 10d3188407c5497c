using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Data;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Account;

/// <summary>The profile: the name others see, the language, and the time zone every time on the pages is shown in.</summary>
[Authorize(Policy = SoukPages.PagesPolicy)]
public sealed class ProfileModel(UserManager<SoukUser> users, SignInManager<SoukUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? Language { get; set; }
    public string? Error { get; private set; }

    /// <summary>The zones this server knows (IANA names), UTC first.</summary>
    public static IReadOnlyList<string> Zones { get; } =
        ["UTC", .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id != "UTC" && id.Contains('/')).Order(StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        DisplayName = user.DisplayName;
        TimeZone = user.TimeZone;
        Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!DisplayZone.TryFind(TimeZone, out _))
        {
            Error = l["Choose a time zone from the list."];
            return Page();
        }
        var name = DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            Error = l["Give a name of 1 to 100 characters."];
            return Page();
        }
        user.DisplayName = name;
        user.TimeZone = TimeZone!;
        await users.UpdateAsync(user);
        // The time zone travels in the sign-in cookie: renew it so the next page already uses the new zone.
        await signIn.RefreshSignInAsync(user);
        if (SoukPages.Cultures.Any(c => c.Name == Language))
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Language!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        TempData["Notice"] = l["Profile saved."].Value;
        return RedirectToPage();
    }
}
