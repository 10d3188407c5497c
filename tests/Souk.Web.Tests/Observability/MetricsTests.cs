using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;
using Souk.Web.Tests.Webhooks;

namespace Souk.Web.Tests.Observability;

/// <summary>The "Souk" meter through the real host: what an operator reads on a dashboard follows what orders do.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly SoukApp _app = new(settings: new Dictionary<string, string?> { ["Souk:Telemetry:BacklogCacheFor"] = "00:00:00" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ACancel_CountsADoneTransition_AndARefusedCall_CountsARefusedTransitionAndItsCode()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        using var metrics = new MetricsRecorder(_app);

        await (await buyer.Act(id, "delete")).ExpectProblemAsync(409, "delete.order-not-completed");
        await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });

        Assert.Equal(1, metrics.Sum("souk.order.transitions", ("action", "cancel"), ("outcome", "done")));
        Assert.Equal(0, metrics.Sum("souk.order.transitions", ("action", "cancel"), ("outcome", "refused")));
        Assert.Equal(1, metrics.Sum("souk.order.transitions", ("action", "delete"), ("outcome", "refused")));
        Assert.Equal(1, metrics.Sum("souk.refusals", ("code", "delete.order-not-completed")));
        // A refusal made before any handler runs (no sign-in) is counted by its code too.
        await (await _app.CreateClient().PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "NoLongerNeeded" })).ExpectProblemAsync(401, "auth.required");
        Assert.Equal(1, metrics.Sum("souk.refusals", ("code", "auth.required")));
    }

    [Fact]
    public async Task ASweep_CountsTheFiredDeadline_AndItsLag_AndTheDueGaugeShowsWhatWaits()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        var due = (await buyer.Order(id))["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "payment-window")!["at"].Time();
        using var metrics = new MetricsRecorder(_app);

        // The clock passes the payment window by an hour without sweeping: the order waits, the gauge says so.
        var late = TimeSpan.FromHours(1);
        (await _app.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advance = (due - _app.Time.GetUtcNow() + late).ToString("c"), sweep = false }))
            .EnsureSuccessStatusCode();
        metrics.Observe();
        Assert.Equal(1, metrics.Values("souk.deadlines.due").Last());
        Assert.Equal([0, 0], [metrics.Values("souk.disputes.backlog", ("status", "open")).Last(), metrics.Values("souk.disputes.backlog", ("status", "escalated")).Last()]);

        await _app.AdvanceAsync(TimeSpan.FromSeconds(1)); // and sweeps
        Assert.Equal(1, metrics.Sum("souk.deadlines.fired", ("kind", "PaymentWindow"), ("by", "sweeper")));
        Assert.Equal(late.TotalSeconds + 1, Assert.Single(metrics.Values("souk.deadlines.lag", ("kind", "PaymentWindow"))), precision: 3);
        metrics.Observe();
        Assert.Equal(0, metrics.Values("souk.deadlines.due").Last());
    }

    [Fact]
    public async Task ARefundGoingThroughItsStages_RecordsEachStagesDuration_ByMethod()
    {
        var (_, _, listing) = await Shop.SellerWithListingAsync(_app);
        var buyer = await _app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(_app, buyer, listing);
        await buyer.Pay(id);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(10));
        using var metrics = new MetricsRecorder(_app);

        // The seller never ships: the order closes with a refund, which then passes its stages.
        await _app.AdvanceAsync(TimeSpan.FromDays(90));
        var refund = Assert.Single((await buyer.Order(id)).Refunds());
        Assert.Equal("Refunded", refund!["stage"]!.GetValue<string>());
        var awaiting = Assert.Single(metrics.Values("souk.refunds.stage.duration", ("method", "Card"), ("stage", "AwaitingRefund")));
        var processing = Assert.Single(metrics.Values("souk.refunds.stage.duration", ("method", "Card"), ("stage", "Processing")));
        Assert.True(awaiting > 0 && processing >= 0, $"{awaiting} {processing}");
        Assert.Equal(1, metrics.Sum("souk.deadlines.fired", ("kind", "Handling")));
    }

    [Fact]
    public async Task WebhookAttempts_AreCountedByOutcome()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 1 ? 500 : 200;
        var (seller, _, listing) = await Shop.SellerWithListingAsync(_app);
        await (await seller.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = new[] { "*" }, secret = "store-secret-0123456789" })).ExpectAsync(201);
        var buyer = await _app.SignUpAsync("buyer");
        await Shop.PlaceOrderAsync(_app, buyer, listing);
        using var metrics = new MetricsRecorder(_app);

        await _app.DeliverWebhooksAsync();
        Assert.Equal(1, metrics.Sum("souk.webhooks.deliveries", ("outcome", "failed")));
        Assert.Equal(0, metrics.Sum("souk.webhooks.deliveries", ("outcome", "delivered")));

        await _app.AdvanceAsync(TimeSpan.FromMinutes(5)); // past the first retry's back-off
        await _app.DeliverWebhooksAsync();
        Assert.Equal(1, metrics.Sum("souk.webhooks.deliveries", ("outcome", "failed")));
        Assert.Equal(receiver.Accepted.Count, metrics.Sum("souk.webhooks.deliveries", ("outcome", "delivered")));
        Assert.True(receiver.Accepted.Count >= 1);
    }
}
