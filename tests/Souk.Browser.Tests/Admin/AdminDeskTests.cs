using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Souk.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Souk.Browser.Tests.Admin;

/// <summary>
/// The admin desk as an admin uses it: an investigation opened from a complaint freezes the store's paid order and
/// clearing the store thaws it; a buyer blocked for unpaid orders is lifted and can order again; the ledger check
/// balances after paid and refunded orders. (An escalated dispute followed from the desk to its ruling is in
/// <c>Orders/SellerAndDisputeTests</c>.)
/// </summary>
public sealed class AdminDeskTests(Chromium chromium) : PageTest(chromium)
{
    /// <summary>One order left unpaid for ten minutes blocks its buyer.</summary>
    protected override IReadOnlyDictionary<string, string?> SiteSettings => new Dictionary<string, string?>
    {
        ["Souk:Policy:UnpaidExpiryBlockThreshold"] = "1",
        ["Souk:Policy:PaymentWindow"] = "00:10:00",
    };

    private async Task OpenTheDeskAsync()
    {
        await SignInAsync(SoukSite.AdminEmail);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Admin desk" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin desk");
    }

    [Fact]
    public async Task AComplaint_LeadsToAnInvestigation_ThatFreezesThePaidOrder_AndClearingTheStoreThawsIt()
    {
        var (seller, _, storeId, listing) = await Shop.SellerWithListingAsync(Site, storeName: "Bazaar of Brass");
        var (buyer, buyerEmail) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);
        await Shop.PayAsync(buyer, id);
        await Site.AdvanceAsync(TimeSpan.FromHours(1));   // paid and confirmed: money held
        await (await buyer.PostAsJsonAsync($"/api/stores/{storeId}/complaints", new { reason = "NotShipping", text = "Paid a week ago, nothing shipped" })).ReadAsync();

        await OpenTheDeskAsync();
        await Expect(Page.Locator("[data-open-investigations]")).ToHaveTextAsync("Open investigations: 0 · complaints: 1");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Complaints and investigations" }).ClickAsync();
        await Expect(Page.Locator("[data-section='investigations']")).ToContainTextAsync("No investigation is open.");
        var complained = Page.Locator($"[data-section='complaints'] li.order[data-store-id='{storeId}']");
        await Expect(complained).ToContainTextAsync("Bazaar of Brass");
        await Expect(complained).ToContainTextAsync("Not shipping — “Paid a week ago, nothing shipped”");
        await Expect(complained).ToContainTextAsync(buyerEmail);
        await complained.GetByLabel("Reason for the investigation (the seller sees it)").FillAsync("Buyers report paid orders not shipping.");
        await ShotAsync("complaint");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await complained.GetByRole(AriaRole.Button, new() { Name = "Open investigation" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The investigation of Bazaar of Brass is open; its orders with money held are frozen.");
        var investigation = Page.Locator($"[data-section='investigations'] li[data-store-id='{storeId}']");
        await Expect(investigation).ToHaveAttributeAsync("data-investigation-status", "AwaitingEvidence");
        await Expect(investigation).ToContainTextAsync("No evidence yet; due by");
        await Expect(complained).ToContainTextAsync("Under investigation since");

        // The buyer sees the paid order frozen.
        var buyerPage = await OpenBrowserAsAsync(buyerEmail);
        await buyerPage.GotoAsync($"/orders/{id}");
        await Expect(buyerPage.Locator(".frozen")).ToContainTextAsync("Frozen since");
        await Expect(buyerPage.Locator(".paused-deadlines li[data-kind='handling']"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Handling deadline: paused — \d+ d \d+ h left$"));
        await ShotAsync(buyerPage, "buyer-sees-frozen");

        // The seller answers with evidence; the admin reads it and clears the store.
        await (await seller.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "A courier strike; tracking receipts attached." })).ReadAsync();
        await Page.ReloadAsync();
        await Expect(investigation).ToHaveAttributeAsync("data-investigation-status", "EvidenceSubmitted");
        await Expect(investigation.Locator(".evidence")).ToHaveTextAsync("A courier strike; tracking receipts attached.");
        await investigation.GetByLabel("Decision (the seller sees it)").FillAsync("The strike is confirmed; the store may carry on.");
        await ShotAsync("evidence");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await investigation.GetByRole(AriaRole.Button, new() { Name = "Clear the store" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Bazaar of Brass is cleared: its orders thaw and their countdowns carry on.");
        await Expect(Page.Locator("[data-section='investigations']")).ToContainTextAsync("No investigation is open.");
        await Expect(Page.Locator($"[data-section='closed-investigations'] li[data-store-id='{storeId}']"))
            .ToContainTextAsync("cleared");
        await ShotAsync("cleared");

        await buyerPage.ReloadAsync();
        await Expect(buyerPage.Locator(".frozen")).ToHaveCountAsync(0);
        await Expect(buyerPage.Locator(".timeline li[data-kind='order.unfrozen']")).ToHaveCountAsync(1);
        var order = (await buyer.GetFromJsonAsync<JsonObject>($"/api/orders/{id}"))!;
        Assert.Null(order["frozenSince"]);
        Assert.Equal("AwaitingShipment", order["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABuyerBlockedForUnpaidOrders_IsLiftedFromTheDesk_AndCanCheckOutAgain()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, buyerEmail) = await Site.SignUpAsync("buyer");
        await Shop.PlaceOrderAsync(buyer, listing);
        await Site.AdvanceAsync(TimeSpan.FromMinutes(15));   // it expires unpaid: the buyer is blocked

        var buyerPage = await OpenBrowserAsAsync(buyerEmail);
        Assert.Equal(403, (await buyerPage.GotoAsync("/admin"))!.Status);
        await buyerPage.GotoAsync("/catalog");
        await Expect(buyerPage.GetByRole(AriaRole.Link, new() { Name = "Admin desk" })).ToHaveCountAsync(0);
        await buyerPage.GetByRole(AriaRole.Button, new() { Name = "Add to cart: Brass teapot" }).ClickAsync();
        await buyerPage.GotoAsync("/cart");
        await Expect(buyerPage.GetByRole(AriaRole.Button, new() { Name = "Place order" })).ToBeDisabledAsync();
        await Expect(buyerPage.Locator("#checkout-refusal")).ToContainTextAsync("An admin must lift the block");
        await ShotAsync(buyerPage, "buyer-blocked");

        await OpenTheDeskAsync();
        var blocked = Page.Locator("[data-section='blocked-buyers'] li.order");
        await Expect(blocked).ToHaveCountAsync(1);
        await Expect(blocked).ToContainTextAsync(buyerEmail);
        await Expect(blocked).ToContainTextAsync("Blocked");
        await ShotAsync("blocked-buyer");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Lift block: {buyerEmail}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The block on {buyerEmail} is lifted; they can order again.");
        await Expect(Page.Locator("[data-section='blocked-buyers']")).ToContainTextAsync("No buyer is blocked.");
        await ShotAsync("lifted");

        await buyerPage.GotoAsync("/cart");
        await buyerPage.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(buyerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 order(s) placed. Pay them from My orders.");
        await ShotAsync(buyerPage, "buyer-orders-again");
    }

    [Fact]
    public async Task TheLedgerCheck_IsBalanced_AfterPaidAndRefundedOrders()
    {
        var (seller, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, _) = await Site.SignUpAsync("buyer");
        var kept = await Shop.PlaceOrderAsync(buyer, listing);
        var cancelled = await Shop.PlaceOrderAsync(buyer, listing);
        await Shop.PayAsync(buyer, kept);
        await Shop.PayAsync(buyer, cancelled);
        await (await buyer.PostAsJsonAsync($"/api/orders/{cancelled}/cancel", new { reason = "NoLongerNeeded" })).ReadAsync();   // paid, then refunded
        await Site.AdvanceAsync(TimeSpan.FromHours(1));
        await (await seller.PostAsJsonAsync($"/api/orders/{kept}/ship", new { carrier = "Poste", trackingNumber = "RR1" })).ReadAsync();
        await Site.AdvanceAsync(TimeSpan.FromDays(11));   // the refund has arrived
        var refund = (await buyer.GetFromJsonAsync<JsonObject>($"/api/orders/{cancelled}"))!["refunds"]![0]!;
        Assert.Equal("Refunded", refund["stage"]!.GetValue<string>());

        await OpenTheDeskAsync();
        // Nothing else waits on this desk, and each section says so.
        await Expect(Page.Locator("[data-section='disputes']")).ToContainTextAsync("No dispute waits for a ruling.");
        await Expect(Page.Locator("[data-section='blocked-buyers']")).ToContainTextAsync("No buyer is blocked.");
        await Expect(Page.Locator("[data-section='refunds']")).ToContainTextAsync("No refund needs attention.");
        await Expect(Page.Locator("[data-section='ledger']")).ToContainTextAsync("Not run yet");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Run the ledger check" }).ClickAsync();
        var result = Page.Locator(".ledger-result");
        await Expect(result).ToHaveAttributeAsync("data-balanced", "true");
        await Expect(result).ToContainTextAsync("Balanced");
        var usd = Page.Locator("[data-section='ledger'] li[data-currency='USD']");
        await Expect(usd).ToContainTextAsync("sum 0.00 USD");
        await Expect(usd).ToContainTextAsync("escrow held 14.50 USD");   // the kept order: 12.50 + 2.00 shipping
        await Expect(usd).ToContainTextAsync("refunds in transit 0.00 USD");
        await Expect(Page.Locator("[data-section='ledger']")).ToContainTextAsync("No imbalances.");
        await ShotAsync("ledger-balanced");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();
    }
    [Fact]
    public async Task AnOverdueRefundReportedMissing_ShowsOnTheDesk_AndIsSettledOnItsOrderPage()
    {
        var (_, _, _, listing) = await Shop.SellerWithListingAsync(Site);
        var (buyer, _) = await Site.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(buyer, listing);
        // The sandbox's "stall" card never confirms a refund: it goes past the card's maximum time.
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/pay", new { method = "Card", account = "4242 4242 4242 4242 stall" })).ReadAsync();
        var cancelled = await (await buyer.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "NoLongerNeeded" })).ReadAsync();
        var refundId = cancelled["refunds"]![0]!["id"]!.GetValue<long>();
        await Site.AdvanceAsync(TimeSpan.FromDays(16));   // past RefundTime.Card (15 days), the promise
        await (await buyer.PostAsJsonAsync($"/api/orders/{id}/refunds/report-missing", new { refundId, message = "Never reached my card" })).ReadAsync();

        await OpenTheDeskAsync();
        var item = Page.Locator($"[data-section='refunds'] li[data-refund-id='{refundId}']");
        await Expect(item).ToContainTextAsync("Refund 14.50 USD · Card · Processing refund");
        await Expect(item).ToContainTextAsync("Overdue since");
        await Expect(item).ToContainTextAsync("Reported missing by the buyer");
        await Expect(item).ToContainTextAsync("“Never reached my card”");
        await Expect(Page.Locator("[data-section='refunds']")).ToContainTextAsync("Settle each on its order page");
        await ShotAsync("refund-case");
        await AssertAccessibleAsync();
        await AssertFitsAPhoneAsync();

        await item.GetByRole(AriaRole.Link, new() { Name = $"Order {id}" }).ClickAsync();
        var resolve = Page.Locator("form[data-action='resolve-refund']");
        await resolve.GetByLabel("Resolution").SelectOptionAsync("credit-balance");
        await resolve.GetByLabel("Note").FillAsync("Card closed; credited to the platform balance.");
        await resolve.GetByRole(AriaRole.Button, new() { Name = "Settle the refund case" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Done: Settle the refund case.");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Admin desk" }).ClickAsync();
        await Expect(Page.Locator("[data-section='refunds']")).ToContainTextAsync("No refund needs attention.");
    }
}
