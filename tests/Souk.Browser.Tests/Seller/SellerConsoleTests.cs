using System.Net.Http.Json;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Seller;

/// <summary>The seller console: open the store, put a listing on sale, and see what waits for an answer.</summary>
public sealed class SellerConsoleTests(Chromium chromium) : PageTest(chromium)
{
    [Fact]
    public async Task ASellerOpensAStore_ListsAnItem_AndSeesTheBuyersCancellationRequestWaiting()
    {
        var (_, sellerEmail) = await Site.SignUpAsync("seller");
        await SignInAsync(sellerEmail);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Seller console" }).ClickAsync();
        await Page.GetByLabel("Store name").FillAsync("Lamps of Fez");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open store" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your store is open. Add your first listing.");

        await Page.GetByLabel("Title").FillAsync("Brass lantern");
        await Page.GetByLabel("Price", new() { Exact = true }).FillAsync("24.00");
        await Page.GetByLabel("Stock").FillAsync("5");
        await Page.GetByLabel("Shipping price").FillAsync("3.50");
        await ShotAsync("new-listing");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Put on sale" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("“Brass lantern” is on sale.");
        var listingId = long.Parse((await Page.Locator("li.listing").GetAttributeAsync("data-listing-id"))!);

        // A buyer orders it and, once the payment is confirmed, asks to cancel.
        var (buyer, _) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listingId);
        await Shop.PayAsync(buyer, id);
        await Site.AdvanceAsync(TimeSpan.FromHours(1));
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/cancellation-request", new { reason = "ChangeOrder" })).ReadAsync();

        await Page.GotoAsync("/seller");
        var waiting = Page.Locator($"li.order[data-order-id='{id}']");
        await Expect(waiting.Locator("[data-waiting='cancellation']")).ToContainTextAsync("The buyer asks to cancel; answer by");
        await Expect(waiting.Locator(".deadline")).ToContainTextAsync("Seller must ship within");
        await Expect(Page.Locator("[data-currency='USD']")).ToContainTextAsync("held until orders complete: 27.50 USD");
        await ShotAsync("console");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();

        // Taking the listing off sale hides it from the catalogue.
        await Page.GotoAsync("/seller/listings");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Take off sale: Brass lantern" }).ClickAsync();
        await Expect(Page.GetByText("Not on sale.")).ToBeVisibleAsync();
        await Page.GotoAsync("/catalog");
        await Expect(Page.Locator($"li.listing[data-listing-id='{listingId}']")).ToHaveCountAsync(0);
    }
}
