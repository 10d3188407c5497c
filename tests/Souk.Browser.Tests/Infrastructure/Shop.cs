using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Souk.Browser.Tests.Infrastructure;

/// <summary>Arranging a shop and orders through the JSON API, so each browser test starts where its flow starts.</summary>
public static class Shop
{
    public static async Task<JsonObject> ReadAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>A seller with a store and one listing (handling 3 days); returns the seller's API client and the listing.</summary>
    public static async Task<(HttpClient Seller, string Email, long StoreId, long ListingId)> SellerWithListingAsync(SoukSite site,
        string title = "Brass teapot", string storeName = "Bazaar of Brass")
    {
        var (seller, email) = await site.SignUpAsync("seller");
        var store = await (await seller.PostAsJsonAsync("/api/stores", new { name = storeName })).ReadAsync();
        var listing = await (await seller.PostAsJsonAsync("/api/listings", new
        {
            title, price = 1_250, currency = "USD", stock = 50, handlingDays = 3,
            shippingOptions = new object[] { new { code = "standard", name = "Standard post", price = 200, deliveryDays = 20 } },
        })).ReadAsync();
        return (seller, email, store["id"]!.GetValue<long>(), listing["id"]!.GetValue<long>());
    }

    /// <summary>The buyer orders one of the listing (address, cart, checkout); returns the order id.</summary>
    public static async Task<long> PlaceOrderAsync(HttpClient buyer, long listingId)
    {
        var addresses = JsonNode.Parse(await buyer.GetStringAsync("/api/me/addresses"))!.AsArray();
        var addressId = addresses.Count > 0
            ? addresses[0]!["id"]!.GetValue<long>()
            : (await (await buyer.PostAsJsonAsync("/api/me/addresses", new
            {
                name = "Ada Buyer", line1 = "1 Market Street", city = "Springfield", postalCode = "12345", country = "US",
            })).ReadAsync())["id"]!.GetValue<long>();
        await (await buyer.PostAsJsonAsync("/api/cart/items", new { listingId, quantity = 1 })).ReadAsync();
        var cart = JsonNode.Parse(await buyer.GetStringAsync("/api/cart"))!;
        var shipping = cart["stores"]!.AsArray().Select(s => new { storeId = s!["storeId"]!.GetValue<long>(), method = "standard" }).ToList();
        var placed = await (await buyer.PostAsJsonAsync("/api/checkout", new { addressId, shipping })).ReadAsync();
        return placed["orders"]![0]!["id"]!.GetValue<long>();
    }

    public static async Task PayAsync(HttpClient buyer, long orderId) =>
        await (await buyer.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { method = "Card", account = "4242 4242 4242 4242" })).ReadAsync();
}
