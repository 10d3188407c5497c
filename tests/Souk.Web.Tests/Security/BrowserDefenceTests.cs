using System.Net;
using System.Net.Http.Json;
using Souk.Web.Infrastructure;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Security;

/// <summary>
/// The attacks a hostile web page or a guessing client can try through a browser or the sign-in: a change made with the
/// victim's cookie from another site, the pages framed or scripted from elsewhere, and a lockout that does not say when
/// it ends (docs/security.md).
/// </summary>
public sealed class BrowserDefenceTests
{
    /// <summary>A client holding the sign-in cookie, as a browser would after signing in on the pages.</summary>
    private static async Task<HttpClient> CookieBuyerAsync(SoukApp app, string email)
    {
        (await app.SignUpAsync("buyer", email)).Dispose();
        var browser = app.CreateClient(); // keeps cookies, like a browser
        (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = SoukApp.Password })).EnsureSuccessStatusCode();
        return browser;
    }

    private static HttpRequestMessage AddToCart(long listing, string? origin, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cart/items") { Content = JsonContent.Create(new { listingId = listing, quantity = 1 }) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return request;
    }

    [Fact]
    public async Task CookieChange_FromAnotherOrigin_Is403AndChangesNothing_OwnOriginAndBearerTokensWork()
    {
        using var app = new SoukApp();
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        using var browser = await CookieBuyerAsync(app, "cookie@test.souk");

        // A hostile page's form or fetch: the browser adds the cookie and its own Origin. No Origin at all is refused too.
        foreach (var origin in new[] { "https://evil.example", "null", "http://localhost.evil.example", null })
        {
            var refused = await (await browser.SendAsync(AddToCart(listing, origin))).ExpectProblemAsync(403, "request.cross-origin");
            Assert.Contains("Souk's own pages", refused["detail"]!.GetValue<string>());
        }
        var cart = await Shop.CartAsync(browser);
        Assert.Empty(cart["stores"]!.AsArray());

        // From Souk's own origin the same change is made.
        (await browser.SendAsync(AddToCart(listing, "http://localhost"))).EnsureSuccessStatusCode();
        // Reads are never refused; a bearer token is never sent by a browser on its own, so its Origin does not matter.
        (await browser.GetAsync("/api/cart")).EnsureSuccessStatusCode();
        using var api = await app.SignUpAsync("buyer", "bearer@test.souk");
        var token = api.DefaultRequestHeaders.Authorization!.Parameter;
        using var plain = app.CreateClient();
        (await plain.SendAsync(AddToCart(listing, "https://evil.example", token))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Pages_SendContentSecurityPolicy_FramingAndReferrerRules_AndHstsOverHttps()
    {
        using var app = new SoukApp();
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://souk.example/") });
        foreach (var page in new[] { "/", "/catalog", "/account/sign-in", "/help" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal(BrowserDefences.ReferrerPolicy, response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            // Outside Development, over HTTPS: browsers are told to use HTTPS only.
            Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
            // The policy forbids inline script, so the pages must have none (handlers included).
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch(@"\son[a-z]+=""", html);
        }
    }

    [Fact]
    public async Task Lockout_SaysWhenItEnds_WithPossibleFromAndRetryAfter()
    {
        using var app = new SoukApp();
        (await app.SignUpAsync("buyer", "locked@test.souk")).Dispose();
        using var client = app.CreateClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
            last = await client.PostAsJsonAsync("/api/auth/login", new { email = "locked@test.souk", password = "Wrong-pass-1" });
        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email = "locked@test.souk", password = SoukApp.Password });
        var problem = await locked.ExpectProblemAsync(401, "login.locked-out");
        var until = problem["possibleFrom"]!.GetValue<DateTimeOffset>();
        // Identity's default lockout: five minutes from the failure that locked it. Like sign-in lifetimes it runs on real
        // time, not on Souk's (movable) clock, so a demo jumping days ahead does not unlock accounts.
        Assert.Equal(DateTimeOffset.UtcNow.AddMinutes(5), until, TimeSpan.FromSeconds(30));
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 270, 300);
        Assert.Contains(until.UtcDateTime.ToString("yyyy-MM-dd"), problem["detail"]!.GetValue<string>());
        Assert.Equal(401, (int)last.StatusCode);
    }
}
