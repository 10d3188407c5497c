using Microsoft.Playwright;

namespace Souk.Browser.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for all browser tests, driven by Playwright offline: the browser is the system's
/// (<c>/usr/bin/chromium</c>, or <c>SOUK_CHROMIUM</c>), never downloaded. test.sh installs it when missing.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SOUK_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // No sandbox (CI runs as root); no background traffic to the outside (the network is closed).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

/// <summary>Browser tests share the one Chromium and run one at a time (each on its own Souk and database).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
