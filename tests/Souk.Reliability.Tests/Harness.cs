using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Reliability.Tests;

/// <summary>What every figure that runs Souk as a process shares: its settings, an address, moving the clock, and
/// reading every order without firing anything.</summary>
public static class Harness
{
    /// <summary>Souk on <paramref name="database"/> with the dev clock, no webhooks or demo data, no rate limit in the
    /// way, an admin; <paramref name="extra"/> adds or overrides (the sweeper's pace, policy windows).</summary>
    public static Dictionary<string, string> Settings(string database, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Souk:Database:Provider"] = TestDatabase.Provider,
            ["ConnectionStrings:Souk"] = TestDatabase.ConnectionString(database),
            ["Souk:DevClock:Enabled"] = "true",
            ["Souk:Webhooks:Enabled"] = "false",
            ["Souk:SeedDemoData"] = "false",
            ["Souk:Policy:CreatingCallsPerMinute"] = "100000000",
            ["Souk:Admins:0:Email"] = AdminEmail,
            ["Souk:Admins:0:Password"] = SoukApp.Password,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    public const string AdminEmail = "admin@test.souk";

    public static async Task<long> AddAddressAsync(HttpClient buyer) =>
        (await (await buyer.PostAsJsonAsync("/api/me/addresses",
            new { name = "Ada", line1 = "1 Main St", city = "Tunis", postalCode = "1000", country = "TN" })).ExpectAsync(201))["id"]!.GetValue<long>();

    /// <summary>Moves Souk's clock; <paramref name="sweep"/> false leaves what falls due to the background sweeper.</summary>
    public static async Task AdvanceAsync(SoukProcess souk, TimeSpan by, bool sweep = true) =>
        await (await souk.Client().PostAsJsonAsync("/api/dev/clock", new { advance = by.ToString("c"), sweep })).ExpectAsync(200);

    public static async Task<DateTimeOffset> NowAsync(SoukProcess souk) =>
        (await (await souk.Client().GetAsync("/api/dev/clock")).ExpectAsync(200))["now"]!.GetValue<DateTimeOffset>();

    /// <summary>Every order as the admin's list shows it — a list read fires no deadline, unlike reading one order.</summary>
    public static async Task<List<JsonObject>> AllOrdersAsync(HttpClient admin)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/orders?tab=all&limit=100{(cursor is null ? "" : "&cursor=" + cursor)}")).ExpectAsync(200);
            all.AddRange(page["orders"]!.AsArray().Select(o => o!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Waits (up to <paramref name="patience"/>) until no order has a deadline due by <paramref name="now"/>;
    /// returns the ids still due then.</summary>
    public static async Task<List<long>> StillDueAsync(HttpClient admin, DateTimeOffset now, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var rows = await AllOrdersAsync(admin);
            // A row without the field would make "nothing due" hold trivially: every row must carry it (null when none).
            if (rows.FirstOrDefault(o => !o.ContainsKey("nextDeadline")) is { } bare)
                throw new InvalidOperationException($"an order row has no nextDeadline: {bare.ToJsonString()}");
            var due = rows.Where(o => o["nextDeadline"]?["at"]?.GetValue<DateTimeOffset>() is { } at && at <= now)
                .Select(o => o["id"]!.GetValue<long>()).ToList();
            if (due.Count == 0 || DateTime.UtcNow > until) return due;
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Stock as an invariant next to the ledger: a listing's stock is what it was listed with minus the quantities of the
    /// orders that keep it (still open, received, or shipped), never negative — an order that ended without shipping gave
    /// its quantity back exactly once. Reads the listing as the public does.
    /// </summary>
    public static async Task<List<string>> StockViolationsAsync(HttpClient client, long listingId, int listed, IEnumerable<JsonObject> orders)
    {
        var kept = 0;
        foreach (var order in orders)
        {
            var keeps = order["state"]!.GetValue<string>() != "Completed" || order["outcome"]?.GetValue<string>() == "Received" || order["shippedAt"] is not null;
            if (!keeps) continue;
            kept += order["lines"]!.AsArray().Where(l => l!["listingId"]!.GetValue<long>() == listingId).Sum(l => l!["quantity"]!.GetValue<int>());
        }
        var stock = (await (await client.GetAsync($"/api/listings/{listingId}")).ExpectAsync(200))["stock"]!.GetValue<int>();
        var violations = new List<string>();
        if (stock < 0) violations.Add($"listing {listingId}: stock is negative ({stock})");
        if (stock != listed - kept)
            violations.Add($"listing {listingId}: stock {stock}, but listed {listed} − {kept} kept by open, shipped or received orders = {listed - kept} (released twice or not at all)");
        return violations;
    }
}
