using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Souk.Data;

namespace Souk.Bench;

/// <summary>
/// Souk as its own OS process (the Release build of src/Souk.Web), so its memory is its own: Production environment,
/// the given database, sweeper on, a rate limit out of the way of the load, and the sandbox answering payment reviews
/// after one second. Its console log goes to a file next to the bench's temporary data.
/// </summary>
public sealed class SoukProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@bench.souk";
    public const string Password = "Bench-pass-1";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;

    private SoukProcess(Process process, Uri address, string logPath)
    {
        _process = process;
        Address = address;
        LogPath = logPath;
    }

    public Uri Address { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;

    public static async Task<SoukProcess> StartAsync(string root, DatabaseProvider provider, string connectionString, string name,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(root, "src", "Souk.Web", "bin", "Release", "net10.0", "Souk.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build Souk first: dotnet build -c Release (the bench's build does it)", dll);
        var port = FreePort();
        var log = Path.Combine(Path.GetTempPath(), $"souk-bench-{name}-{provider.ToString().ToLowerInvariant()}.log");
        // exec: the shell becomes Souk, so the pid is Souk's and /proc/<pid>/status is its memory.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add("-c");
        // Extra settings go through env(1): a shell drops variables whose names are not identifiers (Logging__LogLevel__A.B).
        var extra = string.Join(' ', (settings ?? new Dictionary<string, string>()).Select(kv => Quote($"{kv.Key}={kv.Value}")));
        start.ArgumentList.Add($"exec env {extra} dotnet {Quote(dll)} --urls http://127.0.0.1:{port} > {Quote(log)} 2>&1");
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Souk__Database__Provider"] = provider.ToString();
        env["ConnectionStrings__Souk"] = connectionString;
        env["Souk__SeedDemoData"] = "false";
        env["Souk__Policy__CreatingCallsPerMinute"] = "100000000";
        // The cancel flow needs the review answered and the instant-cancel window over before a request is allowed;
        // one second each keeps the flow in real time without the development clock.
        env["Souk__Sandbox__ReviewDelay"] = "00:00:01";
        env["Souk__Policy__InstantCancelWindow"] = "00:00:01";
        env["Souk__Admins__0__Email"] = AdminEmail;
        env["Souk__Admins__0__Password"] = Password;

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start Souk");
        Running[process.Id] = process;
        var souk = new SoukProcess(process, new Uri($"http://127.0.0.1:{port}"), log);
        using var client = new HttpClient { BaseAddress = souk.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Souk exited with {process.ExitCode}; see {log}:\n{Tail(log)}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return souk;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        await souk.DisposeAsync();
        throw new TimeoutException($"Souk did not answer /health within 90 s; see {log}:\n{Tail(log)}");
    }

    /// <summary>Peak and current resident set (VmHWM, VmRSS) in bytes, from /proc/PID/status.</summary>
    public (long Peak, long Current) Memory()
    {
        long peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kb(line);
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kb(line);
        }
        return (peak, current);
        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>
    /// The resident set split: anonymous memory (GC heap, native allocations), mapped files (the runtime's and the
    /// assemblies' images) and shared memory (the runtime's double-mapped executable memory, W^X).
    /// </summary>
    public (long Anonymous, long Files, long Shared) MemoryKinds()
    {
        long anonymous = 0, files = 0, shared = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            var kb = () => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anonymous = kb();
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) files = kb();
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shared = kb();
        }
        return (anonymous, files, shared);
    }

    /// <summary>CPU time (user + system) Souk has used so far, from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after the name: state is index 0, so utime (field 14) is 11 and stime (15) is 12.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(20)) : "(no log)";

    /// <summary>Kills every Souk process this bench started (Ctrl+C).</summary>
    public static void KillAll()
    {
        foreach (var process in Running.Values)
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(_process.Id, out _);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
