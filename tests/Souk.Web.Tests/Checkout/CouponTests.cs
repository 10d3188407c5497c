using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Checkout;

/// <summary>Store coupons through the real host: the seller's CRUD, applying one at checkout, its limits, and a use given back.</summary>
public sealed class CouponTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private static object Coupon(string code = "SPRING", string kind = "Percent", long value = 10, long minOrderMinor = 0, int? usageLimit = null,
        string currency = "USD", int fromDays = -1, int untilDays = 30) => new
    {
        code, kind, value, currency, minOrderMinor, usageLimit,
        validFrom = SoukApp.Start.AddDays(fromDays), validUntil = SoukApp.Start.AddDays(untilDays),
    };

    private static async Task<HttpResponseMessage> CheckoutWithAsync(HttpClient buyer, string coupon)
    {
        var addressId = await Shop.AddressOfAsync(buyer);
        var cart = await Shop.CartAsync(buyer);
        var shipping = cart["stores"]!.AsArray().Select(s => new { storeId = s!["storeId"]!.GetValue<long>(), method = Shop.StandardMethod, coupon }).ToList();
        return await buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping });
    }

    [Fact]
    public async Task ACouponTakesItsDiscount_ItsLastUseGoesToOneBuyer_AndACancelledOrderGivesItBack()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, stock: 10);
        var created = await (await seller.PostAsJsonAsync("/api/coupons", Coupon("spring", "FixedAmount", 150, minOrderMinor: 500, usageLimit: 1))).ExpectAsync(201);
        Assert.Equal("SPRING", created["code"]!.GetValue<string>());

        var first = await _app.SignUpAsync("buyer");
        await Shop.AddressOfAsync(first);
        await Shop.AddToCartAsync(first, listing);
        var placed = await (await CheckoutWithAsync(first, "spring")).ExpectAsync(201);
        var order = placed["orders"]![0]!;
        Assert.Equal(150, order["discount"]!.GetValue<long>());
        Assert.Equal("SPRING", order["couponCode"]!.GetValue<string>());
        Assert.Equal(order["itemsTotal"]!.GetValue<long>() + order["shippingTotal"]!.GetValue<long>() - 150, order["total"]!.GetValue<long>());
        // My Orders shows the same total, discount included.
        var listed = await (await first.GetAsync("/api/orders")).ExpectAsync(200);
        Assert.Equal(order["total"]!.GetValue<long>(), listed["orders"]![0]!["total"]!.GetValue<long>());

        // The one use is taken: the second buyer is refused and nothing of theirs changes.
        var second = await _app.SignUpAsync("buyer");
        await Shop.AddressOfAsync(second);
        await Shop.AddToCartAsync(second, listing);
        await (await CheckoutWithAsync(second, "SPRING")).ExpectProblemAsync(409, "coupon.used-up");
        Assert.Single((await Shop.CartAsync(second))["stores"]!.AsArray());
        Assert.Equal(9, await Shop.StockAsync(_app, listing));

        await first.ActOk(order["id"]!.GetValue<long>(), "cancel", new { reason = "NoLongerNeeded" });
        var coupons = await (await seller.GetAsync("/api/coupons")).ExpectArrayAsync(200);
        Assert.Equal(0, coupons[0]!["used"]!.GetValue<int>());
        await (await CheckoutWithAsync(second, "SPRING")).ExpectAsync(201);
    }

    [Fact]
    public async Task AnExpiredUnpaidOrder_GivesItsUseBack()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon(usageLimit: 1))).ExpectAsync(201);
        var buyer = await _app.SignUpAsync("buyer");
        await Shop.AddressOfAsync(buyer);
        await Shop.AddToCartAsync(buyer, listing);
        await (await CheckoutWithAsync(buyer, "SPRING")).ExpectAsync(201);
        Assert.Equal(1, (await (await seller.GetAsync("/api/coupons")).ExpectArrayAsync(200))[0]!["used"]!.GetValue<int>());

        // Past the payment window (20 days by default): the order expires unpaid.
        await _app.AdvanceAsync(TimeSpan.FromDays(21));

        Assert.Equal(0, (await (await seller.GetAsync("/api/coupons")).ExpectArrayAsync(200))[0]!["used"]!.GetValue<int>());
    }

    [Fact]
    public async Task CouponsRefuse_BelowTheMinimum_OutsideTheirPeriod_InAnotherCurrency_OrWhenUnknown()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon("BIG", minOrderMinor: 1_000_000))).ExpectAsync(201);
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon("LATER", fromDays: 3))).ExpectAsync(201);
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon("EURO", "FixedAmount", 100, currency: "EUR"))).ExpectAsync(201);
        var buyer = await _app.SignUpAsync("buyer");
        await Shop.AddressOfAsync(buyer);
        await Shop.AddToCartAsync(buyer, listing);

        var min = await (await CheckoutWithAsync(buyer, "big")).ExpectProblemAsync(409, "coupon.minimum-not-met");
        // Money reads as money in the problem's detail (the arguments keep minor units), in the reader's language too.
        Assert.Equal("Coupon BIG needs items worth at least 10,000.00 USD; this order's items come to 10.00 USD.", min["detail"]!.GetValue<string>());
        Assert.Equal((1_000_000L, "USD"), (min["arguments"]!["minOrder"]!.GetValue<long>(), min["arguments"]!["currency"]!.GetValue<string>()));
        buyer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var russian = await (await CheckoutWithAsync(buyer, "big")).ExpectProblemAsync(409, "coupon.minimum-not-met");
        buyer.DefaultRequestHeaders.AcceptLanguage.Clear();
        Assert.Equal("Для купона BIG нужны товары на сумму не менее 10\u00A0000,00 USD, а товары в этом заказе стоят 10,00 USD.", russian["detail"]!.GetValue<string>());
        var later = await (await CheckoutWithAsync(buyer, "LATER")).ExpectProblemAsync(409, "coupon.not-yet-valid");
        Assert.Equal(SoukApp.Start.AddDays(3), later["possibleFrom"].Time());
        await (await CheckoutWithAsync(buyer, "EURO")).ExpectProblemAsync(409, "coupon.wrong-currency");
        await (await CheckoutWithAsync(buyer, "NOPE")).ExpectProblemAsync(400, "coupon.unknown");
        await (await CheckoutWithAsync(buyer, "bad code!")).ExpectProblemAsync(400, "coupon.code-invalid");
        Assert.Single((await Shop.CartAsync(buyer))["stores"]!.AsArray());
    }

    [Fact]
    public async Task SellersManageOnlyTheirOwnCoupons()
    {
        var (seller, _, _) = await Shop.SellerWithListingAsync(_app);
        var id = (await (await seller.PostAsJsonAsync("/api/coupons", Coupon())).ExpectAsync(201))["id"]!.GetValue<long>();
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon())).ExpectProblemAsync(409, "coupon.code-taken");
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon(kind: "Percent", value: 150))).ExpectProblemAsync(400, "coupon.value-out-of-range");
        await (await seller.PostAsJsonAsync("/api/coupons", Coupon("NEW", fromDays: 5, untilDays: 1))).ExpectProblemAsync(400, "coupon.validity-empty");
        await (await seller.PostAsJsonAsync("/api/coupons", new { code = "X" })).ExpectProblemAsync(400, "request.field-required");

        var updated = await (await seller.PutAsJsonAsync($"/api/coupons/{id}", Coupon(value: 20, usageLimit: 5))).ExpectAsync(200);
        Assert.Equal(20, updated["value"]!.GetValue<long>());
        Assert.Equal(5, updated["usesLeft"]!.GetValue<int>());

        var other = await _app.SignUpAsync("seller");
        await Shop.OpenStoreAsync(other, "Other store");
        await (await other.PutAsJsonAsync($"/api/coupons/{id}", Coupon())).ExpectProblemAsync(404, "coupon.not-found");
        await (await other.PostAsync($"/api/coupons/{id}/deactivate", null)).ExpectProblemAsync(404, "coupon.not-found");
        Assert.Empty(await (await other.GetAsync("/api/coupons")).ExpectArrayAsync(200));
        Assert.Equal(403, (int)(await (await _app.SignUpAsync("buyer")).GetAsync("/api/coupons")).StatusCode);

        var off = await (await seller.PostAsync($"/api/coupons/{id}/deactivate", null)).ExpectAsync(200);
        Assert.False(off["active"]!.GetValue<bool>());
        await (await seller.PostAsync($"/api/coupons/{id}/deactivate", null)).ExpectProblemAsync(409, "coupon.already-inactive");
    }
}
