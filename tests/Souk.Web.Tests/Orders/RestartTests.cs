using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Souk.Data;
using Souk.Domain.Orders;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>Deadlines live in the database: each fires exactly once, also when Souk restarts around it.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _database = TestDatabase.NewName();

    public void Dispose() => TestDatabase.Drop(_database);

    [Fact]
    public async Task HandlingDeadline_FiresOnceAcrossRestarts()
    {
        var time = new FakeTimeProvider(SoukApp.Start);
        long id;
        string buyerEmail = $"buyer-{Guid.NewGuid():N}@test.souk";
        using (var first = new SoukApp(_database, time: time))
        {
            var (_, _, listing) = await Shop.SellerWithListingAsync(first, handlingDays: 3);
            var buyer = await first.SignUpAsync("buyer", buyerEmail);
            id = await Shop.PlaceOrderAsync(first, buyer, listing);
            await buyer.Pay(id);
            await first.AdvanceAsync(TimeSpan.FromMinutes(10));
        }

        // Souk is down while the deadline passes.
        time.Advance(TimeSpan.FromDays(4));

        using (var second = new SoukApp(_database, time: time))
        {
            var fired = await second.AdvanceAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(1, fired["ordersChanged"]!.GetValue<int>());
            var order = await (await second.SignInAsync(buyerEmail)).Order(id);
            Assert.Equal("ClosedNotShipped", order.Outcome());
        }

        using (var third = new SoukApp(_database, time: time))
        {
            var fired = await third.AdvanceAsync(TimeSpan.FromDays(1));
            var order = await (await third.SignInAsync(buyerEmail)).Order(id);
            Assert.Equal(1, order.Timeline().Count(k => k == "order.closed-not-shipped"));
            Assert.Single(order.Refunds());
            Assert.Equal(1, order.Timeline().Count(k => k == "refund.created"));
        }
    }

    [Fact]
    public async Task TheHostedSweeper_FiresDueDeadlinesOnItsOwn()
    {
        // An hourly tick: the fake clock fires a periodic timer once per elapsed period, so a 1 s tick over 21 days
        // would be 1.8 million callbacks.
        var settings = new Dictionary<string, string?> { ["Souk:Sweeper:Enabled"] = "true", ["Souk:Sweeper:Interval"] = "01:00:00" };
        using var app = new SoukApp(_database, settings);
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        var buyer = await app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(app, buyer, listing);

        // Past the 20-day payment window; the fake clock's timer ticks and the sweeper closes the order.
        app.Time.Advance(TimeSpan.FromDays(21));

        // Read the database directly, not through the API: a read through the API would fire the deadline itself.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        OrderOutcome? outcome = null;
        while (DateTime.UtcNow < deadline)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
            outcome = await db.Orders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Outcome).SingleAsync();
            if (outcome is not null) break;
            await Task.Delay(50);
        }
        Assert.Equal(OrderOutcome.ExpiredUnpaid, outcome);
    }
}
