using System.Globalization;
using System.Text;

namespace Souk.Bench;

/// <summary>One line of the result table: what was measured, against what, and whether the target holds.</summary>
public sealed record Row(string Provider, string Measure, string Value, string Baseline = "", string Ratio = "", string Target = "", string Result = "");

public static class Report
{
    public static string Table(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| provider | measure | value | compared with | ratio | target | result |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine($"| {r.Provider} | {r.Measure} | {r.Value} | {r.Baseline} | {r.Ratio} | {r.Target} | {r.Result} |");
        return sb.ToString();
    }

    public static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
    public static string Ms(double value) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
    public static string X(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";
    public static string Met(bool met) => met ? "met" : "**missed**";

    public static string Rate(LoadResult load, string unit) =>
        $"{N(load.UnitsPerSecond)} {unit}/s (p50 {Ms(load.P50)}, p99 {Ms(load.P99)})";

    /// <summary>Per-step latencies of a load, for the text under the table.</summary>
    public static string Steps(LoadResult load)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| step | requests | mean | p50 | p99 |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var (step, s) in load.Steps.OrderBy(kv => kv.Key))
            sb.AppendLine($"| {step} | {N(s.Count)} | {Ms(s.Mean)} | {Ms(s.P50)} | {Ms(s.P99)} |");
        return sb.ToString();
    }
}
