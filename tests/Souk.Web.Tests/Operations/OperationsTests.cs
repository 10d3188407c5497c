using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>Health, the OpenAPI document, the policy at start-up, a busy database and the rate limit.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task OpenApi_DescribesEveryOrderActionWithItsProblems()
    {
        using var app = new SoukApp();
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(200);
        var paths = doc["paths"]!.AsObject();

        foreach (var path in new[] { "/api/orders/{id}/cancel", "/api/orders/{id}/cancellation-request", "/api/orders/{id}/ship",
                     "/api/orders/{id}/delete-permanently", "/api/orders", "/api/orders/{id}", "/api/auth/login", "/api/dev/clock" })
            Assert.True(paths.ContainsKey(path), $"{path} is not in the OpenAPI document");

        var ship = paths["/api/orders/{id}/ship"]!["post"]!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace(ship["summary"]?.GetValue<string>()));
        foreach (var status in new[] { "400", "404", "409" })
            Assert.True(ship["responses"]!.AsObject().ContainsKey(status), $"ship does not document {status}");
    }

    [Fact]
    public async Task Policy_IsServedAsConfigured()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Policy:InstantCancelWindow"] = "00:05:00" });
        var policy = await (await app.CreateClient().GetAsync("/api/policy")).ExpectAsync(200);
        Assert.Equal("00:05:00", policy["windows"]!["InstantCancelWindow"]!.GetValue<string>());
        Assert.Equal(10, policy["limits"]!["MaxUnpaidOrders"]!.GetValue<int>());
        var reasons = await (await app.CreateClient().GetAsync("/api/cancellation-reasons")).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(7, reasons!.Count);
    }

    [Fact]
    public void NegativeWindow_StopsStartUpWithAMessageNamingTheKey()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Policy:SellerCancelResponse"] = "-01:00:00" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Souk:Policy:SellerCancelResponse", messages);
        Assert.Contains("negative", messages);
    }

    /// <summary>SQLite's single writer: a lock held elsewhere past the busy timeout. (PostgreSQL locks rows instead.)</summary>
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task BusyDatabase_Is503WithRetryAfter_NotA500()
    {
        var database = TestDatabase.NewName();
        try
        {
            using var app = new SoukApp(database, new Dictionary<string, string?>
            {
                ["Souk:Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Souk"] = $"Data Source={TestDatabase.SqlitePath(database)};Default Timeout=1",
            });
            var buyer = await app.SignUpAsync("buyer");

            await using var blocker = new SqliteConnection($"Data Source={TestDatabase.SqlitePath(database)}");
            await blocker.OpenAsync();
            await using var hold = blocker.BeginTransaction(deferred: false);
            var write = blocker.CreateCommand();
            write.Transaction = hold;
            write.CommandText = "UPDATE SharedSettings SET Value = Value WHERE 0";
            await write.ExecuteNonQueryAsync();

            var response = await buyer.PostAsJsonAsync("/api/orders/1/cancel", new { reason = "NoLongerNeeded" });
            await response.ExpectProblemAsync(503, "database.busy");
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            TestDatabase.DeleteSqliteFile(database);
        }
    }

    [Fact]
    public async Task ChangingCalls_OverTheLimit_Are429WithRetryAfter_ReadsAreNot()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Policy:CreatingCallsPerMinute"] = "3" });
        var buyer = await app.SignUpAsync("buyer");
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(429, (int)(await buyer.PostAsJsonAsync("/api/orders/999/cancel", new { reason = "NoLongerNeeded" })).StatusCode);

        var limited = await buyer.PostAsJsonAsync("/api/orders/999/cancel", new { reason = "NoLongerNeeded" });
        await limited.ExpectProblemAsync(429, "rate-limit.exceeded");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(200, (int)(await buyer.GetAsync("/api/orders")).StatusCode);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
        if (e is AggregateException agg) foreach (var inner in agg.InnerExceptions.SelectMany(Flatten)) yield return inner;
    }
}
