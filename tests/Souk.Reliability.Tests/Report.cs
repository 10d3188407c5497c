using Souk.Web.Tests.Infrastructure;

namespace Souk.Reliability.Tests;

/// <summary>Each figure's one-line result, kept under TestResults/reliability/ (CI keeps TestResults) for docs/reliability.md.</summary>
public static class Report
{
    public static void Write(string figure, string line)
    {
        var root = Environment.GetEnvironmentVariable("SOUK_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(AppContext.BaseDirectory, "TestResults");
        var folder = Path.Combine(root, "reliability");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, $"{figure}-{TestDatabase.Provider.ToLowerInvariant()}.txt"),
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC {(Scale.Long ? "long" : "bounded")} form: {line}{Environment.NewLine}");
    }
}
