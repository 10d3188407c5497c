using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Checkout;

public sealed class CheckoutTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> CheckoutAsync(HttpClient buyer, long? addressId, params (long StoreId, string Method)[] shipping) =>
        buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping = shipping.Select(s => new { storeId = s.StoreId, method = s.Method }) });

    private static async Task<int> CartLinesAsync(HttpClient buyer) =>
        (await Shop.CartAsync(buyer))["stores"]!.AsArray().Sum(s => s!["lines"]!.AsArray().Count);

    [Fact]
    public async Task Checkout_PlacesOneOrderPerStore_ReservesStock_AndEmptiesTheCart()
    {
        var (seller, storeA, teapot) = await Shop.SellerWithListingAsync(_app, handlingDays: 3, price: 1_000, stock: 10);
        var cups = await Shop.AddListingAsync(seller, handlingDays: 7, price: 250, stock: 10, deliveryDays: 25, title: "Tea cups");
        var (_, storeB, rug) = await Shop.SellerWithListingAsync(_app, handlingDays: 15, currency: "RUB", price: 500_000, stock: 2);
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer, "Ada Buyer");
        await Shop.AddToCartAsync(buyer, teapot, 2);
        await Shop.AddToCartAsync(buyer, cups, 4);
        await Shop.AddToCartAsync(buyer, rug, 1);

        var response = await CheckoutAsync(buyer, addressId, (storeA, Shop.StandardMethod), (storeB, Shop.ExpressMethod));
        var placed = await response.ExpectAsync(201);

        var orders = placed["orders"]!.AsArray();
        Assert.Equal(2, orders.Count);
        var a = orders.Single(o => o!["storeId"]!.GetValue<long>() == storeA)!;
        Assert.Equal("AwaitingPayment", a["state"]!.GetValue<string>());
        Assert.Equal(("USD", 2 * 1_000 + 4 * 250L), (a["currency"]!.GetValue<string>(), a["itemsTotal"]!.GetValue<long>()));
        // Shipping is the method's price per line, summed; handling and delivery are the longest of the lines'.
        Assert.Equal(2 * Shop.StandardShippingPrice, a["shippingTotal"]!.GetValue<long>());
        Assert.Equal((7, 25), (a["handlingDays"]!.GetValue<int>(), a["deliveryDays"]!.GetValue<int>()));
        Assert.Equal(Shop.StandardMethod, a["shippingMethod"]!.GetValue<string>());
        Assert.Equal("Ada Buyer", a["address"]!["name"]!.GetValue<string>());
        Assert.Equal(2, a["lines"]!.AsArray().Count);

        var b = orders.Single(o => o!["storeId"]!.GetValue<long>() == storeB)!;
        Assert.Equal(("RUB", 500_000L, Shop.ExpressShippingPrice), (b["currency"]!.GetValue<string>(), b["itemsTotal"]!.GetValue<long>(),
            b["shippingTotal"]!.GetValue<long>()));
        Assert.Equal((15, Shop.ExpressDeliveryDays), (b["handlingDays"]!.GetValue<int>(), b["deliveryDays"]!.GetValue<int>()));

        Assert.Equal((8, 6, 1), (await Shop.StockAsync(_app, teapot), await Shop.StockAsync(_app, cups), await Shop.StockAsync(_app, rug)));
        Assert.Equal(0, await CartLinesAsync(buyer));
        Assert.Contains(a["actions"]!.AsArray(), x => x!["action"]!.GetValue<string>() is var name && x["allowed"]!.GetValue<bool>() && name.Contains("pay"));

        var listed = await (await buyer.GetAsync("/api/orders?tab=awaiting-payment")).ExpectAsync(200);
        Assert.Equal(2, listed["orders"]!.AsArray().Count);
    }

    [Fact]
    public async Task OrderLines_KeepTheTitleAndPriceTheyHadAtCheckout()
    {
        var (seller, _, listingId) = await Shop.SellerWithListingAsync(_app, price: 1_000, title: "Brass teapot");
        var buyer = await _app.SignUpAsync("buyer");
        var orderId = await Shop.PlaceOrderAsync(_app, buyer, listingId, 3);

        await (await seller.PutAsJsonAsync($"/api/listings/{listingId}", Shop.ListingBody(price: 9_999, title: "Golden teapot"))).ExpectAsync(200);

        var order = await (await buyer.GetAsync($"/api/orders/{orderId}")).ExpectAsync(200);
        var line = order["lines"]!.AsArray().Single()!;
        Assert.Equal(("Brass teapot", 1_000L, 3), (line["title"]!.GetValue<string>(), line["unitPrice"]!.GetValue<long>(), line["quantity"]!.GetValue<int>()));
        Assert.Equal(3_000 + Shop.StandardShippingPrice, order["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Checkout_OfAnEmptyCart_Is409CartEmpty()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer);
        await (await CheckoutAsync(buyer, addressId)).ExpectProblemAsync(409, "checkout.cart-empty");
    }

    /// <summary>A buyer with one listing (stock 10) in the cart, quantity 2; the refusal tests check nothing moved.</summary>
    private async Task<(HttpClient Buyer, long StoreId, long ListingId, long AddressId)> ReadyToCheckOutAsync()
    {
        var (_, storeId, listingId) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer);
        await Shop.AddToCartAsync(buyer, listingId, 2);
        return (buyer, storeId, listingId, addressId);
    }

    private async Task AssertNothingChangedAsync(HttpClient buyer, long listingId)
    {
        Assert.Equal(10, await Shop.StockAsync(_app, listingId));
        Assert.Equal(1, await CartLinesAsync(buyer));
        var orders = await (await buyer.GetAsync("/api/orders")).ExpectAsync(200);
        Assert.Empty(orders["orders"]!.AsArray());
    }

    [Fact]
    public async Task Checkout_WithoutAShippingChoiceForAStore_Is400AndChangesNothing()
    {
        var (buyer, storeId, listingId, addressId) = await ReadyToCheckOutAsync();

        var problem = await (await CheckoutAsync(buyer, addressId)).ExpectProblemAsync(400, "checkout.shipping-method-missing");
        Assert.Equal(storeId, problem["arguments"]!["storeId"]!.GetValue<long>());
        Assert.NotNull(problem["errors"]!["shipping"]);
        await (await CheckoutAsync(buyer, addressId, (storeId + 1000, Shop.StandardMethod))).ExpectProblemAsync(400, "checkout.shipping-method-missing");
        await (await CheckoutAsync(buyer, addressId, (storeId, "  "))).ExpectProblemAsync(400, "checkout.shipping-method-missing");

        await AssertNothingChangedAsync(buyer, listingId);
    }

    [Fact]
    public async Task Checkout_WithAMethodNotEveryLineOffers_Is400NamingTheStore_AndWithNoMethodInCommon409AsTheCartSays()
    {
        var (seller, storeId, teapot) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var standardOnly = await (await seller.PostAsJsonAsync("/api/listings", new
        {
            title = "Cups", price = 900, currency = "USD", stock = 5, handlingDays = 3,
            shippingOptions = new object[] { new { code = Shop.StandardMethod, name = "Standard", price = 100 } },
        })).ExpectAsync(201);
        var freightOnly = await (await seller.PostAsJsonAsync("/api/listings", new
        {
            title = "Rug", price = 9_000, currency = "USD", stock = 5, handlingDays = 3,
            shippingOptions = new object[] { new { code = "freight", name = "Freight", price = 300 } },
        })).ExpectAsync(201);
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer);
        await Shop.AddToCartAsync(buyer, teapot, 2);
        await Shop.AddToCartAsync(buyer, standardOnly["id"]!.GetValue<long>());

        var problem = await (await CheckoutAsync(buyer, addressId, (storeId, Shop.ExpressMethod))).ExpectProblemAsync(400, "checkout.shipping-method-not-offered");
        Assert.Equal(storeId, problem["arguments"]!["storeId"]!.GetValue<long>());
        await (await CheckoutAsync(buyer, addressId, (storeId, new string('x', 5_000)))).ExpectProblemAsync(400, "checkout.shipping-method-not-offered");

        // With a line that shares no method with the others, no choice can work: the cart and checkout say so alike.
        await Shop.AddToCartAsync(buyer, freightOnly["id"]!.GetValue<long>());
        var cart = await Shop.CartAsync(buyer);
        Assert.Equal("cart.no-common-shipping-method", cart["stores"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("cart.no-common-shipping-method", cart["checkoutRefusal"]!["code"]!.GetValue<string>());
        await (await CheckoutAsync(buyer, addressId, (storeId, Shop.StandardMethod))).ExpectProblemAsync(409, "cart.no-common-shipping-method");

        Assert.Equal(10, await Shop.StockAsync(_app, teapot));
        Assert.Equal(3, await CartLinesAsync(buyer));
    }

    [Fact]
    public async Task Checkout_ToAnotherBuyersOrAnUnknownAddress_Is400AddressUnknown()
    {
        var (buyer, storeId, listingId, _) = await ReadyToCheckOutAsync();
        var other = await _app.SignUpAsync("buyer");
        var othersAddress = await Shop.AddAddressAsync(other);

        foreach (long? addressId in new long?[] { othersAddress, 999_999, null })
        {
            var problem = await (await CheckoutAsync(buyer, addressId, (storeId, Shop.StandardMethod)))
                .ExpectProblemAsync(400, addressId is null ? "request.field-required" : "checkout.address-unknown");
            Assert.NotNull(problem["errors"]!["addressId"]);
        }
        await AssertNothingChangedAsync(buyer, listingId);
    }

    [Fact]
    public async Task Checkout_OfAStoreWithLinesInTwoCurrencies_Is409MixedCurrencies()
    {
        var (seller, storeId, usd) = await Shop.SellerWithListingAsync(_app, currency: "USD", stock: 10);
        var eur = await Shop.AddListingAsync(seller, currency: "EUR", title: "Euro teapot", stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer);
        await Shop.AddToCartAsync(buyer, usd);
        await Shop.AddToCartAsync(buyer, eur);

        var problem = await (await CheckoutAsync(buyer, addressId, (storeId, Shop.StandardMethod))).ExpectProblemAsync(409, "checkout.mixed-currencies");
        Assert.Equal(storeId, problem["arguments"]!["storeId"]!.GetValue<long>());
        Assert.Equal((10, 10), (await Shop.StockAsync(_app, usd), await Shop.StockAsync(_app, eur)));
        Assert.Equal(2, await CartLinesAsync(buyer));
    }

    [Fact]
    public async Task Checkout_WhenStockRanOutOrTheListingWasDelisted_Is409AndReservesNothing()
    {
        var (seller, storeId, listingId) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var other = await Shop.AddListingAsync(seller, title: "Cups", stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer);
        await Shop.AddToCartAsync(buyer, other, 1);
        await Shop.AddToCartAsync(buyer, listingId, 5);

        await (await seller.PutAsJsonAsync($"/api/listings/{listingId}", Shop.ListingBody(stock: 4))).ExpectAsync(200);
        var problem = await (await CheckoutAsync(buyer, addressId, (storeId, Shop.StandardMethod))).ExpectProblemAsync(409, "checkout.not-enough-stock");
        Assert.Equal((4, 5), (problem["arguments"]!["available"]!.GetValue<int>(), problem["arguments"]!["requested"]!.GetValue<int>()));

        await (await seller.PostAsync($"/api/listings/{listingId}/delist", null)).ExpectAsync(200);
        await (await CheckoutAsync(buyer, addressId, (storeId, Shop.StandardMethod))).ExpectProblemAsync(409, "checkout.listing-not-sold");

        // The other line of the same store was not reserved either: all or nothing.
        Assert.Equal((10, 4), (await Shop.StockAsync(_app, other), await Shop.StockAsync(_app, listingId)));
        Assert.Equal(2, await CartLinesAsync(buyer));
    }

    [Theory]
    [InlineData("""{"addressId":"home"}""")]
    [InlineData("""{"addressId":1,"shipping":{"storeId":1}}""")]
    [InlineData("""[]""")]
    public async Task Checkout_WithAMalformedBody_Is400AndChangesNothing(string json)
    {
        var (buyer, _, listingId, _) = await ReadyToCheckOutAsync();
        var response = await buyer.PostAsync("/api/checkout", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.ExpectAsync(400);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingChangedAsync(buyer, listingId);
    }

    [Fact]
    public async Task Checkout_NamingAStoreTwice_Is400()
    {
        var (buyer, storeId, listingId, addressId) = await ReadyToCheckOutAsync();
        await (await CheckoutAsync(buyer, addressId, (storeId, Shop.StandardMethod), (storeId, Shop.ExpressMethod)))
            .ExpectProblemAsync(400, "checkout.shipping-store-repeated");
        await AssertNothingChangedAsync(buyer, listingId);
    }

    [Fact]
    public async Task Checkout_IsForBuyers_SellersGet403AndAnonymous401()
    {
        var (seller, storeId, _) = await Shop.SellerWithListingAsync(_app);
        await (await CheckoutAsync(seller, 1, (storeId, Shop.StandardMethod))).ExpectAsync(403);
        await (await CheckoutAsync(_app.CreateClient(), 1, (storeId, Shop.StandardMethod))).ExpectAsync(401);
    }

    [Fact]
    public async Task TwoBuyersRacingForTheLastItem_OnlyOneGetsIt()
    {
        var (_, _, listingId) = await Shop.SellerWithListingAsync(_app, stock: 1);
        var buyers = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            var buyer = await _app.SignUpAsync("buyer");
            await Shop.AddAddressAsync(buyer);
            await Shop.AddToCartAsync(buyer, listingId);
            buyers.Add(buyer);
        }

        var results = await Task.WhenAll(buyers.Select(async b =>
        {
            try { await Shop.CheckoutAsync(b); return true; }
            catch (Xunit.Sdk.XunitException) { return false; }
        }));

        Assert.Equal(1, results.Count(ok => ok));
        Assert.Equal(0, await Shop.StockAsync(_app, listingId));
    }
}

public sealed class UnpaidOrderLimitTests : IDisposable
{
    private readonly SoukApp _app = new(settings: new Dictionary<string, string?> { ["Souk:Policy:MaxUnpaidOrders"] = "2" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Checkout_BeyondMaxUnpaidOrders_Is409_CountingTheOrdersItWouldAdd()
    {
        var (_, storeA, a) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var (_, storeB, b) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var buyer = await _app.SignUpAsync("buyer");
        var addressId = await Shop.AddAddressAsync(buyer);
        var first = await Shop.PlaceOrderAsync(_app, buyer, a);

        // One unpaid order plus two new ones would make three; the limit is two.
        await Shop.AddToCartAsync(buyer, a);
        await Shop.AddToCartAsync(buyer, b);
        var shipping = new[] { new { storeId = storeA, method = Shop.StandardMethod }, new { storeId = storeB, method = Shop.StandardMethod } };
        var problem = await (await buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping }))
            .ExpectProblemAsync(409, "checkout.too-many-unpaid-orders");
        Assert.Equal((2, 1), (problem["arguments"]!["max"]!.GetValue<int>(), problem["arguments"]!["unpaid"]!.GetValue<int>()));
        // Room comes when the unpaid order's payment window ends, if nothing is paid or cancelled before.
        var firstDue = SoukApp.Start + new Souk.Domain.Policy().PaymentWindow;
        Assert.Equal(firstDue, problem["possibleFrom"].Time());
        Assert.Equal((9, 10), (await Shop.StockAsync(_app, a), await Shop.StockAsync(_app, b)));

        // The cart says the same before the buyer tries: no Place order, and checkout's own refusal.
        var cart = await Shop.CartAsync(buyer);
        Assert.False(cart["canCheckout"]!.GetValue<bool>());
        var refusal = cart["checkoutRefusal"]!;
        Assert.Equal(("checkout.too-many-unpaid-orders", problem["detail"]!.GetValue<string>(), firstDue),
            (refusal["code"]!.GetValue<string>(), refusal["detail"]!.GetValue<string>(), refusal["possibleFrom"].Time()));
        Assert.Equal(1, refusal["arguments"]!["unpaid"]!.GetValue<int>());

        // One more order fits exactly.
        var fits = await (await buyer.DeleteAsync($"/api/cart/items/{b}")).ExpectAsync(200);
        Assert.True(fits["canCheckout"]!.GetValue<bool>());
        Assert.Null(fits["checkoutRefusal"]);
        await Shop.CheckoutAsync(buyer);

        await Shop.AddToCartAsync(buyer, b);
        await (await buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping = new[] { new { storeId = storeB, method = Shop.StandardMethod } } }))
            .ExpectProblemAsync(409, "checkout.too-many-unpaid-orders");

        // Cancelling an unpaid order makes room again.
        await (await buyer.PostAsJsonAsync($"/api/orders/{first}/cancel", new { reason = "NoLongerNeeded" })).ExpectAsync(200);
        await Shop.CheckoutAsync(buyer);
    }
}
