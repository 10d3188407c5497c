using System.Net.Http.Json;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Orders;

/// <summary>The seed's flows on My Orders, the order page and the cancel and delete dialogs, as a buyer clicks them.</summary>
public sealed class MyOrdersTests(Chromium chromium) : PageTest(chromium)
{
    private ILocator Row(long orderId) => Page.Locator($"li.order[data-order-id='{orderId}']");

    [Fact]
    public async Task ABuyerCancelsAnUnpaidOrder_PickingAReason()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, email) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);

        await SignInAsync(email);
        await Expect(Row(id).Locator(".status")).ToHaveTextAsync("Awaiting payment");
        await Expect(Row(id).Locator(".deadline")).ToContainTextAsync("Time left to pay");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Awaiting payment 1" })).ToBeVisibleAsync();
        await ShotAsync("my-orders");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();

        await Row(id).GetByRole(AriaRole.Link, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Cancel order {id}");
        await Expect(Page.GetByText("The order is not paid yet: it is cancelled at once.")).ToBeVisibleAsync();
        await Page.GetByLabel("I don't need this order any more").CheckAsync();
        await ShotAsync("cancel-dialog");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Order {id} is cancelled.");
        await Expect(Page.Locator("h1 .status")).ToHaveTextAsync("Completed: cancelled");
        await ShotAsync("order-cancelled");
        await AssertAccessibleAsync();
        var order = await buyer.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/orders/{id}");
        Assert.Equal("CancelledByBuyer", order!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task RightAfterPaying_TheOrderCancelsAtOnce_AndItsRefundMovesThroughItsStages_ThenTheButtonIsGone()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, email) = await Site.SignUpAsync("buyer");
        var kept = await Shop.PlaceOrderAsync(buyer, listing);
        var cancelled = await Shop.PlaceOrderAsync(buyer, listing);
        await Shop.PayAsync(buyer, kept);

        // The payment step, from the row's Pay button.
        await SignInAsync(email);
        await Row(cancelled).GetByRole(AriaRole.Link, new() { Name = "Pay" }).ClickAsync();
        await Page.GetByLabel("Card number, wallet id or phone number").FillAsync("4242 4242 4242 4242");
        await ShotAsync("pay");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Payment sent for order {cancelled}.");
        await Page.GotoAsync("/orders");
        await Expect(Row(cancelled).Locator(".deadline")).ToContainTextAsync("Instant cancel ends in");
        await ShotAsync("instant-cancel-offered");
        await Row(cancelled).GetByRole(AriaRole.Link, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(Page.GetByText("You paid moments ago")).ToBeVisibleAsync();
        await Page.GetByLabel("I want to change the shipping address").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(Page.Locator("h1 .status")).ToHaveTextAsync("Completed: cancelled");
        var refund = Page.Locator(".refund");
        await Expect(refund).ToHaveAttributeAsync("data-refund-stage", "AwaitingRefund");
        await ShotAsync("refund-awaiting");

        // An hour on, the other order is past its instant-cancel window: the button is gone, asking the seller is offered.
        await Site.AdvanceAsync(TimeSpan.FromHours(1));
        await Page.GotoAsync("/orders");
        await Expect(Row(kept).GetByRole(AriaRole.Link, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        await Expect(Row(kept).GetByRole(AriaRole.Link, new() { Name = "Request cancellation" })).ToBeVisibleAsync();
        await Expect(Row(kept).Locator(".deadline")).ToContainTextAsync("Seller must ship within");
        await ShotAsync("after-window");

        // The refund moves on by itself as time passes (the card's stages), shown on the order page.
        await Site.AdvanceAsync(TimeSpan.FromDays(10));
        await Page.GotoAsync($"/orders/{cancelled}");
        await Expect(refund).ToHaveAttributeAsync("data-refund-stage", "Refunded");
        await Expect(refund.Locator(".stages li.done")).ToHaveCountAsync(3);
        await ShotAsync("refund-refunded");
    }

    [Fact]
    public async Task DeleteRestoreAndPermanentDelete_EachAskFirst()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, email) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "NoLongerNeeded" })).ReadAsync();

        await SignInAsync(email);
        await Row(id).GetByRole(AriaRole.Link, new() { Name = $"Delete order {id}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Delete this order?");
        await ShotAsync("delete-confirm");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Order {id} moved to Deleted orders");
        await Expect(Row(id)).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Deleted orders" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Deleted orders");
        await ShotAsync("deleted-orders");
        await AssertAccessibleAsync();
        await Row(id).GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Order {id} restored.");
        await Page.GotoAsync("/orders");
        await Expect(Row(id)).ToHaveCountAsync(1);

        // Add to cart again, from the order page.
        await Row(id).GetByRole(AriaRole.Link, new() { Name = "More" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart again" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added to your cart: Brass teapot × 1.");
        var cart = await buyer.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/cart");
        Assert.Contains(listing, cart!["stores"]!.AsArray().SelectMany(s => s!["lines"]!.AsArray()).Select(l => l!["listingId"]!.GetValue<long>()));

        // Every form carries an antiforgery token: a post without one (another site's form) changes nothing.
        var forged = await Page.APIRequest.PostAsync($"/orders/{id}/delete", new() { Form = Page.APIRequest.CreateFormData() });
        Assert.Equal(400, forged.Status);
        await Page.GotoAsync("/orders");
        await Expect(Row(id)).ToHaveCountAsync(1);

        // Permanent deletion comes from Deleted orders, behind a second, explicit warning.
        await (await buyer.PostAsync($"/api/orders/{id}/delete", null)).ReadAsync();
        await Page.GotoAsync("/orders?tab=deleted");
        await Row(id).GetByRole(AriaRole.Link, new() { Name = "Delete permanently" }).ClickAsync();
        await Expect(Page.GetByText("This cannot be undone. The order can never be restored, viewed or disputed again")).ToBeVisibleAsync();
        await ShotAsync("delete-permanently-warning");
        await AssertAccessibleAsync();
        await Page.GetByLabel("I understand; delete it for good.").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete permanently" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Order {id} is permanently deleted.");
        await Expect(Row(id)).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await buyer.GetAsync($"/api/orders/{id}")).StatusCode);
    }

    [Fact]
    public async Task AFrozenOrdersActionsAreDisabled_WithTheReason()
    {
        var (_, _, storeId, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, email) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);
        await Shop.PayAsync(buyer, id);
        await Site.AdvanceAsync(TimeSpan.FromHours(1));   // the payment is confirmed; the instant window is over
        var admin = await Site.SignInAsync(SoukSite.AdminEmail);
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{storeId}/investigation", new { reason = "Complaints" })).ReadAsync();

        await SignInAsync(email);
        await Expect(Row(id).Locator(".frozen")).ToContainTextAsync("Frozen since");
        var disabled = Row(id).GetByRole(AriaRole.Button, new() { Name = "Cancel order" });
        await Expect(disabled).ToBeDisabledAsync();
        await Expect(Row(id).Locator(".why")).ToHaveAttributeAsync("data-code", "order.frozen");
        await ShotAsync("frozen-row");
        await AssertAccessibleAsync();
    }
}
