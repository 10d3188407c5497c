using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Listings;

public sealed class ListingTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonArray> PublicListAsync(string query = "")
    {
        var page = await (await _app.CreateClient().GetAsync("/api/listings" + query)).ExpectAsync(200);
        return page["listings"]!.AsArray();
    }

    private static IEnumerable<long> Ids(JsonArray listings) => listings.Select(l => l!["id"]!.GetValue<long>());

    [Fact]
    public async Task EditsOfOneListingAtOnce_OneWins_AndALoserIsToldTheListingChanged_NotAnOrder()
    {
        var (seller, _, id) = await Shop.SellerWithListingAsync(_app);
        var answers = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            seller.PutAsJsonAsync($"/api/listings/{id}", Shop.ListingBody(price: 1_000 + i, title: $"Teapot {i}"))));

        var won = answers.Where(a => a.IsSuccessStatusCode).ToList();
        Assert.NotEmpty(won);
        // SQLite serializes the edits (each wins in turn); PostgreSQL lets them race and the losers get a 409.
        foreach (var lost in answers.Where(a => !a.IsSuccessStatusCode))
            await lost.ExpectProblemAsync(409, "listing.changed-concurrently");
        // What the listing now says is one of the winners' edits, whole (title and price from the same body).
        var shown = await Shop.ListingAsync(_app, id);
        var title = shown["title"]!.GetValue<string>();
        Assert.Equal(1_000 + int.Parse(title["Teapot ".Length..]), shown["price"]!.GetValue<long>());
    }

    [Fact]
    public async Task Seller_CreatesEditsDelistsAndRelists_AndThePublicSeesEachStep()
    {
        var (seller, storeId, id) = await Shop.SellerWithListingAsync(_app, handlingDays: 7, price: 2_499);

        var shown = await Shop.ListingAsync(_app, id);
        Assert.Equal(("Brass teapot", 2_499L, "USD", 100), (shown["title"]!.GetValue<string>(), shown["price"]!.GetValue<long>(),
            shown["currency"]!.GetValue<string>(), shown["stock"]!.GetValue<int>()));
        Assert.Equal((7, "Ships within 7 days"), (shown["handlingDays"]!.GetValue<int>(), shown["shipsWithin"]!.GetValue<string>()));
        Assert.Equal((storeId, "Test store"), (shown["storeId"]!.GetValue<long>(), shown["storeName"]!.GetValue<string>()));
        Assert.Equal([Shop.StandardMethod, Shop.ExpressMethod], shown["shippingOptions"]!.AsArray().Select(o => o!["code"]!.GetValue<string>()));
        Assert.Contains(id, Ids(await PublicListAsync()));

        var edited = await (await seller.PutAsJsonAsync($"/api/listings/{id}", Shop.ListingBody(handlingDays: 1, price: 1_999, stock: 5, title: "Copper teapot")))
            .ExpectAsync(200);
        Assert.Equal(("Copper teapot", 1_999L, 5, "Ships within 1 day"), (edited["title"]!.GetValue<string>(), edited["price"]!.GetValue<long>(),
            edited["stock"]!.GetValue<int>(), edited["shipsWithin"]!.GetValue<string>()));

        var delisted = await (await seller.PostAsync($"/api/listings/{id}/delist", null)).ExpectAsync(200);
        Assert.False(delisted["isListed"]!.GetValue<bool>());
        Assert.DoesNotContain(id, Ids(await PublicListAsync()));
        var direct = await Shop.ListingAsync(_app, id);
        Assert.False(direct["isListed"]!.GetValue<bool>());
        Assert.False(direct["buyable"]!.GetValue<bool>());
        var mine = await (await seller.GetAsync("/api/stores/mine/listings")).ExpectAsync(200);
        Assert.Contains(id, Ids(mine["listings"]!.AsArray()));

        await (await seller.PostAsync($"/api/listings/{id}/relist", null)).ExpectAsync(200);
        Assert.Contains(id, Ids(await PublicListAsync()));
    }

    [Fact]
    public async Task AnotherSeller_CannotTouchTheListing_Is404AndChangesNothing()
    {
        var (_, _, id) = await Shop.SellerWithListingAsync(_app, price: 1_000);
        var (other, _, _) = await Shop.SellerWithListingAsync(_app);

        await (await other.PutAsJsonAsync($"/api/listings/{id}", Shop.ListingBody(price: 1))).ExpectProblemAsync(404, "listing.not-found");
        await (await other.PostAsync($"/api/listings/{id}/delist", null)).ExpectProblemAsync(404, "listing.not-found");

        var listing = await Shop.ListingAsync(_app, id);
        Assert.Equal(1_000, listing["price"]!.GetValue<long>());
        Assert.True(listing["isListed"]!.GetValue<bool>());
        var othersListings = await (await other.GetAsync("/api/stores/mine/listings")).ExpectAsync(200);
        Assert.DoesNotContain(id, Ids(othersListings["listings"]!.AsArray()));
    }

    [Fact]
    public async Task Listings_AreCreatedBySellers_BuyersGet403AndAnonymous401()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.PostAsJsonAsync("/api/listings", Shop.ListingBody())).ExpectAsync(403);
        await (await _app.CreateClient().PostAsJsonAsync("/api/listings", Shop.ListingBody())).ExpectAsync(401);
        Assert.Empty(await PublicListAsync());
    }

    [Fact]
    public async Task CreateListing_WithoutAStore_Is409ListingNoStore()
    {
        var seller = await _app.SignUpAsync("seller");
        await (await seller.PostAsJsonAsync("/api/listings", Shop.ListingBody())).ExpectProblemAsync(409, "listing.no-store");
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { """{"price":100,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "request.field-required", "title" },
        { """{"title":"T","currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "request.field-required", "price" },
        { """{"title":"T","price":-5,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "listing.price-invalid", "price" },
        { """{"title":"T","price":9223372036854775807,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "listing.price-invalid", "price" },
        { """{"title":"T","price":100,"currency":"dollars","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "listing.currency-invalid", "currency" },
        { """{"title":"T","price":100,"currency":"USD","stock":-1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "listing.stock-invalid", "stock" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":0,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "listing.handling-days-out-of-range", "handlingDays" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":31,"shippingOptions":[{"code":"s","name":"S","price":0}]}""", "listing.handling-days-out-of-range", "handlingDays" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":3}""", "request.field-required", "shippingOptions" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[null]}""", "listing.shipping-invalid", "shippingOptions" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S"}]}""", "request.field-required", "shippingOptions[0].price" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0},{"code":" s ","name":"S2","price":0}]}""", "listing.shipping-duplicate", "shippingOptions" },
        { """{"title":"T","price":100,"currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[{"code":"s","name":"S","price":0,"deliveryDays":0}]}""", "listing.delivery-days-out-of-range", "shippingOptions" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task CreateListing_WithABadBody_Is400NamingTheFieldAndCreatesNothing(string json, string code, string field)
    {
        var (seller, _, _) = await Shop.SellerWithListingAsync(_app);
        var response = await seller.PostAsync("/api/listings", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.ExpectProblemAsync(400, code);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Single(await PublicListAsync());
    }

    [Theory]
    [InlineData("""{"title":"T","price":"cheap","currency":"USD","stock":1,"handlingDays":3,"shippingOptions":[]}""")]
    [InlineData("""{"title":"T","price":100,"currency":"USD","stock":99999999999,"handlingDays":3,"shippingOptions":[]}""")]
    [InlineData("""{"title":"T","price":1.5}""")]
    [InlineData("""not json""")]
    public async Task CreateListing_WithAMalformedBody_Is400AndCreatesNothing(string json)
    {
        var (seller, _, _) = await Shop.SellerWithListingAsync(_app);
        var response = await seller.PostAsync("/api/listings", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.ExpectAsync(400);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(await PublicListAsync());
    }

    [Fact]
    public async Task CreateListing_WithAHugeTitle_Is400()
    {
        var (seller, _, _) = await Shop.SellerWithListingAsync(_app);
        await (await seller.PostAsJsonAsync("/api/listings", Shop.ListingBody(title: new string('x', 100_000))))
            .ExpectProblemAsync(400, "listing.title-invalid");
    }

    [Fact]
    public async Task EditListing_ToAnotherCurrency_Is400AndKeepsTheListing()
    {
        var (seller, _, id) = await Shop.SellerWithListingAsync(_app, currency: "USD", price: 1_000);
        await (await seller.PutAsJsonAsync($"/api/listings/{id}", Shop.ListingBody(currency: "EUR", price: 5))).ExpectProblemAsync(400, "listing.currency-fixed");
        var listing = await Shop.ListingAsync(_app, id);
        Assert.Equal((1_000L, "USD"), (listing["price"]!.GetValue<long>(), listing["currency"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PublicList_PagesNewestFirst_AndFiltersByStoreAndTitle()
    {
        var (seller, storeId, first) = await Shop.SellerWithListingAsync(_app, title: "Brass teapot");
        var second = await Shop.AddListingAsync(seller, title: "Copper kettle");
        var third = await Shop.AddListingAsync(seller, title: "50% off TEAPOT stand");
        var (_, otherStore, otherListing) = await Shop.SellerWithListingAsync(_app, title: "Glass teapot");

        var page1 = await (await _app.CreateClient().GetAsync("/api/listings?limit=3")).ExpectAsync(200);
        Assert.Equal([otherListing, third, second], Ids(page1["listings"]!.AsArray()));
        var cursor = page1["nextCursor"]!.GetValue<string>();
        var page2 = await (await _app.CreateClient().GetAsync($"/api/listings?limit=3&cursor={cursor}")).ExpectAsync(200);
        Assert.Equal([first], Ids(page2["listings"]!.AsArray()));
        Assert.Null(page2["nextCursor"]);

        Assert.Equal([third, first], Ids(await PublicListAsync($"?storeId={storeId}&q=teapot")));
        Assert.Equal([otherListing], Ids(await PublicListAsync($"?storeId={otherStore}")));
        Assert.Equal([third], Ids(await PublicListAsync("?q=50%25")));
        Assert.Empty(await PublicListAsync("?q=_"));
    }

    [Theory]
    [InlineData("?cursor=abc", "listings.bad-cursor")]
    [InlineData("?cursor=-4", "listings.bad-cursor")]
    [InlineData("?limit=0", "listings.bad-limit")]
    [InlineData("?limit=1000", "listings.bad-limit")]
    public async Task PublicList_WithABadPagingParameter_Is400(string query, string code)
    {
        await (await _app.CreateClient().GetAsync("/api/listings" + query)).ExpectProblemAsync(400, code);
    }

    [Fact]
    public async Task PublicList_WithAHugeQuery_Is400_AndAnUnknownListingIs404()
    {
        await (await _app.CreateClient().GetAsync("/api/listings?q=" + new string('a', 500))).ExpectProblemAsync(400, "listings.bad-query");
        await (await _app.CreateClient().GetAsync("/api/listings/123456")).ExpectProblemAsync(404, "listing.not-found");
    }
}
