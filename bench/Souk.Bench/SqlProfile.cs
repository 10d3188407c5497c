using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Souk.Data;

namespace Souk.Bench;

/// <summary>
/// Where a transition's time goes, in round trips: one cancel flow, request by request, against a Souk process that
/// logs every SQL command and transaction (EF Core's Database.Command and Database.Transaction categories). Counts the
/// commands each request sent and shows the first line of each. Run with <c>--only sql</c>; not part of the table.
/// </summary>
public static class SqlProfile
{
    public sealed record Step(string Name, int Commands, int Transactions, IReadOnlyList<string> Statements);

    public static async Task<IReadOnlyList<Step>> RunAsync(string root, Databases databases, DatabaseProvider provider, BenchOptions options)
    {
        var connection = await databases.CreateAsync(provider, "sql");
        try
        {
            var settings = new Dictionary<string, string>(options.SoukSettings)
            {
                ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
                ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction"] = "Debug",
                ["Logging__Console__FormatterName"] = "simple",
                // The background sweeper's polling would land in the requests' windows; the review answer still fires
                // inside the request-cancellation call (CatchUp), as it does under load.
                ["Souk__Sweeper__Enabled"] = "false",
            };
            await using var souk = await SoukProcess.StartAsync(root, provider, connection, "sql", settings);
            using var client = Load.NewClient(souk.Address);
            var (seller, _) = await SoukApi.SignUpAsync(client, "seller@bench.souk", "seller");
            var storeId = await SoukApi.OpenStoreAsync(client, seller, "Bench store");
            var listingId = await SoukApi.AddListingAsync(client, seller, "Brass teapot", 1_000);
            var (buyer, _) = await SoukApi.SignUpAsync(client, "buyer@bench.souk", "buyer");
            var addressId = await SoukApi.AddAddressAsync(client, buyer);

            var steps = new List<Step>();
            // Twice: the first flow warms the process up; the second is the one reported.
            for (var round = 0; round < 2; round++)
            {
                steps.Clear();
                long orderId = 0;
                async Task StepAsync(string name, HttpRequestMessage request, HttpStatusCode expected)
                {
                    await Task.Delay(300); // let the log catch up
                    var from = File.ReadAllLines(souk.LogPath).Length;
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != expected) throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {body}");
                    if (name == "checkout")
                        using (var doc = JsonDocument.Parse(body)) orderId = doc.RootElement.GetProperty("orders")[0].GetProperty("id").GetInt64();
                    await Task.Delay(300);
                    var lines = File.ReadAllLines(souk.LogPath).Skip(from).ToList();
                    var statements = new List<string>();
                    for (var i = 0; i < lines.Count; i++)
                        if (lines[i].Contains("Executed DbCommand", StringComparison.Ordinal) && i + 1 < lines.Count)
                            statements.Add(lines[i + 1].Trim());
                    var transactions = lines.Count(l => l.Contains("Committed transaction", StringComparison.Ordinal)
                        || l.Contains("Rolled back transaction", StringComparison.Ordinal));
                    steps.Add(new Step(name, statements.Count, transactions, statements));
                }
                await StepAsync("add-to-cart", SoukApi.Post("/api/cart/items", buyer, JsonSerializer.Serialize(new { listingId, quantity = 1 })), HttpStatusCode.OK);
                await StepAsync("checkout", SoukApi.Post("/api/checkout", buyer,
                    JsonSerializer.Serialize(new { addressId, shipping = new[] { new { storeId, method = "standard" } } })), HttpStatusCode.Created);
                await StepAsync("pay", SoukApi.Post($"/api/orders/{orderId}/pay", buyer, """{"method":"Card","account":"4242 4242 4242 4242"}"""), HttpStatusCode.OK);
                await Task.Delay(TimeSpan.FromSeconds(1.2));
                await StepAsync("request-cancellation", SoukApi.Post($"/api/orders/{orderId}/cancellation-request", buyer, """{"reason":"NoLongerNeeded"}"""), HttpStatusCode.OK);
                await StepAsync("approve-cancellation", SoukApi.Post($"/api/orders/{orderId}/cancellation-request/approve", seller, "{}"), HttpStatusCode.OK);
                await StepAsync("list (My Orders)", SoukApi.Get("/api/orders?tab=all", buyer), HttpStatusCode.OK);
            }
            return steps;
        }
        finally
        {
            await databases.DropAsync(provider, connection);
        }
    }

    public static string Describe(IReadOnlyList<Step> steps)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("| request | SQL commands | transactions | first line of each command |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var s in steps)
            sb.AppendLine($"| {s.Name} | {s.Commands} | {s.Transactions} | {string.Join("<br>", s.Statements.Select(Short))} |");
        sb.AppendLine($"| **cancel flow (5 transitions)** | **{steps.Where(s => !s.Name.StartsWith("list", StringComparison.Ordinal)).Sum(s => s.Commands)}** | " +
            $"**{steps.Where(s => !s.Name.StartsWith("list", StringComparison.Ordinal)).Sum(s => s.Transactions)}** | |");
        return sb.ToString();

        static string Short(string sql) => (sql.Length > 90 ? sql[..90] + "…" : sql).Replace("|", "\\|");
    }
}
