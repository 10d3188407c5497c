using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>
/// Among ship, approve cancellation, instant cancel and the handling deadline on one order exactly one takes
/// effect; request cancellation and ship may both succeed. Fired truly concurrently against the real host.
/// </summary>
public sealed class RaceTests : IDisposable
{
    private const int Rounds = 8;
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Seller, HttpClient Buyer, long Order)> ConfirmedOrderAsync(long listing, HttpClient seller)
    {
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("AwaitingShipment", (await buyer.Order(id)).State());
        return (seller, buyer, id);
    }

    [Fact]
    public async Task ShipAndApproveCancellation_ExactlyOneWins()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        for (var round = 0; round < Rounds; round++)
        {
            var (_, buyer, id) = await ConfirmedOrderAsync(listing, seller);
            await buyer.ActOk(id, "cancellation-request", new { reason = "NoLongerNeeded" });

            var ship = seller.Act(id, "ship", new { carrier = "Poste", trackingNumber = $"RR{round}" });
            var approve = seller.Act(id, "cancellation-request/approve", new { });
            var results = await Task.WhenAll(ship, approve);

            var statuses = results.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.Equal([200, 409], statuses);
            var order = await buyer.Order(id);
            if ((int)results[0].StatusCode == 200)
            {
                Assert.Equal("Shipped", order.State());
                Assert.Empty(order.Refunds());
                Assert.Equal("SupersededByShipment", order["cancellationRequest"]!["status"]!.GetValue<string>());
            }
            else
            {
                Assert.Equal("CancelledByBuyer", order.Outcome());
                Assert.Single(order.Refunds());
            }
        }
    }

    [Fact]
    public async Task InstantCancelAndTheReviewAnswer_NeverBoth()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        for (var round = 0; round < Rounds; round++)
        {
            var buyer = await _app.SignUpAsync("buyer");
            var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
            await buyer.Pay(id);
            _app.Time.Advance(TimeSpan.FromSeconds(100));

            // The clock endpoint fires the review answer (due at +5 min) while the buyer cancels at +100 s … +6 min.
            var cancel = buyer.Act(id, "cancel", new { reason = "NoLongerNeeded" });
            var advance = _app.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advance = "00:05:00" });
            var results = await Task.WhenAll(cancel, advance);
            Assert.True(results[1].IsSuccessStatusCode);

            var order = await buyer.Order(id);
            if ((int)results[0].StatusCode == 200)
            {
                Assert.Equal("CancelledByBuyer", order.Outcome());
                Assert.Single(order.Refunds());
                Assert.DoesNotContain("order.shipped", order.Timeline());
            }
            else
            {
                await results[0].ExpectProblemAsync(409, "cancel.needs-seller-approval");
                Assert.Equal("AwaitingShipment", order.State());
                Assert.Empty(order.Refunds());
            }
        }
    }

    [Fact]
    public async Task ShipAndTheHandlingDeadline_ExactlyOneTakesEffect()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 1);
        for (var round = 0; round < Rounds; round++)
        {
            var (_, buyer, id) = await ConfirmedOrderAsync(listing, seller);
            // Confirmed 5 min after paying, now 10 min after: one minute before the 1-day deadline.
            _app.Time.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(54));

            var ship = seller.Act(id, "ship", new { carrier = "Poste", trackingNumber = $"RR{round}" });
            var sweep = _app.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advance = "00:02:00" });
            var results = await Task.WhenAll(ship, sweep);

            var order = await buyer.Order(id);
            if ((int)results[0].StatusCode == 200)
            {
                Assert.Equal("Shipped", order.State());
                Assert.Empty(order.Refunds());
            }
            else
            {
                await results[0].ExpectProblemAsync(409, "ship.order-completed");
                Assert.Equal("ClosedNotShipped", order.Outcome());
                Assert.Single(order.Refunds());
            }
        }
    }

    [Fact]
    public async Task RequestCancellationAndShip_MayBothSucceed_TheRequestEndsSuperseded()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        for (var round = 0; round < Rounds; round++)
        {
            var (_, buyer, id) = await ConfirmedOrderAsync(listing, seller);

            var request = buyer.Act(id, "cancellation-request", new { reason = "ChangeOrder" });
            var ship = seller.Act(id, "ship", new { carrier = "Poste", trackingNumber = $"RR{round}" });
            var results = await Task.WhenAll(request, ship);

            Assert.Equal(200, (int)results[1].StatusCode);
            var order = await buyer.Order(id);
            Assert.Equal("Shipped", order.State());
            Assert.Empty(order.Refunds());
            if ((int)results[0].StatusCode == 200)
                Assert.Equal("SupersededByShipment", order["cancellationRequest"]!["status"]!.GetValue<string>());
            else
                await results[0].ExpectProblemAsync(409, "request-cancellation.already-shipped");
        }
    }

    [Fact]
    public async Task ApproveCancellationAndTheHandlingDeadline_ExactlyOneTakesEffect()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 1);
        for (var round = 0; round < Rounds; round++)
        {
            var (_, buyer, id) = await ConfirmedOrderAsync(listing, seller);
            await buyer.ActOk(id, "cancellation-request", new { reason = "NoLongerNeeded" });
            _app.Time.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(54));

            var approve = seller.Act(id, "cancellation-request/approve", new { });
            var sweep = _app.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advance = "00:02:00" });
            var results = await Task.WhenAll(approve, sweep);

            var order = await buyer.Order(id);
            var refund = Assert.Single(order.Refunds())!;
            if ((int)results[0].StatusCode == 200)
            {
                Assert.Equal("CancelledByBuyer", order.Outcome());
                Assert.Equal("cancellation", refund["cause"]!.GetValue<string>());
            }
            else
            {
                await results[0].ExpectProblemAsync(409, "cancellation.no-open-request");
                Assert.Equal("ClosedNotShipped", order.Outcome());
                Assert.Equal("closed-not-shipped", refund["cause"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task InstantCancelAndShip_WhenTheReviewEndsInsideTheWindow_ExactlyOneWins()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Sandbox:ReviewDelay"] = "00:00:20" });
        var (seller, _, listing) = await Shop.SellerWithListingAsync(app);
        for (var round = 0; round < Rounds; round++)
        {
            var buyer = await app.SignUpAsync("buyer");
            var id = await Shop.PlaceOrderAsync(app, buyer, listing);
            await buyer.Pay(id);
            await app.AdvanceAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("AwaitingShipment", (await buyer.Order(id)).State());

            var cancel = buyer.Act(id, "cancel", new { reason = "NoLongerNeeded" });
            var ship = seller.Act(id, "ship", new { carrier = "Poste", trackingNumber = $"RR{round}" });
            var results = await Task.WhenAll(cancel, ship);

            Assert.Equal([200, 409], results.Select(r => (int)r.StatusCode).Order().ToArray());
            var order = await buyer.Order(id);
            if ((int)results[0].StatusCode == 200)
            {
                await results[1].ExpectProblemAsync(409, "ship.order-completed");
                Assert.Single(order.Refunds());
            }
            else
            {
                await results[0].ExpectProblemAsync(409, "cancel.already-shipped");
                Assert.Equal("Shipped", order.State());
                Assert.Empty(order.Refunds());
            }
        }
    }

    [Fact]
    public async Task TenConcurrentApprovals_OneWinsOneRefund()
    {
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        var (_, buyer, id) = await ConfirmedOrderAsync(listing, seller);
        await buyer.ActOk(id, "cancellation-request", new { reason = "NoLongerNeeded" });

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => seller.Act(id, "cancellation-request/approve", new { })));

        Assert.Equal(1, results.Count(r => (int)r.StatusCode == 200));
        Assert.Equal(9, results.Count(r => (int)r.StatusCode == 409));
        foreach (var lost in results.Where(r => (int)r.StatusCode == 409))
            await lost.ExpectProblemAsync(409, "cancellation.no-open-request");
        Assert.Single((await buyer.Order(id)).Refunds());
    }
}
