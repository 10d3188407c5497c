using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Admin;

/// <summary>
/// The admin desk's lists through the real host (both providers): escalated disputes waiting for a ruling, oldest
/// escalation first (a dispute still negotiating or already ruled is not listed), and investigations with their
/// status filter. Admins only: others get 403, the anonymous 401.
/// </summary>
public sealed class AdminDeskApiTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A paid and shipped order of a new store.</summary>
    private async Task<(HttpClient Buyer, HttpClient Seller, long Id, long StoreId)> ShippedOrderAsync(string storeName)
    {
        var seller = await _app.SignUpAsync("seller");
        var storeId = await Shop.OpenStoreAsync(seller, storeName);
        var listing = await Shop.AddListingAsync(seller);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        await seller.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        return (buyer, seller, id, storeId);
    }

    private static Task OpenDisputeAsync(HttpClient buyer, long id, long amount) =>
        buyer.ActOk(id, "dispute", new { reason = "NotAsDescribed", comment = "Plastic, not brass", amountMinor = amount, withReturn = false });

    /// <summary>The seller rejects, the buyer escalates; returns when it was escalated, as the order says.</summary>
    private static async Task<DateTimeOffset> EscalateAsync(HttpClient buyer, HttpClient seller, long id)
    {
        await seller.ActOk(id, "dispute/reject", new { message = "It is brass" });
        return (await buyer.ActOk(id, "dispute/escalate"))["dispute"]!["escalatedAt"].Time();
    }

    [Fact]
    public async Task EscalatedDisputes_OldestEscalationFirst_WithStoreAmountAndTime_AndGoneOnceRuled()
    {
        var admin = await _app.AdminAsync();
        Assert.Empty(await (await admin.GetAsync("/api/admin/disputes/escalated")).ExpectArrayAsync(200));

        var a = await ShippedOrderAsync("Alpha brass");
        var b = await ShippedOrderAsync("Beta copper");
        var c = await ShippedOrderAsync("Gamma tin");
        await _app.AdvanceAsync(TimeSpan.FromDays(6));   // disputes may open 5 days after shipping
        // Opened first but escalated last; c stays with its seller and is not listed.
        await OpenDisputeAsync(a.Buyer, a.Id, 700);
        await OpenDisputeAsync(b.Buyer, b.Id, 300);
        await OpenDisputeAsync(c.Buyer, c.Id, 100);
        await _app.AdvanceAsync(TimeSpan.FromHours(1));
        var bEscalatedAt = await EscalateAsync(b.Buyer, b.Seller, b.Id);
        await _app.AdvanceAsync(TimeSpan.FromHours(2));
        var aEscalatedAt = await EscalateAsync(a.Buyer, a.Seller, a.Id);
        Assert.Equal(TimeSpan.FromHours(2), aEscalatedAt - bEscalatedAt);

        var list = await (await admin.GetAsync("/api/admin/disputes/escalated")).ExpectArrayAsync(200);
        Assert.Equal([b.Id, a.Id], list.Select(d => d!["orderId"]!.GetValue<long>()));
        var first = list[0]!;
        Assert.Equal(b.StoreId, first["storeId"]!.GetValue<long>());
        Assert.Equal("Beta copper", first["storeName"]!.GetValue<string>());
        Assert.Equal(300, first["requested"]!.GetValue<long>());
        Assert.Equal("USD", first["currency"]!.GetValue<string>());
        Assert.Equal("NotAsDescribed", first["reason"]!.GetValue<string>());
        Assert.Equal(bEscalatedAt, first["escalatedAt"].Time());
        Assert.Equal((await b.Buyer.Order(b.Id))["total"]!.GetValue<long>(), first["orderTotal"]!.GetValue<long>());
        Assert.Equal(aEscalatedAt, list[1]!["escalatedAt"].Time());
        Assert.Equal(700, list[1]!["requested"]!.GetValue<long>());
        Assert.DoesNotContain(list, d => d!["orderId"]!.GetValue<long>() == c.Id);

        await admin.ActOk(b.Id, "dispute/rule", new { amountMinor = 100, ruling = "Part of it" });
        var after = await (await admin.GetAsync("/api/admin/disputes/escalated")).ExpectArrayAsync(200);
        Assert.Equal([a.Id], after.Select(d => d!["orderId"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Investigations_NewestFirst_FilteredByStatus_WithEvidenceAndDecision()
    {
        var admin = await _app.AdminAsync();
        Assert.Empty(await (await admin.GetAsync("/api/admin/investigations")).ExpectArrayAsync(200));

        var (seller1, store1, _) = await Shop.SellerWithListingAsync(_app);
        var (_, store2, _) = await Shop.SellerWithListingAsync(_app);
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{store1}/investigation", new { reason = "Counterfeits reported" })).ExpectAsync(201);
        await (await seller1.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "Invoices from the foundry" })).ExpectAsync(200);
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{store1}/investigation/close", new { outcome = "cleared", decision = "Invoices check out" })).ExpectAsync(200);
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{store2}/investigation", new { reason = "Nothing ships" })).ExpectAsync(201);
        await (await admin.PostAsJsonAsync($"/api/admin/stores/{store1}/investigation", new { reason = "New complaints" })).ExpectAsync(201);

        var all = await (await admin.GetAsync("/api/admin/investigations")).ExpectArrayAsync(200);
        Assert.Equal([store1, store2, store1], all.Select(i => i!["storeId"]!.GetValue<long>()));
        Assert.Equal(["AwaitingEvidence", "AwaitingEvidence", "Cleared"], all.Select(i => i!["status"]!.GetValue<string>()));
        var cleared = all[2]!;
        Assert.Equal("Counterfeits reported", cleared["reason"]!.GetValue<string>());
        Assert.Equal("Invoices from the foundry", cleared["evidence"]!.GetValue<string>());
        Assert.Equal("Invoices check out", cleared["decision"]!.GetValue<string>());
        Assert.Equal(SoukApp.Start + TimeSpan.FromDays(3), all[1]!["evidenceDueAt"].Time());

        var open = await (await admin.GetAsync("/api/admin/investigations?status=open")).ExpectArrayAsync(200);
        Assert.Equal([store1, store2], open.Select(i => i!["storeId"]!.GetValue<long>()));
        var closed = await (await admin.GetAsync("/api/admin/investigations?status=Cleared")).ExpectArrayAsync(200);
        Assert.Equal(cleared["id"]!.GetValue<long>(), Assert.Single(closed)!["id"]!.GetValue<long>());
        Assert.Empty(await (await admin.GetAsync("/api/admin/investigations?status=Blocked")).ExpectArrayAsync(200));
        await (await admin.GetAsync("/api/admin/investigations?status=closed")).ExpectProblemAsync(400, "investigation.unknown-status");
        await (await admin.GetAsync("/api/admin/investigations?status=2")).ExpectProblemAsync(400, "investigation.unknown-status");
    }

    [Theory]
    [InlineData("/api/admin/disputes/escalated")]
    [InlineData("/api/admin/investigations")]
    public async Task TheDeskLists_AreForAdmins(string path)
    {
        var buyer = await _app.SignUpAsync("buyer");
        var seller = await _app.SignUpAsync("seller");
        await (await buyer.GetAsync(path)).ExpectAsync(403);
        await (await seller.GetAsync(path)).ExpectAsync(403);
        await (await _app.CreateClient().GetAsync(path)).ExpectAsync(401);
    }
}
