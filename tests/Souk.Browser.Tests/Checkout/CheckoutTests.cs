using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Checkout;

/// <summary>From the catalogue to an order: the cart, the address book, a shipping method per store — and the unpaid-orders
/// limit refusing checkout with its reason.</summary>
public sealed class CheckoutTests(Chromium chromium) : PageTest(chromium)
{
    protected override IReadOnlyDictionary<string, string?> SiteSettings => new Dictionary<string, string?> { ["Souk:Policy:MaxUnpaidOrders"] = "1" };

    [Fact]
    public async Task ABuyerFindsAnItem_AddsItToTheCart_AddsAnAddress_AndPlacesTheOrder()
    {
        await Shop.SellerWithListingAsync(Site, title: "Brass teapot");
        await Shop.SellerWithListingAsync(Site, title: "Copper tray");
        var (_, email) = await Site.SignUpAsync("buyer");

        await SignInAsync(email);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Catalogue" }).ClickAsync();
        await Page.GetByRole(AriaRole.Searchbox).FillAsync("teapot");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(Page.Locator("li.listing")).ToHaveCountAsync(1);
        await Expect(Page.Locator("li.listing")).ToContainTextAsync("Ships within 3 days");
        await ShotAsync("catalogue");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart: Brass teapot" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added to your cart.");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Cart", Exact = true }).ClickAsync();
        await Expect(Page.GetByText("Add a shipping address first.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Address book" }).ClickAsync();
        await Page.GetByLabel("Name").FillAsync("Ada Buyer");
        await Page.GetByLabel("Address line 1").FillAsync("1 Market Street");
        await Page.GetByLabel("City").FillAsync("Springfield");
        await Page.GetByLabel("Postal code").FillAsync("12345");
        await Page.GetByLabel("Country").FillAsync("US");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cart");
        await Expect(Page.GetByLabel("Ship to")).ToContainTextAsync("Ada Buyer, 1 Market Street");
        await ShotAsync("cart");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 order(s) placed. Pay them from My orders.");
        await Expect(Page.Locator("li.order")).ToHaveCountAsync(1);
        await Expect(Page.Locator("li.order .status")).ToHaveTextAsync("Awaiting payment");
        await ShotAsync("placed");
    }

    [Fact]
    public async Task TooManyUnpaidOrders_BlockCheckout_WithTheReason()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, email) = await Site.SignUpAsync("buyer");
        await Shop.PlaceOrderAsync(buyer, listing);   // the one unpaid order this marketplace allows

        await SignInAsync(email);
        await Page.GotoAsync("/catalog");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart: Brass teapot" }).ClickAsync();
        await Page.GotoAsync("/cart");

        // The cart says what checkout would: Place order is not offered, and the rule is there with when it frees up.
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Place order" })).ToBeDisabledAsync();
        var why = Page.Locator("#checkout-refusal");
        await Expect(why).ToHaveAttributeAsync("data-code", "checkout.too-many-unpaid-orders");
        await Expect(why).ToContainTextAsync(
            "You already have 1 orders awaiting payment and may have at most 1. Pay or cancel some before ordering more. Possible from ");
        await Expect(Page.Locator("li[data-listing-id]")).ToHaveCountAsync(1);
        await ShotAsync("checkout-refused");
        await AssertAccessibleAsync();
    }
}
