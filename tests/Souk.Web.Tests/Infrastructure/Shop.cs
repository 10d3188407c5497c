using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Souk.Web.Tests.Infrastructure;

/// <summary>
/// Builds the shop side of a test through the real API: a seller with a store and a listing, a buyer with an
/// address, a cart, a checkout. Every step asserts its status, so a failing setup says where it failed.
/// </summary>
public static class Shop
{
    /// <summary>The first ("standard") shipping option every listing made here has; its price is per order line.</summary>
    public const string StandardMethod = "standard";
    public const long StandardShippingPrice = 200;
    public const string ExpressMethod = "express";
    public const long ExpressShippingPrice = 900;
    public const int ExpressDeliveryDays = 7;

    /// <summary>
    /// A new seller with an open store and one listing, shipping "standard" (<paramref name="deliveryDays"/>, null =
    /// no estimate) and "express" (7 days).
    /// </summary>
    public static async Task<(HttpClient seller, long storeId, long listingId)> SellerWithListingAsync(SoukApp app, int handlingDays = 3,
        string currency = "USD", long price = 1_000, int stock = 100, int? deliveryDays = 20, string title = "Brass teapot")
    {
        var seller = await app.SignUpAsync("seller");
        var storeId = await OpenStoreAsync(seller);
        var listingId = await AddListingAsync(seller, handlingDays, currency, price, stock, deliveryDays, title);
        return (seller, storeId, listingId);
    }

    public static async Task<long> OpenStoreAsync(HttpClient seller, string name = "Test store")
    {
        var store = await (await seller.PostAsJsonAsync("/api/stores", new { name })).ExpectAsync(201);
        return store["id"]!.GetValue<long>();
    }

    public static async Task<long> AddListingAsync(HttpClient seller, int handlingDays = 3, string currency = "USD", long price = 1_000,
        int stock = 100, int? deliveryDays = 20, string title = "Brass teapot")
    {
        var listing = await (await seller.PostAsJsonAsync("/api/listings", ListingBody(handlingDays, currency, price, stock, deliveryDays, title))).ExpectAsync(201);
        return listing["id"]!.GetValue<long>();
    }

    /// <summary>The body for creating or editing a listing.</summary>
    public static object ListingBody(int handlingDays = 3, string currency = "USD", long price = 1_000, int stock = 100, int? deliveryDays = 20,
        string title = "Brass teapot") => new
    {
        title,
        price,
        currency,
        stock,
        handlingDays,
        shippingOptions = new object[]
        {
            new { code = StandardMethod, name = "Standard post", price = StandardShippingPrice, deliveryDays },
            new { code = ExpressMethod, name = "Express courier", price = ExpressShippingPrice, deliveryDays = ExpressDeliveryDays },
        },
    };

    /// <summary>Adds an address to the buyer's address book and returns its id.</summary>
    public static async Task<long> AddAddressAsync(HttpClient buyer, string name = "Ada Buyer")
    {
        var address = await (await buyer.PostAsJsonAsync("/api/me/addresses", new
        {
            name, line1 = "1 Market Street", city = "Springfield", postalCode = "12345", country = "US", phone = "+1 555 0100",
        })).ExpectAsync(201);
        return address["id"]!.GetValue<long>();
    }

    /// <summary>The buyer's first address, added if the address book is empty.</summary>
    public static async Task<long> AddressOfAsync(HttpClient buyer)
    {
        var addresses = (await (await buyer.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
        return addresses.Count > 0 ? addresses[0]!["id"]!.GetValue<long>() : await AddAddressAsync(buyer);
    }

    public static async Task<JsonObject> AddToCartAsync(HttpClient buyer, long listingId, int quantity = 1) =>
        await (await buyer.PostAsJsonAsync("/api/cart/items", new { listingId, quantity })).ExpectAsync(200);

    public static async Task<JsonObject> CartAsync(HttpClient buyer) => await (await buyer.GetAsync("/api/cart")).ExpectAsync(200);

    /// <summary>
    /// Checks out the cart with the first shipping method every store's lines share, to the buyer's first address.
    /// Returns the answer: <c>{ orders: [OrderView…] }</c>.
    /// </summary>
    public static async Task<JsonObject> CheckoutAsync(HttpClient buyer, string? method = null)
    {
        var addressId = await AddressOfAsync(buyer);
        var cart = await CartAsync(buyer);
        var shipping = cart["stores"]!.AsArray().Select(s => new
        {
            storeId = s!["storeId"]!.GetValue<long>(),
            method = method ?? s["shippingOptions"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>() ?? StandardMethod,
        }).ToList();
        return await (await buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping })).ExpectAsync(201);
    }

    /// <summary>
    /// Places an order for <paramref name="quantity"/> of the listing: adds an address if the buyer has none, puts the
    /// listing in the cart, checks out with the first shipping method and returns the id of the order holding the
    /// listing. Checkout orders the whole cart, so anything already in the buyer's cart is ordered too (in its own
    /// store's order); a fresh buyer's cart is empty.
    /// </summary>
    public static async Task<long> PlaceOrderAsync(SoukApp app, HttpClient buyer, long listingId, int quantity = 1)
    {
        await AddressOfAsync(buyer);
        await AddToCartAsync(buyer, listingId, quantity);
        var placed = await CheckoutAsync(buyer);
        return placed["orders"]!.AsArray()
            .First(o => o!["lines"]!.AsArray().Any(l => l!["listingId"]!.GetValue<long>() == listingId))!["id"]!.GetValue<long>();
    }

    /// <summary>Anyone's view of the listing (the public endpoint).</summary>
    public static async Task<JsonObject> ListingAsync(SoukApp app, long listingId) =>
        await (await app.CreateClient().GetAsync($"/api/listings/{listingId}")).ExpectAsync(200);

    public static async Task<int> StockAsync(SoukApp app, long listingId) => (await ListingAsync(app, listingId))["stock"]!.GetValue<int>();

    public static async Task<JsonArray> ExpectArrayAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }
}
