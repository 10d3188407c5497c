using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Souk.Data;

namespace Souk.Web.Infrastructure.Telemetry;

/// <summary>
/// Wires metrics and traces. The instruments always record (cheap without a listener); OpenTelemetry collects and exports
/// only what is configured in <c>Souk:Telemetry</c>: OTLP (metrics, and traces) and/or a Prometheus scrape at <c>/metrics</c>.
/// </summary>
public static class SoukTelemetry
{
    public static WebApplicationBuilder AddSoukTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SoukMetrics>();
        services.AddSingleton<BacklogGauges>();
        services.AddSingleton<IOrderCommitObserver, TelemetryCommitObserver>();

        var settings = builder.Configuration.GetSection("Souk:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlpEndpoint = settings.OtlpEndpoint is { Length: > 0 } own ? own : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var tracing = settings.Tracing ?? otlp;
        if (!otlp && !settings.Prometheus && !tracing) return builder;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(settings.ServiceName));
        if (otlp || settings.Prometheus)
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(SoukMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp) metrics.AddOtlpExporter(o => Configure(o, settings, "/v1/metrics"));
                if (settings.Prometheus) metrics.AddPrometheusExporter();
            });
        if (tracing)
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(SoukTracing.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    // Database spans for both providers (EF Core's own diagnostics); statement text is not recorded by
                    // default, and parameters never are, so no personal data leaves in spans.
                    .AddEntityFrameworkCoreInstrumentation();
                if (otlp) traces.AddOtlpExporter(o => Configure(o, settings, "/v1/traces"));
            });
        return builder;
    }

    public static void MapSoukTelemetry(this WebApplication app)
    {
        // The gauges register their callbacks on the meter when first built.
        app.Services.GetRequiredService<BacklogGauges>();
        if (app.Services.GetRequiredService<IOptions<SoukOptions>>().Value.Telemetry.Prometheus)
            app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
    }

    /// <summary>Probes hit every few seconds; their spans would drown the requests that matter.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static void Configure(OtlpExporterOptions o, TelemetryOptions settings, string signalPath)
    {
        // Without Souk's own setting the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
        if (settings.OtlpEndpoint is not { Length: > 0 } endpoint) return;
        var http = settings.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase);
        o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Over HTTP each signal has its own path under the base address; gRPC takes the base address as it is.
        o.Endpoint = new Uri(http ? endpoint.TrimEnd('/') + signalPath : endpoint);
    }
}
