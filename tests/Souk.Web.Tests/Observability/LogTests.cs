using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Observability;

/// <summary>
/// Order flows through the real host with every log line captured: lines about an order carry its id and the actor,
/// refusals their code, and no line holds the buyer's email, address or card account, or a message's text.
/// </summary>
public sealed class LogTests
{
    [Fact]
    public async Task OrderLines_CarryOrderActorAndCode_AndNoLineHoldsPersonalData()
    {
        var capture = new LogCapture();
        using var app = new SoukApp();
        using var logged = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(capture))));

        var email = $"ada.{Guid.NewGuid():N}@private.example";
        const string addressLine = "221B Quietlane Mews";
        const string account = "5105 1051 0510 5100";
        const string messageText = "Please leave it with Mrs Hudson next door";

        var seller = await SignUpAsync(logged, "seller", $"seller-{Guid.NewGuid():N}@test.souk");
        await Shop.OpenStoreAsync(seller);
        var listing = await Shop.AddListingAsync(seller);
        var buyer = await SignUpAsync(logged, "buyer", email);
        var buyerId = (await (await buyer.GetAsync("/api/me")).ExpectAsync(200))["id"]!.GetValue<string>();
        await (await buyer.PostAsJsonAsync("/api/me/addresses", new
        {
            name = "Ada Lovelace", line1 = addressLine, city = "London", postalCode = "NW1 6XE", country = "GB", phone = "+44 20 7946 0000",
        })).ExpectAsync(201);
        var paid = await Shop.PlaceOrderAsync(app, buyer, listing);
        var cancelled = await Shop.PlaceOrderAsync(app, buyer, listing);

        await (await buyer.Act(paid, "delete")).ExpectProblemAsync(409, "delete.order-not-completed");
        await buyer.Pay(paid, account);
        await (await buyer.PostAsJsonAsync($"/api/orders/{paid}/messages", new { text = messageText })).ExpectAsync(201);
        await buyer.ActOk(cancelled, "cancel", new { reason = "NoLongerNeeded" });
        // The payment review answers when the clock moves (through the logging host, which sweeps): a line by the sweeper.
        (await logged.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advance = "00:10:00" })).EnsureSuccessStatusCode();

        var lines = capture.Lines.ToList();
        string? Prop(CapturedLog line, string key) => line.Properties.GetValueOrDefault(key);

        // Each action on an order: its id and the buyer, as properties.
        foreach (var (orderId, action) in new[] { (paid, "pay"), (cancelled, "cancel") })
        {
            var line = Assert.Single(lines, l => l.Category.EndsWith("OrderActionRunner", StringComparison.Ordinal) && Prop(l, "Action") == action);
            Assert.Equal(orderId.ToString(), Prop(line, "OrderId"));
            Assert.Equal("Buyer", Prop(line, "ActorRole"));
            Assert.Equal(buyerId, Prop(line, "ActorId"));
        }

        // The refusal: its code, the order and the actor.
        var refusal = Assert.Single(lines, l => Prop(l, "Code") == "delete.order-not-completed");
        Assert.Equal(paid.ToString(), Prop(refusal, "OrderId"));
        Assert.Equal("Buyer", Prop(refusal, "ActorRole"));
        Assert.Equal(buyerId, Prop(refusal, "ActorId"));

        // The sweeper's line names the order and Souk itself as the actor.
        var swept = Assert.Single(lines, l => l.Category.EndsWith("DeadlineSweeper", StringComparison.Ordinal) && Prop(l, "OrderIds") is not null);
        Assert.Contains(paid.ToString(), Prop(swept, "OrderIds")!.Split(','));
        Assert.Equal("System", Prop(swept, "ActorRole"));

        // Nothing personal anywhere: not in messages, properties, scopes or exceptions.
        string[] secrets = [email, addressLine, account, account.Replace(" ", ""), messageText, "Lovelace"];
        var leaks = lines.SelectMany(l => secrets.Where(s => l.AllText.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{s} in {l.AllText}")).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    /// <summary>Registers and signs in through the logging host, so registration and sign-in lines are captured too.</summary>
    private static async Task<HttpClient> SignUpAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string role, string email)
    {
        var client = host.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = SoukApp.Password, role })).EnsureSuccessStatusCode();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = SoukApp.Password })).ExpectAsync(200);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        return client;
    }
}
