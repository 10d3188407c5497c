using System.Runtime.CompilerServices;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Souk.Browser.Tests.Infrastructure;

/// <summary>
/// A browser test: its own Souk (fresh database, fake clock) and its own browser context at a phone-or-desktop width.
/// Helpers sign in through the sign-in form, save screenshots of key screens as test artifacts, run the axe-core
/// accessibility rules and check nothing scrolls sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class PageTest(Chromium chromium) : IAsyncLifetime
{
    protected SoukSite Site { get; private set; } = null!;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    private const float Timeout = 30_000;

    private int _shots;

    /// <summary>Where screenshots go: TestResults/screenshots/{test class}/ (test.sh keeps TestResults as CI's artifacts).</summary>
    private static readonly string ShotsRoot = Path.Combine(
        Environment.GetEnvironmentVariable("SOUK_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "screenshots");

    /// <summary>Configuration a test class needs on top of the defaults (e.g. a policy window).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? SiteSettings => null;

    public virtual async Task InitializeAsync()
    {
        Site = new SoukSite(SiteSettings);
        Context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1024, Height = 800 },
            Locale = "en-US",
        });
        // Generous waits: in CI the browser shares two cores with the other test projects running beside it.
        Context.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(Timeout);
        Page = await Context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        // Where the main page ended, for reading a failure: its address and text beside a last screenshot.
        try
        {
            var folder = Path.Combine(ShotsRoot, GetType().Name, "last");
            Directory.CreateDirectory(folder);
            var name = $"{DateTime.UtcNow:HHmmss-fff}-{Guid.NewGuid():N}"[..20];
            await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), Page.Url + "\n\n" + await Page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }));
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true, Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // A page that is gone has nothing to show.
        }
        foreach (var other in _others) await other.DisposeAsync();
        await Context.DisposeAsync();
        Site.Dispose();
    }

    protected Task SignInAsync(string email) => SignInAsync(Page, email);

    /// <summary>Another person at another browser (own cookies), signed in; e.g. the seller while the buyer's page stays open.</summary>
    protected async Task<IPage> OpenBrowserAsAsync(string email)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.BaseUrl, ViewportSize = new ViewportSize { Width = 1024, Height = 800 }, Locale = "en-US",
        });
        context.SetDefaultTimeout(Timeout);
        _others.Add(context);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        return page;
    }

    private readonly List<IBrowserContext> _others = [];

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(SoukSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Wait for the address, not the page's load event: once on a CI run the load event never came within the
        // timeout although the page was there (Chromium busy beside the other test projects). The heading is what
        // a person waits for.
        await page.WaitForURLAsync("**/orders", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    protected Task ShotAsync(string step, [CallerMemberName] string test = "") => ShotAsync(Page, step, test);

    protected async Task ShotAsync(IPage page, string step, [CallerMemberName] string test = "")
    {
        var folder = Path.Combine(ShotsRoot, GetType().Name);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{test}-{++_shots:00}-{step}.png"), FullPage = true });
    }

    /// <summary>axe-core's rules on the page as it is now: no serious or critical violation.</summary>
    protected Task AssertAccessibleAsync() => AssertAccessibleAsync(Page);

    protected static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>At phone width (375 px) the page must not scroll sideways.</summary>
    protected Task AssertFitsAPhoneAsync() => AssertFitsAPhoneAsync(Page);

    protected static async Task AssertFitsAPhoneAsync(IPage page)
    {
        await page.SetViewportSizeAsync(375, 740);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{page.Url} is {width} px wide at a 375 px viewport");
        await page.SetViewportSizeAsync(1024, 800);
    }
}
