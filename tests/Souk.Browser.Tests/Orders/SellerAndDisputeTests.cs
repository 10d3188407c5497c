using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Orders;

/// <summary>The seed's flows where the seller (and an admin) answer on their own pages while the buyer watches.</summary>
public sealed class SellerAndDisputeTests(Chromium chromium) : PageTest(chromium)
{
    /// <summary>A paid order past its instant-cancel window and review (the seller has 3 days to ship).</summary>
    private async Task<(string SellerEmail, HttpClient Buyer, string BuyerEmail, long OrderId)> ConfirmedOrderAsync()
    {
        var (_, sellerEmail, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, buyerEmail) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);
        await Shop.PayAsync(buyer, id);
        await Site.AdvanceAsync(TimeSpan.FromHours(1));
        return (sellerEmail, buyer, buyerEmail, id);
    }

    [Fact]
    public async Task TheBuyerAsksToCancel_TheSellerApproves_AndTheRefundStagesAppearAsTimePasses()
    {
        var (sellerEmail, _, buyerEmail, id) = await ConfirmedOrderAsync();

        await SignInAsync(buyerEmail);
        await Page.Locator($"li.order[data-order-id='{id}']").GetByRole(AriaRole.Link, new() { Name = "Request cancellation" }).ClickAsync();
        await Page.GetByLabel("I want to change the order").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your request was sent. The seller has until");
        await Expect(Page.Locator("[data-request-status]")).ToHaveAttributeAsync("data-request-status", "Open");
        await ShotAsync("request-waiting");

        // The seller answers from the console's list of what waits for them, seeing the buyer's reason.
        var seller = await OpenBrowserAsAsync(sellerEmail);
        await seller.GotoAsync("/seller");
        var waiting = seller.Locator($"li.order[data-order-id='{id}']");
        await Expect(waiting.Locator("[data-waiting='cancellation']")).ToContainTextAsync("Reason: I want to change the order");
        await ShotAsync(seller, "seller-sees-request");
        await AssertAccessibleAsync(seller);
        await waiting.GetByRole(AriaRole.Button, new() { Name = $"Approve cancellation of order {id}" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Order {id}: Approve cancellation.");
        await Expect(seller.Locator($"li.order[data-order-id='{id}']")).ToHaveCountAsync(0);

        await Page.ReloadAsync();
        await Expect(Page.Locator("h1 .status")).ToHaveTextAsync("Completed: cancelled");
        await Expect(Page.Locator("[data-request-status]")).ToHaveTextAsync("Approved by the seller.");
        var refund = Page.Locator(".refund");
        await Expect(refund).ToHaveAttributeAsync("data-refund-stage", "AwaitingRefund");
        await Site.AdvanceAsync(TimeSpan.FromDays(1));
        await Page.ReloadAsync();
        await Expect(refund).ToHaveAttributeAsync("data-refund-stage", "Processing");
        await ShotAsync("refund-processing");
        await Site.AdvanceAsync(TimeSpan.FromDays(10));
        await Page.ReloadAsync();
        await Expect(refund).ToHaveAttributeAsync("data-refund-stage", "Refunded");
        await ShotAsync("refund-refunded");
    }

    [Fact]
    public async Task ASellerWhoNeverShips_SeesTheOrderCloseItself_AndTheBuyerIsRefunded()
    {
        var (_, _, buyerEmail, id) = await ConfirmedOrderAsync();
        await SignInAsync(buyerEmail);
        await Expect(Page.Locator($"li.order[data-order-id='{id}'] .deadline")).ToContainTextAsync("Seller must ship within");

        await Site.AdvanceAsync(TimeSpan.FromDays(4));
        await Page.GotoAsync($"/orders/{id}");
        await Expect(Page.Locator("h1 .status")).ToHaveTextAsync("Completed: closed, not shipped in time");
        await Expect(Page.Locator(".refund")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".timeline li[data-kind='order.closed-not-shipped']")).ToHaveCountAsync(1);
        await ShotAsync("closed-not-shipped");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task TheSellerRefusesAndShips_TheBuyerDisputes_AndAnAdminRulesAPartialRefund()
    {
        var (sellerEmail, buyer, buyerEmail, id) = await ConfirmedOrderAsync();
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/cancellation-request", new { reason = "NoLongerNeeded" })).ReadAsync();

        var seller = await OpenBrowserAsAsync(sellerEmail);
        await seller.GotoAsync($"/orders/{id}");
        await seller.Locator("form[data-action='refuse-cancellation']").GetByLabel("Message").FillAsync("Already packed, sorry");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Refuse cancellation" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToHaveTextAsync("Done: Refuse cancellation.");
        await seller.GetByLabel("Carrier").FillAsync("Poste");
        await seller.GetByLabel("Tracking number").FillAsync("RR123456789");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Ship" }).ClickAsync();
        await Expect(seller.Locator("h1 .status")).ToHaveTextAsync("Shipped");

        // The buyer sees the refusal and, since the seller shipped anyway, may dispute at once — with that reason only
        // until the usual window opens (issue 15).
        await SignInAsync(buyerEmail);
        await Page.GotoAsync($"/orders/{id}");
        await Expect(Page.Locator("[data-request-status]")).ToContainTextAsync("Refused by the seller: “Already packed, sorry”");
        var open = Page.Locator("form[data-action='open-dispute']");
        await Expect(open.GetByLabel("Reason").Locator("option")).ToHaveCountAsync(1);
        await open.GetByLabel("Reason").SelectOptionAsync("SellerDidNotAgreeToCancel");
        await open.GetByLabel("What went wrong").FillAsync("I asked to cancel before it shipped.");
        await open.GetByLabel("Amount (USD)").FillAsync("14.50");
        await ShotAsync("dispute-form");
        await AssertAccessibleAsync();
        await open.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();
        await Expect(Page.Locator("[data-dispute-status]")).ToHaveAttributeAsync("data-dispute-status", "AwaitingSeller");
        await Expect(Page.Locator(".refusals li[data-action='confirm-receipt']")).ToHaveAttributeAsync("data-code", "confirm-receipt.dispute-open");

        await seller.ReloadAsync();
        await seller.Locator("form[data-action='reject-dispute']").GetByLabel("Message").FillAsync("The buyer's request came after packing.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Reject the dispute" }).ClickAsync();
        await Expect(seller.Locator("[data-dispute-status]")).ToHaveAttributeAsync("data-dispute-status", "Rejected");

        await Page.ReloadAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ask an admin to decide" }).ClickAsync();
        await Expect(Page.Locator("[data-dispute-status]")).ToHaveAttributeAsync("data-dispute-status", "Escalated");

        // The admin finds the dispute on the desk and follows it to the order page.
        var admin = await OpenBrowserAsAsync(SoukSite.AdminEmail);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin desk" }).ClickAsync();
        var escalated = admin.Locator($"[data-section='disputes'] li[data-order-id='{id}']");
        await Expect(escalated).ToContainTextAsync("Bazaar of Brass");
        await Expect(escalated).ToContainTextAsync("Refund asked: 14.50 USD");
        await Expect(escalated).ToContainTextAsync("Escalated");
        await ShotAsync(admin, "admin-desk");
        await AssertAccessibleAsync(admin);
        await AssertFitsAPhoneAsync(admin);
        await escalated.GetByRole(AriaRole.Link, new() { Name = $"Order {id}" }).ClickAsync();
        await admin.WaitForURLAsync($"**/orders/{id}");
        var rule = admin.Locator("form[data-action='rule-dispute']");
        await rule.GetByLabel("Amount (USD)").FillAsync("5.00");
        await rule.GetByLabel("Ruling (both sides see it)").FillAsync("Shipped after a timely request; half the shipping and part of the price back.");
        await ShotAsync(admin, "admin-rules");
        await rule.GetByRole(AriaRole.Button, new() { Name = "Rule" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Done: Rule.");

        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-dispute-status]")).ToHaveAttributeAsync("data-dispute-status", "Settled");
        await Expect(Page.Locator(".refund")).ToContainTextAsync("5.00 USD");
        await ShotAsync("buyer-after-ruling");
        var order = await buyer.GetFromJsonAsync<JsonObject>($"/api/orders/{id}");
        Assert.Equal(500, order!["refunded"]!.GetValue<long>());
        Assert.Equal("Received", order["outcome"]!.GetValue<string>());
    }
}
