using System.Net.Http.Json;
using System.Text;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>Bad input gets a clear answer and changes nothing; nothing a client sends is a 500.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task MalformedJson_Is400AndChangesNothing()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var before = await buyer.Order(id);

        var response = await buyer.PostAsync($"/api/orders/{id}/cancel", new StringContent("{\"reason\": ", Encoding.UTF8, "application/json"));
        await response.ExpectProblemAsync(400, "request.malformed-body");
        var wrongType = await buyer.PostAsync($"/api/orders/{id}/pay", new StringContent("{\"method\": 42, \"account\": []}", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)wrongType.StatusCode);

        var after = await buyer.Order(id);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task UnknownReason_Is400WithTheFieldAndChangesNothing()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var problem = await (await buyer.Act(id, "cancel", new { reason = "BecauseISaidSo" })).ExpectProblemAsync(400, "cancel.unknown-reason");
        Assert.NotNull(problem["errors"]!["reason"]);
        var other = await (await buyer.Act(id, "cancel", new { reason = "Other" })).ExpectProblemAsync(400, "cancel.comment-required");
        Assert.NotNull(other["errors"]!["comment"]);
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task UnknownOrder_Is404Problem()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.GetAsync("/api/orders/999999")).ExpectProblemAsync(404, "order.not-found");
        await (await buyer.Act(999999, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(404, "order.not-found");
        Assert.Equal(404, (int)(await buyer.GetAsync("/api/orders/not-a-number")).StatusCode);
    }

    [Fact]
    public async Task WrongState_Is409WithTheSameCodeAsTheActionsList()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var listed = (await buyer.Order(id)).Action("confirm-receipt");
        Assert.False(listed["allowed"]!.GetValue<bool>());

        var problem = await (await buyer.Act(id, "confirm-receipt")).ExpectProblemAsync(409, listed["code"]!.GetValue<string>());
        Assert.Equal(listed["message"]!.GetValue<string>(), problem["detail"]!.GetValue<string>());
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task RefusalDuringReview_SaysWhenItBecomesPossible()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var paid = await buyer.Pay(id, "4000 silent");
        _app.Time.Advance(TimeSpan.FromMinutes(3));

        var problem = await (await buyer.Act(id, "cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(409, "cancel.payment-under-review");
        Assert.Equal(paid["payment"]!["paidAt"].Time() + TimeSpan.FromHours(24), problem["possibleFrom"].Time());
        Assert.Contains("review", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("pay", "{\"method\":\"Balance\"}", "pay.balance-insufficient")]
    [InlineData("pay", "{\"method\":\"Card\",\"account\":\"x\",\"balanceMinor\":-3}", "pay.balance-part-out-of-range")]
    [InlineData("pay", "{\"account\":\"x\"}", "pay.method-invalid")]
    [InlineData("pay", "{\"method\":\"Card\"}", "pay.account-required")]
    [InlineData("delete-permanently", "{\"confirm\":false}", "delete-permanently.not-in-deleted-orders")]
    [InlineData("extend-handling", "{\"days\":-5}", "handling-extension.not-awaiting-shipment")]
    public async Task EachBadBody_GetsItsCode(string path, string json, string code)
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var response = await buyer.PostAsync($"/api/orders/{id}/{path}", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 409, body);
        Assert.Contains(code, body);
        Assert.Equal("AwaitingPayment", (await buyer.Order(id)).State());
    }

    [Fact]
    public async Task ExtraFieldsLikeStatus_AreIgnored()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var paid = await buyer.ActOk(id, "pay", new { method = "Card", account = "4242", state = "Completed", total = 1, amount = 0 });

        Assert.Equal("PaymentReview", paid.State());
        Assert.Equal(paid["total"]!.GetValue<long>(), paid["payment"]!["amount"]!.GetValue<long>());
    }
}
