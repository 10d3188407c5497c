using Microsoft.Extensions.Time.Testing;
using Souk.Web.Infrastructure;
using Souk.Web.Pages.Orders;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Orders;

/// <summary>
/// Issue 7, figure 9 (the daylight-saving part): deadlines are instants, so a daylight-saving change in the viewer's
/// time zone moves how a deadline reads, never when it falls. An order confirmed in Berlin the day before summer time
/// starts (29 March 2026, 01:00 UTC) must still be shipped within exactly 3 × 24 hours; the page shows that instant
/// with the new offset, and the order closes at that instant, not an hour early or late.
/// </summary>
public sealed class DaylightSavingTests : IDisposable
{
    private static readonly DateTimeOffset BeforeTheChange = new(2026, 3, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly SoukApp _app = new(settings: new Dictionary<string, string?> { ["Souk:Sandbox:ReviewDelay"] = "00:00:00" },
        time: new FakeTimeProvider(BeforeTheChange));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AHandlingDeadlineAcrossTheChange_IsThreeTimes24Hours_ReadsInTheNewOffset_AndFiresAtItsInstant()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app, handlingDays: 3);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        var order = await buyer.Order(id);
        var confirmedAt = order["paymentConfirmedAt"]!.GetValue<DateTimeOffset>();
        var due = order["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "handling")!["at"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromHours(72), due - confirmedAt);

        Assert.True(DisplayZone.TryFind("Europe/Berlin", out var berlin));
        using (DisplayZone.Use(berlin))
        {
            // Before the change Berlin is UTC+1, after it UTC+2: the same 72 hours read as 71 on the wall clock.
            Assert.EndsWith("UTC+01:00", OrderDisplay.Time(confirmedAt));
            Assert.EndsWith("UTC+02:00", OrderDisplay.Time(due));
            Assert.Equal(due.UtcDateTime.AddHours(2).ToString("yyyy-MM-ddTHH:mm"), OrderDisplay.LocalInput(due));
        }

        await _app.AdvanceAsync(due - _app.Time.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal("AwaitingShipment", (await buyer.Order(id))["state"]!.GetValue<string>());
        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));
        var closed = await buyer.Order(id);
        Assert.Equal("ClosedNotShipped", closed["outcome"]!.GetValue<string>());
        var fired = closed["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "order.closed-not-shipped")!;
        Assert.Equal(due, fired["at"]!.GetValue<DateTimeOffset>());
    }
}
