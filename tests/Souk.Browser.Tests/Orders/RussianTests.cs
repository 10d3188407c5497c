using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Orders;

/// <summary>The seed's market reads Russian: My Orders and the cancel dialog leave no English behind once it is chosen.</summary>
public sealed partial class RussianTests(Chromium chromium) : PageTest(chromium)
{
    /// <summary>Latin words that may stay: the product's name, currency and time-zone codes, and the language's own name in the switcher.</summary>
    private static readonly HashSet<string> Allowed = ["Souk", "USD", "UTC", "English"];

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    private async Task AssertNoEnglishAsync()
    {
        var text = await Page.Locator("body").InnerTextAsync();
        var english = LatinWord().Matches(text).Select(m => m.Value).Where(w => !Allowed.Contains(w)).Distinct().ToList();
        Assert.True(english.Count == 0, $"{Page.Url} still shows: {string.Join(", ", english)}\n---\n{text}");
    }

    [Fact]
    public async Task MyOrdersAndTheCancelDialog_ReadFullyInRussian()
    {
        var (seller, _, _, listing) = await Shop.SellerWithListingAsync(Site, title: "Латунный чайник", storeName: "Медный базар");
        var (buyer, email) = await Site.SignUpAsync("buyer");
        var unpaid = await Shop.PlaceOrderAsync(buyer, listing);
        var shipped = await Shop.PlaceOrderAsync(buyer, listing);
        await Shop.PayAsync(buyer, shipped);
        await Site.AdvanceAsync(TimeSpan.FromHours(1));
        await (await seller.PostAsJsonAsync($"/api/orders/{shipped}/ship", new { carrier = "Почта России", trackingNumber = "80012345678901" })).ReadAsync();

        await SignInAsync(email);
        await Page.GetByLabel("Language").SelectOptionAsync("ru");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Мои заказы");
        // The shipped order's cancel button is disabled with the rule, in Russian too.
        await Expect(Page.Locator($"li.order[data-order-id='{shipped}'] .why")).ToHaveAttributeAsync("data-code", "request-cancellation.already-shipped");
        await ShotAsync("my-orders-ru");
        await AssertNoEnglishAsync();
        await AssertAccessibleAsync();

        await Page.Locator($"li.order[data-order-id='{unpaid}']").GetByRole(AriaRole.Link, new() { Name = "Отменить заказ" }).ClickAsync();
        await Expect(Page.GetByText("Мне больше не нужен этот заказ")).ToBeVisibleAsync();
        await ShotAsync("cancel-dialog-ru");
        await AssertNoEnglishAsync();
        await AssertAccessibleAsync();
    }
}
