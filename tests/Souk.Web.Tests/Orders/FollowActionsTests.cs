using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>A client can drive a whole flow by following the order's <c>actions</c> alone: href, method and fields.</summary>
public sealed class FollowActionsTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonObject> Follow(HttpClient client, JsonObject order, string action, object body)
    {
        var a = order.Action(action);
        Assert.True(a["allowed"]!.GetValue<bool>(), a.ToJsonString());
        Assert.Equal("POST", a["method"]!.GetValue<string>());
        var response = await client.PostAsJsonAsync(a["href"]!.GetValue<string>(), body);
        return await response.ExpectAsync(200);
    }

    [Fact]
    public async Task PayRequestApproveShipped_ByFollowingActions()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);

        var order = await buyer.Order(id);
        var pay = order.Action("pay");
        var methods = pay["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "method")!["options"]!.AsArray();
        order = await Follow(buyer, order, "pay", new { method = methods[0]!.GetValue<string>(), account = "4111 1111 1111 1111" });
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        order = await buyer.Order(id);

        var reasons = order.Action("request-cancellation")["fields"]!.AsArray()
            .Single(f => f!["name"]!.GetValue<string>() == "reason")!["options"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
        Assert.Equal(["NoLongerNeeded", "ChangeOrder", "ChangeAddress", "ChangeCoupon", "ChangeShipping", "PaymentProblem", "Other"], reasons);
        order = await Follow(buyer, order, "request-cancellation", new { reason = reasons[0] });

        var asSeller = await seller.Order(id);
        asSeller = await Follow(seller, asSeller, "refuse-cancellation", new { message = "Shipping today" });
        asSeller = await Follow(seller, asSeller, "ship", new { carrier = "DHL", trackingNumber = "JD0001" });
        Assert.Equal("Shipped", asSeller.State());

        order = await buyer.Order(id);
        var shippedRefusal = order.Action("request-cancellation");
        Assert.False(shippedRefusal["allowed"]!.GetValue<bool>());
        Assert.Equal("request-cancellation.already-shipped", shippedRefusal["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(shippedRefusal["message"]!.GetValue<string>()));
        order = await Follow(buyer, order, "confirm-receipt", new { });
        Assert.Equal("Received", order.Outcome());
    }

    [Fact]
    public async Task EveryRefusalShown_HasASentence()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        foreach (var client in new[] { buyer, seller })
        {
            var order = await client.Order(id);
            foreach (var action in order["actions"]!.AsArray().Select(a => a!.AsObject()).Where(a => !a["allowed"]!.GetValue<bool>()))
            {
                var message = action["message"]!.GetValue<string>();
                Assert.NotEqual(action["code"]!.GetValue<string>(), message);
                Assert.DoesNotContain("{", message);
            }
        }
    }
}
