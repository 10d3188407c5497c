using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>
/// What protects people using Souk in a browser (docs/security.md): the pages' security headers, and the check that a
/// change under <c>/api</c> authenticated by the sign-in cookie comes from Souk's own origin. Browsers send cookies with
/// cross-site requests; without CORS a hostile page cannot read the answer, but it could still make the change — so
/// the cookie alone never authorises a change from elsewhere. Bearer tokens are never sent by a browser on its own, so
/// requests carrying one are not affected.
/// </summary>
public static class BrowserDefences
{
    /// <summary>
    /// Scripts and styles only from Souk itself (the pages have no inline script or style; <c>souk.js</c> adds the
    /// small helps), no framing by other sites, forms only to Souk, and no full address leaking to other sites.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public static WebApplicationBuilder AddSoukBrowserDefences(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false; // a marketplace's other hosts are not Souk's to decide
        });
        return builder;
    }

    /// <summary>Headers on every page, HSTS outside Development (only ever sent over HTTPS).</summary>
    public static IApplicationBuilder UseSoukBrowserDefences(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((http, next) =>
        {
            var path = http.Request.Path;
            // The interactive API reference (Development only) is Scalar's own page with its own scripts.
            if (!path.StartsWithSegments("/scalar"))
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate it
            }
            return next(http);
        });
        return app;
    }

    /// <summary>
    /// After sign-in: a cookie-authenticated change under <c>/api</c> needs an <c>Origin</c> (or, without one, a
    /// <c>Referer</c>) on Souk's own host, or a valid antiforgery header. Refused with 403 <c>request.cross-origin</c>.
    /// </summary>
    public static IApplicationBuilder UseSoukCookieOriginCheck(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var origin = "";
            if (!http.Request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(http.Request.Method)
                || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                || http.Request.Headers.Authorization.Count > 0 || !SignedInWithCookie(http)
                || FromOwnOrigin(http, out origin)
                || await ValidAntiforgeryHeaderAsync(http))
            {
                await next(http);
                return;
            }
            var refusal = RuleViolation.Refused("request.cross-origin", null, ("origin", origin));
            var problem = ProblemMapping.FromViolation(refusal);
            problem.Status = StatusCodes.Status403Forbidden;
            problem.Title = "Forbidden";
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        });
        return app;
    }

    private static bool SignedInWithCookie(HttpContext http)
    {
        var cookie = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore." + IdentityConstants.ApplicationScheme;
        // Chunked cookies (large identities) are named cookie, cookieC1, …; the first always carries the base name.
        return http.Request.Cookies.ContainsKey(cookie) && http.User.Identity?.IsAuthenticated == true;
    }

    /// <summary>
    /// Same host and port as the request (the scheme is not compared: behind a TLS-terminating proxy Souk sees http while
    /// the browser says https). <paramref name="origin"/> is what the request claimed, for the refusal's sentence.
    /// </summary>
    private static bool FromOwnOrigin(HttpContext http, out string origin)
    {
        var claimed = http.Request.Headers.Origin.ToString();
        if (claimed.Length == 0) claimed = http.Request.Headers.Referer.ToString();
        origin = claimed.Length == 0 ? "no Origin header" : claimed;
        return Uri.TryCreate(claimed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<bool> ValidAntiforgeryHeaderAsync(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var options = http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        if (options.HeaderName is not { } header || !http.Request.Headers.ContainsKey(header)) return false;
        return await antiforgery.IsRequestValidAsync(http);
    }
}
