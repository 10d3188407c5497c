using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Souk.Data;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>
/// The server-rendered pages: Razor Pages over the same use-case code as the API, signed in with the Identity cookie,
/// antiforgery on every form (Razor Pages' default), English and Russian.
/// </summary>
public static class SoukPages
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("ru")];

    /// <summary>Pages sign in with the Identity cookie, so a signed-out visitor is sent to the sign-in page (the API's
    /// default scheme would answer a bare 401).</summary>
    public const string PagesPolicy = "Pages";

    public static WebApplicationBuilder AddSoukPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(PagesPolicy, p => p
            .AddAuthenticationSchemes(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser());
        builder.Services.AddLocalization();
        builder.Services.AddScoped<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<SoukUser>, SoukClaimsFactory>();
        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Orders", PagesPolicy);
                o.Conventions.ConfigureFilter(new RefusalPageFilter());
            })
            .AddViewLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The language chosen on the page (a cookie) wins over the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            // The API answers 401/403 problems; pages send the person to sign in.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = 401;
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = 403;
                return Task.CompletedTask;
            };
        });
        return builder;
    }
}

/// <summary>
/// The one place a page turns a refusal into something the person reads: the action is not taken, the page is shown
/// again with the rule's sentence (and when it becomes possible) above it. Unknown or someone else's order: 404.
/// </summary>
public sealed class RefusalPageFilter : IAsyncPageFilter
{
    public const string TempDataKey = "Refusal";

    private static QueryString WithoutHandler(IQueryCollection query) =>
        QueryString.Create(query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        switch (executed.Exception)
        {
            case RuleViolationException e when context.HttpContext.Request.Method != "GET":
                var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
                tempData[TempDataKey] = RefusalMessages.Render(e.Violation)
                    + (e.Violation.PossibleFrom is { } from ? " " + RefusalMessages.Render("refusal.possible-from", new Dictionary<string, object?> { ["at"] = from }) : "");
                // Back to the page the form was on (post/redirect/get), so a reload does not post again; without the
                // form's handler name, which on a GET would select a GET handler of the same name (a download, say).
                executed.Result = new RedirectResult(context.HttpContext.Request.Path + WithoutHandler(context.HttpContext.Request.Query));
                executed.ExceptionHandled = true;
                break;
            case Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException race when context.HttpContext.Request.Method != "GET":
                // Two people changed the same thing at once and the other one won: say so on the page, as the API's 409 does.
                var lostRace = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
                lostRace[TempDataKey] = RefusalMessages.Render(ProblemMapping.ChangedConcurrentlyCode(race), new Dictionary<string, object?>());
                executed.Result = new RedirectResult(context.HttpContext.Request.Path + WithoutHandler(context.HttpContext.Request.Query));
                executed.ExceptionHandled = true;
                break;
            case ActionNotForRoleException:
                executed.Result = new ForbidResult();
                executed.ExceptionHandled = true;
                break;
            case OrderNotFoundException or NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
        }
    }
}

/// <summary>Marker for the shared page strings: the English text is the key; Russian is in SharedResource.ru.resx beside this file.</summary>
public sealed class SharedResource;
