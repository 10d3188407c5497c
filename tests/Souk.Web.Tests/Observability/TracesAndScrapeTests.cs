using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Souk.Web.Infrastructure.Telemetry;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Observability;

/// <summary>Traces carry the order id; the Prometheus scrape exists only when enabled and lists Souk's instruments.</summary>
public sealed class TracesAndScrapeTests
{
    [Fact]
    public async Task ARequestOnAnOrder_ProducesAServerSpanTaggedWithTheOrderId_WithDatabaseSpansInTheSameTrace()
    {
        // The exporter adds spans from the host's threads while the test reads them: a collection that locks both.
        var spans = new LockedSpans();
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Telemetry:Tracing"] = "true" });
        using var traced = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        var buyerClient = await app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(app, buyerClient, listing);

        // The same buyer through the traced host, with a trace id of our own, so no other request's spans are taken for ours.
        var client = traced.CreateClient();
        client.DefaultRequestHeaders.Authorization = buyerClient.DefaultRequestHeaders.Authorization;
        var traceId = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await (await client.PostAsync($"/api/orders/{id}/cancel", JsonContent.Create(new { reason = "NoLongerNeeded" }))).ExpectAsync(200);

        Activity? server = null;
        for (var i = 0; i < 50 && server is null; i++)
        {
            server = spans.Snapshot().FirstOrDefault(s => s.TraceId == traceId && s.Kind == ActivityKind.Server);
            if (server is null) await Task.Delay(100);
        }
        Assert.NotNull(server);
        Assert.Equal(id, server.GetTagItem(SoukTracing.OrderIdTag));
        Assert.Contains(spans.Snapshot(), s => s.TraceId == traceId && s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_AreScrapedInPrometheusText_WhenEnabled()
    {
        using var app = new SoukApp(settings: new Dictionary<string, string?> { ["Souk:Telemetry:Prometheus"] = "true" });
        var (_, _, listing) = await Shop.SellerWithListingAsync(app);
        var buyer = await app.SignUpAsync("buyer");
        var id = await Shop.PlaceOrderAsync(app, buyer, listing);
        await buyer.ActOk(id, "cancel", new { reason = "NoLongerNeeded" });

        var response = await app.CreateClient().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("souk_order_transitions_total\\{[^}]*action=\"cancel\"[^}]*outcome=\"done\"[^}]*\\} [1-9]", text);
        Assert.Contains("souk_disputes_backlog", text);
        Assert.Contains("http_server_request_duration", text);
    }

    [Fact]
    public async Task Metrics_AreNotServed_WhenNotEnabled()
    {
        using var app = new SoukApp();
        Assert.Equal(404, (int)(await app.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    private sealed class LockedSpans : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly object _gate = new();

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate) base.InsertItem(index, item);
        }

        public Activity[] Snapshot()
        {
            lock (_gate) return [.. this];
        }
    }
}
