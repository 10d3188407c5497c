using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Security;

/// <summary>
/// The access-control matrix of <c>docs/security.md</c> (issue 7, item 7; OWASP API1/API3/API5): every endpoint × every
/// role answers the status the table says, a refused call changes nothing, no other tenant's object is reachable, and
/// every endpoint of the running app has a row. One world per class (<see cref="AccessMatrixWorld"/>); write rows that
/// name an object get a fresh one, so an allowed call cannot make a later row differ.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixWorld world) : IClassFixture<AccessMatrixWorld>
{
    [Fact]
    public async Task EveryCell_AnswersAsTheTableSays_AndARefusedCallChangesNothing()
    {
        var failures = new List<string>();
        foreach (var row in MatrixTable.Load())
            failures.AddRange(await world.RunRowAsync(row));
        Assert.True(failures.Count == 0, $"{failures.Count} cell(s) differ from docs/security.md:{Environment.NewLine}" + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void EveryApiEndpoint_HasARow_AndEveryRowAnEndpoint()
    {
        var mapped = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {MatrixTable.Shape(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var rows = MatrixTable.Load().Select(r => $"{r.Method} {MatrixTable.Shape(r.Path)}").ToList();

        var duplicated = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = mapped.Except(rows).Order().ToList();
        var unknown = rows.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0 && unknown.Count == 0 && duplicated.Count == 0,
            $"Endpoints without a row in docs/security.md: {string.Join(", ", missing)}{Environment.NewLine}" +
            $"Rows naming no endpoint: {string.Join(", ", unknown)}{Environment.NewLine}Rows given twice: {string.Join(", ", duplicated)}");
        Assert.True(rows.Count > 90, $"only {rows.Count} rows");
    }

    /// <summary>The table itself cannot grant another tenant's object, or anything but public routes to anonymous callers.</summary>
    [Fact]
    public void TheTable_GrantsNoCrossTenantAccess_AndAnonymousOnlyThePublicRoutes()
    {
        string[] publicRoutes =
        [
            "POST /api/auth/register", "POST /api/auth/login", "GET /api/dev/clock", "POST /api/dev/clock", "GET /api/policy",
            "GET /api/cancellation-reasons", "GET /api/listings", "GET /api/listings/{listingA}", "GET /api/stores/{storeA}",
        ];
        string[] tenantObjects = ["{orderA}", "{addressA}", "{couponA}", "{webhookA}", "{deliveryA}", "{evidenceA}"];
        var problems = new List<string>();
        foreach (var row in MatrixTable.Load())
        {
            var name = $"{row.Method} {row.Path}";
            if (row.Cells["anonymous"].Status is >= 200 and < 300 && !publicRoutes.Contains(name))
                problems.Add($"{name}: anonymous is granted {row.Cells["anonymous"].Status}");
            var theirs = tenantObjects.Any(row.Path.Contains) || (row.Path.StartsWith("/api/listings/{listingA}", StringComparison.Ordinal) && row.Method != "GET");
            foreach (var other in new[] { "buyer B", "seller B" })
                if (theirs && row.Cells[other].Status is >= 200 and < 300)
                    problems.Add($"{name}: {other} is granted {row.Cells[other].Status} on someone else's object");
            if (row.Path.StartsWith("/api/admin", StringComparison.Ordinal))
                foreach (var role in MatrixTable.Roles.Where(r => r != "admin"))
                    if (row.Cells[role].Status is >= 200 and < 300)
                        problems.Add($"{name}: {role} is granted an admin route");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

/// <summary>The table of docs/security.md, read from the repository.</summary>
public static class MatrixTable
{
    public static readonly string[] Roles = ["anonymous", "buyer A", "buyer B", "seller A", "seller B", "admin"];

    public sealed record Cell(int Status, string Text);

    public sealed record Row(string Method, string Path, IReadOnlyDictionary<string, Cell> Cells, int Line);

    /// <summary>A route with its parameter names and constraints dropped: /api/orders/{id:long} and /api/orders/{orderA} are one shape.</summary>
    public static string Shape(string route) => Regex.Replace(route, @"\{[^}]*\}", "{}").TrimEnd('/');

    public static IReadOnlyList<Row> Load()
    {
        var path = FindDoc();
        var lines = File.ReadAllLines(path);
        var header = Array.FindIndex(lines, l => Split(l) is ["method", "path", ..]);
        Assert.True(header >= 0, $"{path} has no table starting with | method | path |");
        var columns = Split(lines[header]);
        Assert.Equal(["method", "path", .. Roles], columns);
        var rows = new List<Row>();
        for (var i = header + 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
        {
            var cells = Split(lines[i]);
            Assert.True(cells.Count == columns.Count, $"docs/security.md line {i + 1} has {cells.Count} cells, not {columns.Count}");
            var byRole = new Dictionary<string, Cell>();
            for (var c = 0; c < Roles.Length; c++)
            {
                var text = cells[c + 2];
                var match = Regex.Match(text, @"^(\d{3})\b");
                Assert.True(match.Success, $"docs/security.md line {i + 1}, {Roles[c]}: \"{text}\" is not a status");
                byRole[Roles[c]] = new Cell(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), text);
            }
            rows.Add(new Row(cells[0].ToUpperInvariant(), cells[1], byRole, i + 1));
        }
        return rows;
    }

    private static List<string> Split(string line) =>
        line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var doc = Path.Combine(dir.FullName, "docs", "security.md");
            if (File.Exists(doc)) return doc;
        }
        throw new FileNotFoundException("docs/security.md not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// The world the matrix runs in, arranged once through the real API: buyers A and B, sellers A and B with a store and a
/// listing each, a third store C (the admin's investigation rows), an admin; buyer A's address and order A in store A —
/// paid, shipped, disputed with an evidence file and a message, rejected and escalated; store A's coupon and webhook
/// endpoint with a delivery. Payment reviews answer at once and disputes may open right after shipping, so fresh orders
/// reach any state without moving the clock.
/// </summary>
public sealed class AccessMatrixWorld : IAsyncLifetime
{
    public static readonly byte[] Png = TestImages.Png();
    private const string HookUrl = "http://127.0.0.1:9/hook";
    private const string LoginEmail = "matrix-login@test.souk";

    public SoukApp App { get; } = new(settings: new Dictionary<string, string?>
    {
        ["Souk:Sandbox:ReviewDelay"] = "00:00:00",
        ["Souk:Policy:DisputeOpensAfterShipment"] = "00:00:00",
        ["Souk:Policy:InstantCancelWindow"] = "00:00:00",
        ["Souk:Policy:MaxUnpaidOrders"] = "100000",
        ["Souk:Webhooks:MaxEndpoints"] = "1000",
    });

    private readonly Dictionary<string, HttpClient> _as = new();
    private readonly Dictionary<string, string> _ids = new();
    private int _unique;

    private HttpClient BuyerA => _as["buyer A"];
    private HttpClient SellerA => _as["seller A"];
    private HttpClient Admin => _as["admin"];

    public async Task InitializeAsync()
    {
        _as["anonymous"] = App.CreateClient();
        _as["buyer A"] = await App.SignUpAsync("buyer");
        _as["buyer B"] = await App.SignUpAsync("buyer");
        var (sellerA, storeA, listingA) = await Shop.SellerWithListingAsync(App, stock: 100_000, title: "Store A teapot");
        var (sellerB, storeB, listingB) = await Shop.SellerWithListingAsync(App, stock: 100_000, title: "Store B teapot");
        var (_, storeC, _) = await Shop.SellerWithListingAsync(App, title: "Store C teapot");
        _as["seller A"] = sellerA;
        _as["seller B"] = sellerB;
        _as["admin"] = await App.AdminAsync();
        (await App.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = LoginEmail, password = SoukApp.Password, role = "buyer" })).EnsureSuccessStatusCode();

        _ids["storeA"] = $"{storeA}";
        _ids["storeB"] = $"{storeB}";
        _ids["storeC"] = $"{storeC}";
        _ids["listingA"] = $"{listingA}";
        _ids["listingB"] = $"{listingB}";
        _ids["buyerA"] = (await BuyerA.GetFromJsonAsync<JsonObject>("/api/me"))!["id"]!.GetValue<string>();
        _ids["addressA"] = $"{await Shop.AddAddressAsync(BuyerA)}";
        await Shop.AddAddressAsync(_as["buyer B"], "Bo Buyer");
        _ids["couponA"] = await NewCouponAsync();
        _ids["webhookA"] = await NewWebhookAsync();

        var order = await NewOrderAsync(OrderState.Disputed);
        var evidence = await (await UploadAsync(BuyerA, order)).ExpectAsync(201);
        await (await BuyerA.PostAsJsonAsync($"/api/orders/{order}/messages", new { text = "Where is the lid?" })).ExpectAsync(201);
        await SellerA.ActOk(long.Parse(order), "dispute/reject", new { message = "It was there" });
        await BuyerA.ActOk(long.Parse(order), "dispute/escalate");
        _ids["orderA"] = order;
        _ids["evidenceA"] = evidence["id"]!.ToString();

        var deliveries = await (await SellerA.GetAsync($"/api/webhooks/{_ids["webhookA"]}/deliveries")).ExpectAsync(200);
        _ids["deliveryA"] = deliveries["items"]!.AsArray()[0]!["id"]!.ToString();
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    public enum OrderState { Placed, Paid, Shipped, Disputed }

    /// <summary>The state a fresh order is brought to for a write row: one where the owner's action can happen where it can.</summary>
    public static OrderState OrderStateFor(string action) => action switch
    {
        "cancellation-request" or "cancellation-request/approve" or "cancellation-request/refuse" or "handling-extension-request"
            or "handling-extension-request/accept" or "handling-extension-request/decline" or "extend-handling" or "ship" or "refunds"
            or "refunds/report-missing" or "refunds/resolve" => OrderState.Paid,
        "tracking-events" or "confirm-receipt" or "dispute" or "protection-extension-request" or "protection-extension-request/accept"
            or "protection-extension-request/decline" => OrderState.Shipped,
        _ when action.StartsWith("dispute/", StringComparison.Ordinal) => OrderState.Disputed,
        _ => OrderState.Placed,
    };

    private async Task<string> NewOrderAsync(OrderState state)
    {
        var id = await Shop.PlaceOrderAsync(App, BuyerA, long.Parse(_ids["listingA"]));
        if (state >= OrderState.Paid)
        {
            await BuyerA.Pay(id);
            Assert.Equal("AwaitingShipment", (await BuyerA.Order(id)).State());
        }
        if (state >= OrderState.Shipped) await SellerA.ActOk(id, "ship", new { carrier = "Poste", trackingNumber = "RR1" });
        if (state >= OrderState.Disputed)
            await BuyerA.ActOk(id, "dispute", new { reason = "NotAsDescribed", comment = "The teapot is plastic", amountMinor = 300, withReturn = false });
        return $"{id}";
    }

    private async Task<string> NewCouponAsync()
    {
        var coupon = await (await SellerA.PostAsJsonAsync("/api/coupons", CouponBody($"MATRIX{Interlocked.Increment(ref _unique)}"))).ExpectAsync(201);
        return coupon["id"]!.ToString();
    }

    private async Task<string> NewWebhookAsync()
    {
        var hook = await (await SellerA.PostAsJsonAsync("/api/webhooks", new { url = HookUrl, events = new[] { "*" } })).ExpectAsync(201);
        return hook["id"]!.ToString();
    }

    private static object CouponBody(string? code) => new
    {
        code, kind = "Percent", value = 10, currency = "USD", minOrderMinor = 0,
        validFrom = SoukApp.Start.AddDays(-1), validUntil = SoukApp.Start.AddDays(60), usageLimit = 100,
    };

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string orderId)
    {
        var content = new ByteArrayContent(Png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return client.PostAsync($"/api/orders/{orderId}/dispute/evidence", new MultipartFormDataContent { { content, "file", "photo.png" } });
    }

    /// <summary>The fixed body of each row (made fresh per call where it must be unique), given the row's ids.</summary>
    private object? Body(string method, string path, IReadOnlyDictionary<string, string> ids)
    {
        var key = $"{method} {path}";
        var action = Regex.Match(path, @"^/api/orders/\{orderA\}/(.+)$") is { Success: true } m2 ? m2.Groups[1].Value : null;
        if (action is not null && method == "POST")
        {
            return action switch
            {
                "pay" => new { method = "Card", account = "4242 4242 4242 4242" },
                "cancel" => new { reason = "NoLongerNeeded" },
                "cancellation-request" => new { reason = "NoLongerNeeded", comment = "Found it cheaper" },
                "cancellation-request/approve" => new { sellerAtFault = false },
                "cancellation-request/refuse" => new { message = "Already packed" },
                "handling-extension-request" => new { days = 3, message = "Waiting for stock" },
                "extend-handling" => new { days = 3 },
                "ship" => new { carrier = "Poste", trackingNumber = "RR2" },
                "tracking-events" => new { description = "Left the depot", location = "Springfield" },
                "protection-extension-request" => new { days = 5, message = "Still not here" },
                "delete-permanently" => new { confirm = true },
                "refunds" => new { amountMinor = 100, note = "A scratch" },
                "refunds/report-missing" => new { refundId = 1, message = "Never arrived" },
                "refunds/resolve" => new { refundId = 1, resolution = "paid-confirmed", note = "Bank confirmed" },
                "dispute" => new { reason = "NotAsDescribed", comment = "Plastic, not brass", amountMinor = 300, withReturn = false },
                "dispute/propose" => new { amountMinor = 100, message = "Part of it back" },
                "dispute/reject" => new { message = "It is brass" },
                "dispute/rule" => new { amountMinor = 300, ruling = "Refund the buyer" },
                "dispute/return/ship" => new { trackingNumber = "RT1" },
                "messages" => new { text = "Hello" },
                _ => new { },
            };
        }
        return key switch
        {
            "POST /api/auth/register" => new { email = $"matrix-{Interlocked.Increment(ref _unique)}@test.souk", password = SoukApp.Password, role = "buyer" },
            "POST /api/auth/login" => new { email = LoginEmail, password = SoukApp.Password },
            "POST /api/dev/clock" => new { advance = "00:00:01" },
            "POST /api/me/addresses" => new { name = "Ann Other", line1 = "2 Side Street", city = "Springfield", postalCode = "12345", country = "US" },
            "POST /api/stores" => new { name = "A second store" },
            "PUT /api/stores/mine" => new { name = "Renamed store" },
            "POST /api/stores/{storeA}/complaints" => new { reason = "Other", text = "Rude answers" },
            "POST /api/stores/mine/investigation/evidence" => new { evidence = "Receipts attached" },
            "POST /api/listings" => Shop.ListingBody(title: "Matrix kettle"),
            "PUT /api/listings/{listingA}" => Shop.ListingBody(price: 1_200, stock: 100_000, title: "Store A teapot, new price"),
            "POST /api/cart/items" => new { listingId = long.Parse(ids["listingA"]), quantity = 1 },
            "PUT /api/cart/items/{listingA}" => new { quantity = 2 },
            "POST /api/checkout" => new
            {
                addressId = long.Parse(ids["addressA"]),
                shipping = new[] { new { storeId = long.Parse(ids["storeA"]), method = Shop.StandardMethod } },
            },
            "POST /api/admin/stores/{storeC}/investigation" => new { reason = "Counterfeits reported" },
            "POST /api/admin/stores/{storeC}/investigation/close" => new { outcome = "cleared", decision = "Nothing found" },
            "POST /api/coupons" => CouponBody($"MATRIX{Interlocked.Increment(ref _unique)}"),
            "PUT /api/coupons/{couponA}" => CouponBody(null),
            "POST /api/webhooks" => new { url = HookUrl, events = new[] { "*" } },
            "PUT /api/webhooks/{webhookA}" => new { url = HookUrl + "/v2", events = new[] { "order.shipped" } },
            _ => method is "GET" or "DELETE" ? null : new { },
        };
    }

    /// <summary>The ids of a row: the world's, with a fresh order, listing, coupon, webhook endpoint or address for a write row that names one.</summary>
    private async Task<Dictionary<string, string>> IdsForAsync(MatrixTable.Row row)
    {
        var ids = new Dictionary<string, string>(_ids);
        if (row.Method == "GET") return ids;
        if (row.Path.Contains("{orderA}") && Regex.Match(row.Path, @"^/api/orders/\{orderA\}/(.+)$") is { Success: true } m)
            ids["orderA"] = await NewOrderAsync(OrderStateFor(m.Groups[1].Value));
        if (row.Path.Contains("{listingA}"))
            ids["listingA"] = $"{await Shop.AddListingAsync(SellerA, stock: 100_000, title: "Fresh teapot")}";
        if (row.Path.StartsWith("/api/cart/items/", StringComparison.Ordinal))
            foreach (var buyer in new[] { "buyer A", "buyer B" }) await Shop.AddToCartAsync(_as[buyer], long.Parse(ids["listingA"]));
        if (row.Path == "/api/checkout")
            foreach (var buyer in new[] { "buyer A", "buyer B" }) await Shop.AddToCartAsync(_as[buyer], long.Parse(ids["listingA"]));
        if (row.Path.Contains("{couponA}")) ids["couponA"] = await NewCouponAsync();
        if (row.Path.Contains("{webhookA}") && !row.Path.Contains("{deliveryA}")) ids["webhookA"] = await NewWebhookAsync();
        if (row.Path.Contains("{addressA}")) ids["addressA"] = $"{await Shop.AddAddressAsync(BuyerA, "Fresh Address")}";
        return ids;
    }

    /// <summary>What a write row could change, as its owners read it: compared before and after every refused call.</summary>
    private IEnumerable<(string Who, string Url)> Targets(MatrixTable.Row row, IReadOnlyDictionary<string, string> ids)
    {
        if (row.Method == "GET") yield break;
        var p = row.Path;
        if (p.Contains("{orderA}"))
        {
            var o = ids["orderA"];
            yield return ("buyer A", $"/api/orders/{o}");
            yield return ("seller A", $"/api/orders/{o}/messages");
            yield return ("buyer A", $"/api/orders/{o}/dispute/evidence");
            yield return ("buyer A", "/api/cart");
        }
        if (p.Contains("{listingA}")) yield return ("anonymous", $"/api/listings/{ids["listingA"]}");
        if (p.Contains("{couponA}")) yield return ("seller A", "/api/coupons");
        if (p.Contains("{webhookA}")) yield return ("seller A", $"/api/webhooks/{ids["webhookA"]}");
        if (p.Contains("{deliveryA}")) yield return ("seller A", $"/api/webhooks/{ids["webhookA"]}/deliveries/{ids["deliveryA"]}");
        if (p.Contains("{addressA}") || p == "/api/checkout") yield return ("buyer A", "/api/me/addresses");
        if (p.StartsWith("/api/cart", StringComparison.Ordinal) || p == "/api/checkout")
        {
            yield return ("buyer A", "/api/cart");
            yield return ("buyer B", "/api/cart");
            yield return ("buyer B", "/api/orders");
        }
        if (p.Contains("{storeC}")) yield return ("admin", $"/api/admin/investigations");
        if (p.Contains("{storeA}")) yield return ("admin", $"/api/admin/complaints?storeId={ids["storeA"]}");
        if (p.Contains("{buyerA}")) yield return ("admin", "/api/admin/blocked-buyers");
        if (p.StartsWith("/api/stores", StringComparison.Ordinal) && !p.Contains('{'))
        {
            yield return ("anonymous", $"/api/stores/{ids["storeA"]}");
            yield return ("anonymous", $"/api/stores/{ids["storeB"]}");
        }
    }

    private async Task<string> SnapshotAsync(IReadOnlyList<(string Who, string Url)> targets)
    {
        var text = new StringBuilder();
        foreach (var (who, url) in targets)
        {
            var response = await _as[who].GetAsync(url);
            text.Append($"{who} GET {url} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n");
        }
        return text.ToString();
    }

    /// <summary>Runs every cell of a row: refused ones first (each checked to change nothing), then the allowed ones.</summary>
    public async Task<List<string>> RunRowAsync(MatrixTable.Row row)
    {
        var failures = new List<string>();
        var name = $"{row.Method} {row.Path} (docs/security.md line {row.Line})";
        Dictionary<string, string> ids;
        try { ids = await IdsForAsync(row); }
        catch (Exception e) { return [$"{name}: arranging the row failed: {e.Message}"]; }
        var path = Regex.Replace(row.Path, @"\{(\w+)\}", m => ids.TryGetValue(m.Groups[1].Value, out var id) ? id : m.Value);
        var targets = Targets(row, ids).ToList();
        var before = await SnapshotAsync(targets);

        var order = MatrixTable.Roles.OrderBy(r => row.Cells[r].Status is >= 200 and < 300 ? 1 : 0);
        foreach (var role in order)
        {
            var expected = row.Cells[role];
            var response = await SendAsync(_as[role], row.Method, path, Body(row.Method, row.Path, ids));
            var status = (int)response.StatusCode;
            if (status != expected.Status)
            {
                var body = await response.Content.ReadAsStringAsync();
                failures.Add($"{name} as {role}: expected {expected.Text}, got {status} {(body.Length > 300 ? body[..300] : body)}");
            }
            if (expected.Status is < 200 or >= 300 && targets.Count > 0)
            {
                var after = await SnapshotAsync(targets);
                if (after != before)
                {
                    failures.Add($"{name} as {role}: answered {status} but changed what its owner sees: {Difference(before, after)}");
                    before = after; // report each change once
                }
            }
        }
        return failures;
    }

    /// <summary>
    /// Issue 7, figure 5: the row's call, as the first role allowed to make it, on fresh objects, sent three times with
    /// one <c>Idempotency-Key</c>. The three answers must be identical (the second and third marked replayed) and what
    /// the owners see after the third must equal what they saw after the first: one effect.
    /// </summary>
    public async Task<List<string>> ReplayRowAsync(MatrixTable.Row row)
    {
        var name = $"{row.Method} {row.Path} (docs/security.md line {row.Line})";
        var role = MatrixTable.Roles.First(r => row.Cells[r].Status is >= 200 and < 300);
        Dictionary<string, string> ids;
        try { ids = await IdsForAsync(row); }
        catch (Exception e) { return [$"{name}: arranging the row failed: {e.Message}"]; }
        var path = Regex.Replace(row.Path, @"\{(\w+)\}", m => ids.TryGetValue(m.Groups[1].Value, out var id) ? id : m.Value);
        var targets = Targets(row, ids).ToList();
        var key = $"replay-{Guid.NewGuid():N}";
        // One body for the three calls (a body may hold something fresh, such as a new account's email).
        var body = Body(row.Method, row.Path, ids);
        var answers = new List<(int Status, string Body, bool Replayed)>();
        var seen = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await SendAsync(_as[role], row.Method, path, body, key);
            answers.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
                response.Headers.TryGetValues("Idempotency-Replayed", out var replayed) && replayed.Contains("true")));
            seen.Add(await SnapshotAsync(targets));
        }
        var failures = new List<string>();
        if (answers[0].Status is < 200 or >= 300) failures.Add($"{name} as {role}: the first call answered {answers[0].Status} {answers[0].Body}");
        if (answers.Skip(1).Any(a => a.Status != answers[0].Status || a.Body != answers[0].Body))
            failures.Add($"{name} as {role}: a replay answered differently: {string.Join(" | ", answers.Select(a => $"{a.Status} {(a.Body.Length > 120 ? a.Body[..120] : a.Body)}"))}");
        if (answers[0].Replayed || !answers[1].Replayed || !answers[2].Replayed)
            failures.Add($"{name} as {role}: Idempotency-Replayed was {string.Join(", ", answers.Select(a => a.Replayed))} (expected false, true, true)");
        if (seen[2] != seen[0]) failures.Add($"{name} as {role}: a replay changed what its owner sees: {Difference(seen[0], seen[2])}");
        return failures;
    }

    /// <summary>Where two snapshots first differ, with a little context on each side.</summary>
    private static string Difference(string before, string after)
    {
        var i = 0;
        while (i < before.Length && i < after.Length && before[i] == after[i]) i++;
        var from = Math.Max(0, i - 120);
        string Around(string s) => s.Substring(from, Math.Min(s.Length - from, 240)).ReplaceLineEndings(" ");
        return $"{Environment.NewLine}  before: …{Around(before)}…{Environment.NewLine}  after:  …{Around(after)}…";
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (path.EndsWith("/dispute/evidence", StringComparison.Ordinal) && method == "POST")
        {
            var content = new ByteArrayContent(Png);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            // A fixed boundary: a retry sends the same bytes, as a client retrying one request would.
            request.Content = new MultipartFormDataContent("souk-matrix-boundary") { { content, "file", "photo.png" } };
        }
        else if (body is not null) request.Content = JsonContent.Create(body, options: SoukApp.Json);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}
