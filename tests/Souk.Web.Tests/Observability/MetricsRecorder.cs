using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Souk.Web.Infrastructure.Telemetry;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Observability;

/// <summary>
/// Listens to one host's "Souk" meter (the instance its <see cref="SoukMetrics"/> holds, so hosts of other tests running
/// at the same time do not count here) and keeps every measurement with its tags.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MetricsRecorder(SoukApp app)
    {
        var meter = app.Services.GetRequiredService<SoukMetrics>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    /// <summary>The values recorded on <paramref name="instrument"/> whose tags include every given (key, value).</summary>
    public List<double> Values(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
            .Select(m => m.Value).ToList();

    public double Sum(string instrument, params (string Key, string Value)[] tags) => Values(instrument, tags).Sum();

    /// <summary>Asks the observable gauges for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();
}
