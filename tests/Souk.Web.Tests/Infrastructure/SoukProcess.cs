using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Souk.Web.Tests.Infrastructure;

/// <summary>
/// Souk as a real, separate operating-system process (the built Souk.Web.dll) on a free 127.0.0.1 port, for tests
/// that need several processes on one database. Runs on the real clock; move time with the dev clock.
/// </summary>
public sealed class SoukProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SoukProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Whether the process is still running (it has not exited or been killed).</summary>
    public bool IsRunning => !_process.HasExited;

    public string Output
    {
        get { lock (_output) return string.Join(Environment.NewLine, _output); }
    }

    public static async Task<SoukProcess> StartAsync(IDictionary<string, string> settings, string environment = "Testing")
    {
        var port = FreePort();
        var process = Process.Start(StartInfo(["--urls", $"http://127.0.0.1:{port}"], settings, environment))
            ?? throw new InvalidOperationException("Could not start Souk.Web");
        var souk = new SoukProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => souk.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => souk.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await souk.WaitHealthyAsync();
        return souk;
    }

    /// <summary>The built Souk.Web.dll with <paramref name="args"/>, in <paramref name="environment"/> (Testing unless a test is
    /// about another), <paramref name="settings"/> as environment variables (<c>Souk:X</c> → <c>Souk__X</c>), its output redirected.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string> settings, string environment)
    {
        var dll = Path.Combine(SoukWebFolder(), "Souk.Web.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        return info;
    }

    /// <summary>
    /// Runs an operations command (<c>dotnet Souk.Web.dll check-ledger …</c>) to its end, with
    /// <paramref name="settings"/> as environment variables (<c>Souk:X</c> → <c>Souk__X</c>), as an operator's script would.
    /// </summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunCommandAsync(IEnumerable<string> args, IDictionary<string, string> settings,
        string environment = "Testing")
    {
        using var process = Process.Start(StartInfo(args, settings, environment)) ?? throw new InvalidOperationException("Could not start Souk.Web");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within 60 s: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> RegisterAndSignInAsync(string role, string email)
    {
        var client = Client();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = SoukApp.Password, role })).EnsureSuccessStatusCode();
        return await SignInAsync(email);
    }

    public async Task<string> SignInAsync(string email)
    {
        var login = await Client().PostAsJsonAsync("/api/auth/login", new { email, password = SoukApp.Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private async Task WaitHealthyAsync()
    {
        using var client = Client();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Souk exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Souk did not become healthy:{Environment.NewLine}{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    /// <summary>The built Souk.Web next to this test build (same configuration).</summary>
    private static string SoukWebFolder()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Souk.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Cannot find the repository root (Souk.slnx) above " + AppContext.BaseDirectory);
        return Path.Combine(root.FullName, "src", "Souk.Web", "bin", configuration, framework);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it: no shutdown, requests in flight cut off.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
