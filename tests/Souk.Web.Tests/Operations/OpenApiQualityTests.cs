using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting;
using System.Text.Json;
using System.Text.Json.Nodes;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>
/// The OpenAPI document is a product: integrators read it (Scalar in Development) and the typed client
/// (src/Souk.Client) is generated from its committed copy, docs/openapi.json. These tests walk the document the real
/// host serves and hold that copy to it.
/// </summary>
public sealed class OpenApiQualityTests
{
    /// <summary>Set to 1 to rewrite docs/openapi.json from the running host instead of comparing with it.</summary>
    public const string UpdateVariable = "SOUK_UPDATE_OPENAPI_SNAPSHOT";

    [Fact]
    public async Task EveryOperationHasASummaryItsProblemResponsesAndExamples()
    {
        var doc = await DocumentAsync();
        var missing = new List<string>();
        var operations = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                operations++;
                var operation = node!.AsObject();
                var name = $"{method.ToUpperInvariant()} {path}";
                if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) missing.Add($"{name}: no summary");

                var responses = operation["responses"]!.AsObject();
                var takesInput = method != "get" || path.Contains('{') || operation["parameters"] is not null;
                if (takesInput && !responses.Any(r => r.Key.StartsWith('4')))
                    missing.Add($"{name}: can be refused but lists no 4xx problem response");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                    if (response!["content"]?["application/problem+json"] is null)
                        missing.Add($"{name}: {status} is not described as application/problem+json");

                foreach (var (type, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
                    if (media!["example"] is null && !IsEmptyObject(doc, media["schema"]))
                        missing.Add($"{name}: request body ({type}) has no example — add the body type to ApiExamples.Written");
                foreach (var (status, response) in responses.Where(r => r.Key[0] == '2'))
                    foreach (var (type, media) in response!["content"]?.AsObject() ?? [])
                        if (media!["example"] is null) missing.Add($"{name}: {status} answer ({type}) has no example");
            }
        }
        Assert.True(operations > 90, $"only {operations} operations documented");
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public async Task TextFieldsAreStringsNotAnything()
    {
        // Every string goes through a custom converter, which the generator cannot see through on its own.
        var doc = await DocumentAsync();
        var order = doc["components"]!["schemas"]!["OrderView"]!["properties"]!;
        Assert.Equal("string", order["currency"]!["type"]!.GetValue<string>());
        Assert.Equal(["null", "string"], order["couponCode"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Scalar_IsServedInDevelopmentOnly()
    {
        using var app = new SoukApp();
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/scalar/")).StatusCode);
        using var development = app.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var page = await development.CreateClient().GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// docs/openapi.json must be what the host serves. A change to the API changes the document; when that is meant,
    /// regenerate the file with <c>SOUK_UPDATE_OPENAPI_SNAPSHOT=1 dotnet test tests/Souk.Web.Tests --filter OpenApiSnapshot</c>
    /// and commit it with the change (the typed client is generated from it).
    /// </summary>
    [Fact]
    public async Task OpenApiSnapshot_MatchesTheCommittedDocument()
    {
        var generated = Normalise(await DocumentAsync());
        Assert.DoesNotContain("\"servers\"", generated);
        Assert.DoesNotContain("localhost", generated);
        var file = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, generated);
            return;
        }

        var committed = File.Exists(file) ? Normalise(JsonNode.Parse(await File.ReadAllTextAsync(file))!) : "(missing)";
        if (committed == generated) return;
        var (line, ours, theirs) = FirstDifference(committed, generated);
        Assert.Fail($"""
            docs/openapi.json differs from the document Souk serves, first at line {line}:
              committed: {ours}
              generated: {theirs}
            If the API change is intended, regenerate the file and commit it with the change (the typed client is built from it):
              {UpdateVariable}=1 dotnet test tests/Souk.Web.Tests --filter OpenApiSnapshot
            """);
    }

    /// <summary>
    /// A body with no fields (NoBody: actions that take nothing accept no body or <c>{}</c>) has nothing to show, and
    /// the document cannot carry an empty example object.
    /// </summary>
    private static bool IsEmptyObject(JsonObject doc, JsonNode? schema)
    {
        var reference = schema?["$ref"] ?? schema?["oneOf"]?.AsArray().Select(s => s?["$ref"]).FirstOrDefault(r => r is not null);
        if (reference?.GetValue<string>() is not { } name) return false;
        var target = doc["components"]!["schemas"]![name.Split('/')[^1]];
        return target?["properties"] is not JsonObject { Count: > 0 };
    }

    /// <summary>The document from one host for all three tests (a copy each, as they read it).</summary>
    private static async Task<JsonObject> DocumentAsync() => (JsonObject)(await Served.Value).DeepClone();

    private static readonly Lazy<Task<JsonObject>> Served = new(async () =>
    {
        using var app = new SoukApp();
        return await (await app.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(200);
    });

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Readable in a diff: "—" and "<" stay as they are instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parsed and written again: the same document gives the same text whatever its spacing or line ends.</summary>
    public static string Normalise(JsonNode document) => document.ToJsonString(Indented) + "\n";

    private static string SnapshotPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Souk.slnx not found above the test's folder"), "docs", "openapi.json");
    }

    private static (int line, string committed, string generated) FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end of file)";
            var y = i < b.Length ? b[i] : "(end of file)";
            if (x != y) return (i + 1, x.Trim(), y.Trim());
        }
        return (0, "", "");
    }
}
