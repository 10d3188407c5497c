using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Security;

/// <summary>
/// What the hostile-input fuzzer (tests/Souk.Reliability.Tests/Fuzzing, issue 7 figure 6) found, kept fixed:
/// refusals made before any handler runs carry a code like every other refusal, a broken multipart upload and text with a NUL
/// character (PostgreSQL cannot store it) are 400s and not 500s — in a JSON body and in a page's form —, and the OpenAPI document describes each endpoint's own body rather than one shared "Body" schema.
/// </summary>
public sealed class FuzzFindingsTests : IClassFixture<FuzzFindingsTests.App>
{
    public sealed class App : IDisposable
    {
        public SoukApp Souk { get; } = new();
        public void Dispose() => Souk.Dispose();
    }

    private readonly SoukApp _app;

    public FuzzFindingsTests(App app) => _app = app.Souk;

    /// <summary>The pages' forms, like the API's bodies: a NUL in a field (PostgreSQL cannot store one) never reaches the
    /// database — the form reader cannot read such a form, so the antiforgery check refuses it with a 400 problem — and
    /// nothing is stored.</summary>
    [Fact]
    public async Task AFormFieldWithANulCharacter_IsRefused_AndNothingIsStored()
    {
        var email = $"buyer-{Guid.NewGuid():N}@test.souk";
        var api = await _app.SignUpAsync("buyer", email);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var signedIn = await PostFormAsync(browser, "/account/sign-in", new() { ["Email"] = email, ["Password"] = SoukApp.Password });
        Assert.Equal("/orders", signedIn.Headers.Location?.OriginalString);
        var fields = new Dictionary<string, string>
        {
            ["name"] = "Ada", ["line1"] = "1 Main Street", ["city"] = "Tunis", ["postalCode"] = "1000", ["country"] = "TN",
        };

        await (await PostFormAsync(browser, "/account/addresses", new(fields) { ["line1"] = "1 Main\0 Street" })).ExpectProblemAsync(400, "request.refused");
        Assert.Empty(await (await api.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
        // The same form without the NUL is taken: the refusal was the NUL's, not the way the test posts.
        Assert.Equal(302, (int)(await PostFormAsync(browser, "/account/addresses", fields)).StatusCode);
        Assert.Single(await (await api.GetAsync("/api/me/addresses")).ExpectArrayAsync(200));
    }

    /// <summary>Posts a page's form as a browser would: with the antiforgery token the page's GET put in it.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var form = await browser.GetStringAsync(path);
        fields["__RequestVerificationToken"] = Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Mass assignment: a call that succeeds takes only its own fields. Pay charges the order's total whatever amount the
    /// body names, and fields the API never reads (`status`, `buyerId`, `version`, `outcome`) change nothing.
    /// </summary>
    [Fact]
    public async Task ASuccessfulCall_IgnoresSmuggledFields_PayChargesTheOrdersTotal()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var before = await (await buyer.GetAsync($"/api/orders/{id}")).ExpectAsync(200);
        var total = before["total"]!.GetValue<long>();

        var paid = await (await buyer.PostAsJsonAsync($"/api/orders/{id}/pay", new
        {
            method = "Card", account = "4242 4242 4242 4242",
            amountMinor = 1, amount = 1, totalMinor = 1, status = "Completed", state = "Completed", outcome = "Received",
            buyerId = "someone-else", storeId = 999_999, version = 99, moneyState = "Refunded",
        })).ExpectAsync(200);
        Assert.Equal(total, paid["payment"]!["amount"]!.GetValue<long>());
        Assert.Equal("PaymentReview", paid["state"]!.GetValue<string>());
        Assert.Equal("Held", paid["moneyState"]!.GetValue<string>());
        Assert.Equal(before["buyerId"]!.GetValue<string>(), paid["buyerId"]!.GetValue<string>());
        Assert.Equal(before["storeId"]!.GetValue<long>(), paid["storeId"]!.GetValue<long>());
        Assert.Null(paid["outcome"]?.GetValue<string>());

        // The seller's ship with a smuggled state neither completes the order nor touches the money.
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        var shipped = await (await seller.PostAsJsonAsync($"/api/orders/{id}/ship", new
        {
            carrier = "Poste", trackingNumber = "RR1", state = "Completed", outcome = "Received", moneyState = "ReleasedToSeller", version = 0,
        })).ExpectAsync(200);
        Assert.Equal("Shipped", shipped["state"]!.GetValue<string>());
        Assert.Equal("Held", shipped["moneyState"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoSignIn_IsA401ProblemWithItsCode()
    {
        await (await _app.CreateClient().GetAsync("/api/cart")).ExpectProblemAsync(401, "auth.required");
    }

    [Fact]
    public async Task AnotherRolesRoute_IsA403ProblemWithItsCode()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var refused = await (await buyer.GetAsync("/api/admin/blocked-buyers")).ExpectProblemAsync(403, "auth.forbidden");
        Assert.False(string.IsNullOrWhiteSpace(refused["detail"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/orders/abc")]
    [InlineData("/api/orders/9223372036854775808")]
    [InlineData("/api/no-such-thing")]
    public async Task NoSuchRoute_OrAnIdThatIsNotANumber_IsA404ProblemWithItsCode(string path)
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.GetAsync(path)).ExpectProblemAsync(404, "request.not-found");
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsA415ProblemWithItsCode()
    {
        var buyer = await _app.SignUpAsync("buyer");
        var body = new StringContent("status=Refunded&amountMinor=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        await (await buyer.PostAsync("/api/cart/items", body)).ExpectProblemAsync(415, "request.unsupported-media-type");
    }

    [Fact]
    public async Task TheWrongMethod_IsA405ProblemWithItsCode()
    {
        var buyer = await _app.SignUpAsync("buyer");
        await (await buyer.DeleteAsync("/api/checkout")).ExpectProblemAsync(405, "request.method-not-allowed");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\u0089PNG")]
    public async Task AnEvidenceUploadWhoseMultipartBodyIsBroken_IsA400ProblemNotA500(string body)
    {
        var buyer = await _app.SignUpAsync("buyer");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
        await (await buyer.PostAsync("/api/orders/1/dispute/evidence", content)).ExpectProblemAsync(400, "request.malformed");
    }

    [Fact]
    public async Task TextWithANulCharacter_IsA400NamingTheField_AndNothingChanges()
    {
        var seller = await _app.SignUpAsync("seller");
        await Shop.OpenStoreAsync(seller, "Nul-free store");
        var body = new StringContent("{\"name\":\"\\u0000hello\"}", Encoding.UTF8, "application/json");
        var refused = await (await seller.PutAsync("/api/stores/mine", body)).ExpectProblemAsync(400, "request.malformed-body");
        Assert.True(refused["errors"]!.AsObject().ContainsKey("name"));
        Assert.Equal("Nul-free store", (await (await seller.GetAsync("/api/stores/mine")).ExpectAsync(200))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_EachEndpointsBodyIsItsOwnSchema()
    {
        var doc = await (await _app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(200);
        JsonObject BodyOf(string path, string method)
        {
            var schema = doc["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
            var reference = schema["$ref"]!.GetValue<string>();
            return doc["components"]!["schemas"]![reference.Split('/').Last()]!["properties"]!.AsObject();
        }

        Assert.True(BodyOf("/api/webhooks", "post").ContainsKey("url"));
        Assert.True(BodyOf("/api/coupons", "post").ContainsKey("code"));
        Assert.True(BodyOf("/api/checkout", "post").ContainsKey("addressId"));
        Assert.True(BodyOf("/api/orders/{id}/messages", "post").ContainsKey("text"));
        Assert.True(BodyOf("/api/orders/{id}/pay", "post").ContainsKey("method"));
        Assert.True(BodyOf("/api/orders/{id}/cancel", "post").ContainsKey("reason"));
        Assert.False(BodyOf("/api/webhooks", "post").ContainsKey("addressId"));
    }
}
