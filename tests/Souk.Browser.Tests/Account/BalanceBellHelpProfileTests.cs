using System.Net.Http.Json;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Account;

/// <summary>The pages around the orders: the notification bell, the platform balance, the help page written from the
/// live policy, and the profile's time zone that every time on the pages is shown in.</summary>
public sealed class BalanceBellHelpProfileTests(Chromium chromium) : PageTest(chromium)
{
    /// <summary>A payment window other than the default, to see the help page read the configuration.</summary>
    protected override IReadOnlyDictionary<string, string?> SiteSettings => new Dictionary<string, string?> { ["Souk:Policy:PaymentWindow"] = "12.00:00:00" };

    [Fact]
    public async Task TheHelpPage_SaysTheRulesWithTheNumbersConfigured()
    {
        await Page.GotoAsync("/help");
        await Expect(Page.GetByText("Pay an order within 12 days of placing it")).ToBeVisibleAsync();
        await Expect(Page.GetByText("For 2 minutes after paying you can cancel at once")).ToBeVisibleAsync();
        await Expect(Page.GetByText("The seller has 48 hours to answer")).ToBeVisibleAsync();
        await ShotAsync("help");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne()
    {
        var (_, email) = await Site.SignUpAsync("buyer");
        await Page.GotoAsync("/account/sign-in");
        for (var i = 0; i < 5; i++)
        {
            await Page.GetByLabel("Email").FillAsync(email);
            await Page.GetByLabel("Password").FillAsync("Wrong-pass-1");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(SoukSite.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The page says until when, like every refusal.
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            @"^Too many failed attempts: the account is locked until \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Sign in again after that\.$"));
        await ShotAsync("locked-out");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task TheBellCountsWhatIsNew_TheBalanceShowsARefundTheCardRefused_AndTimesFollowTheProfileZone()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, email) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);
        // A card whose account is closed: the refund cannot go back to it and lands on the platform balance.
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/pay", new { method = "Card", account = "closed 4000" })).ReadAsync();
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "NoLongerNeeded" })).ReadAsync();
        await Site.AdvanceAsync(TimeSpan.FromDays(10));

        await SignInAsync(email);
        var bell = Page.Locator("a.bell");
        await Expect(bell.Locator(".count")).Not.ToHaveTextAsync("0");
        await bell.ClickAsync();
        await Expect(Page.Locator("li[data-kind='refund.redirected-to-balance']")).ToContainTextAsync("your refund went to your platform balance");
        await ShotAsync("notifications");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).ClickAsync();
        await Expect(bell.Locator(".count")).ToHaveTextAsync("0");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Balance", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".balance[data-currency='USD']")).ToHaveTextAsync("14.50 USD");
        await Expect(Page.Locator("table")).ToContainTextAsync("Refund the method refused");
        await ShotAsync("balance");
        await AssertAccessibleAsync();

        // Placed at 09:00 UTC; in Moscow's time zone the order page says 12:00 (UTC+03:00).
        await Page.GetByRole(AriaRole.Link, new() { Name = "Profile", Exact = true }).ClickAsync();
        await Page.GetByLabel("Time zone (all times are shown in it)").SelectOptionAsync("Europe/Moscow");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Profile saved.");
        await Page.GotoAsync($"/orders/{id}");
        await Expect(Page.Locator(".timeline li[data-kind='order.placed']")).ToContainTextAsync("12:00 PM UTC+03:00");
        await ShotAsync("order-in-moscow-time");
    }
}
