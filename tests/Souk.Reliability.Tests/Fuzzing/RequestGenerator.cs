using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Souk.Reliability.Tests.Fuzzing;

/// <summary>One operation of the OpenAPI document: its method, path template, parameters and request body.</summary>
public sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, JsonNode? BodySchema, string? BodyMediaType, bool BodyRequired)
{
    public override string ToString() => $"{Method} {Path}";
}

public sealed record Parameter(string Name, string In, JsonNode? Schema, bool Required);

/// <summary>A generated request, kept whole so a failure can be printed in full and replayed.</summary>
public sealed record FuzzRequest(int Index, Operation Operation, string Caller, string Mutation, string Method, string Url, string? MediaType, byte[]? Body)
{
    /// <summary>Header parameters of the operation (such as Idempotency-Key), as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (MediaType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
        }
        return message;
    }

    public string Describe(int? limit = null)
    {
        var body = Body is null ? "(no body)" : MediaType?.StartsWith("multipart/", StringComparison.Ordinal) == true
            ? $"({Body.Length} bytes of multipart)" : Encoding.UTF8.GetString(Body);
        if (limit is { } max && body.Length > max) body = body[..max] + $"… ({body.Length} characters in all; the full request is in the failures file)";
        var headers = string.Concat(Headers.Select(h => $"{h.Key}: {h.Value}\n"));
        return $"#{Index} [{Operation}] as {Caller}, mutation {Mutation}: {Method} {Url}\n{headers}Content-Type: {MediaType ?? "(none)"}\n{body}";
    }
}

/// <summary>
/// Generates requests for the operations of an OpenAPI document: a valid-ish request from the parameters and the body
/// schema (following <c>$ref</c>s into <c>components/schemas</c>, with ids taken from the world), then one mutation of
/// it: wrong JSON types, null, missing required fields, huge strings, hostile unicode, extreme numbers, deep nesting,
/// unknown and mass-assignment fields, malformed JSON, wrong content types, hostile path and query parameters.
/// </summary>
public sealed class RequestGenerator(JsonObject document, Random random, Func<string, string, string?> idFor)
{
    public static readonly string[] Mutations =
    [
        "valid", "wrong-type", "null", "missing-required", "huge-string", "unicode", "extreme-number", "deep-nesting",
        "unknown-fields", "mass-assignment", "malformed-json", "wrong-content-type", "hostile-path", "hostile-query", "empty-body",
    ];

    /// <summary>Fields a caller must never be able to set through a body.</summary>
    public static readonly string[] MassAssignment =
    [
        "status", "state", "amount", "amountMinor", "refunded", "refundedMinor", "buyerId", "storeId", "sellerId", "ownerId", "role",
        "roles", "isAdmin", "admin", "version", "id", "paid", "paidAt", "total", "totalMinor", "balance", "balanceMinor", "outcome",
        "createdAt", "deleted", "blocked", "verified", "userId",
    ];

    private static readonly string[] HostileStrings =
    [
        "\u202Eevil\u202C", "\u200F\u200Eright-to-left\u061C", "🍵🫖👩‍👩‍👧‍👦", "nul\u0000inside", "\uFEFFbom", "ＡＢＣ全角", "e\u0301\u0301\u0301",
        "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE \"Orders\"; --", "../../etc/passwd", "%00%0d%0a", "${jndi:ldap://x}",
        "{{7*7}}", "\r\nX-Injected: 1", "   ", "", "\t", "null", "NaN", "-0", "1e309", "\u0085\u2028\u2029", "𝕊𝕠𝕦𝕜", "\uFFFF\uFFFE",
    ];

    /// <summary>Raw JSON texts that are not what a number field expects, or are numbers no field can hold.</summary>
    private static readonly string[] ExtremeNumbers =
    [
        "-1", "0", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "2147483647", "2147483648", "-2147483649", "1e400", "-1e400", "1.5", "0.0000001", "1e2", "\"42\"", "\"-1\"", "\"9223372036854775807\"",
        "\"1e400\"", "\"abc\"", "18446744073709551616", "123456789012345678901234567890",
    ];

    /// <summary>Hostile path segments. Not %00: the in-process host's client refuses to send a path with NUL in it
    /// (and Kestrel answers such a request line 400 itself, before Souk), so NUL goes in bodies and queries only.</summary>
    private static readonly string[] HostilePathValues =
    [
        "-1", "0", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "abc", "1.5", "%01", "%2e%2e", "1%20OR%201=1",
        "%F0%9F%8D%B5", "1e3", "0x10", "-9223372036854775809", "%E2%80%AE1",
    ];

    public FuzzRequest Generate(int index, Operation operation, string caller)
    {
        var mutation = Mutations[random.Next(Mutations.Length)];
        if (mutation == "hostile-path" && !operation.Parameters.Any(p => p.In == "path")) mutation = "hostile-query";
        var takesBody = operation.BodySchema is not null || operation.Method is "POST" or "PUT" or "PATCH";
        if (!takesBody && mutation is not ("hostile-path" or "hostile-query")) mutation = random.Next(2) == 0 ? "valid" : "hostile-query";

        var url = new StringBuilder();
        var path = operation.Path;
        foreach (var p in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = mutation == "hostile-path" && random.Next(2) == 0
                ? HostilePathValues[random.Next(HostilePathValues.Length)]
                : Uri.EscapeDataString(idFor(operation.Path, p.Name) ?? ValueText(Generate(p.Schema, p.Name, 0)));
            path = path.Replace("{" + p.Name + "}", value);
        }
        url.Append(path);
        var query = new List<string>();
        foreach (var p in operation.Parameters.Where(p => p.In == "query"))
        {
            if (!p.Required && random.Next(3) == 0) continue;
            var value = mutation == "hostile-query" && random.Next(2) == 0
                ? HostileQueryValue()
                : idFor(operation.Path, p.Name) ?? ValueText(Generate(p.Schema, p.Name, 0));
            query.Add($"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(value)}");
        }
        if (mutation == "hostile-query")
        {
            query.Add($"{Pick("page", "pageSize", "cursor", "limit", "status", "storeId", "q")}={Uri.EscapeDataString(HostileQueryValue())}");
            if (random.Next(4) == 0) query.Add($"{new string('p', 5000)}=1");
        }
        if (query.Count > 0) url.Append('?').Append(string.Join('&', query));
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var p in operation.Parameters.Where(p => p.In == "header"))
        {
            if (!p.Required && random.Next(2) == 0) continue;
            var value = p.Name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase) && random.Next(3) != 0
                ? $"fuzz-{random.Next(300)}"
                : random.Next(2) == 0 ? HostileQueryValue() : ValueText(Generate(p.Schema, p.Name, 0));
            headers.Add(new(p.Name, value));
        }

        if (!takesBody) return new FuzzRequest(index, operation, caller, mutation, operation.Method, url.ToString(), null, null) { Headers = headers };

        if (operation.BodyMediaType?.StartsWith("multipart/", StringComparison.Ordinal) == true && mutation is not ("malformed-json" or "wrong-content-type"))
            return Multipart(index, operation, caller, mutation, url.ToString()) with { Headers = headers };

        var body = operation.BodySchema is null ? new JsonObject() : Generate(operation.BodySchema, "body", 0);
        string mediaType = "application/json";
        string? text = null;
        switch (mutation)
        {
            case "wrong-type": body = MutateOneField(body, _ => WrongType()); break;
            case "null": body = random.Next(4) == 0 ? null : MutateOneField(body, _ => null); break;
            case "missing-required":
                if (body is JsonObject missing)
                    foreach (var key in missing.Select(p => p.Key).ToList()) if (random.Next(2) == 0) missing.Remove(key);
                break;
            case "huge-string": body = MutateOneField(body, _ => JsonValue.Create(Huge())); break;
            case "unicode": body = MutateAllStrings(body); text = random.Next(3) == 0 ? LoneSurrogates(body) : null; break;
            case "extreme-number": text = ExtremeNumbersIn(body); break;
            case "deep-nesting":
                var depth = Pick(70, 300, 5_000);
                var nested = string.Concat(Enumerable.Repeat(random.Next(2) == 0 ? "[" : "{\"a\":", depth));
                text = random.Next(2) == 0 ? nested : WithField(body, "nested", nested);
                break;
            case "unknown-fields":
                if (body is JsonObject unknown)
                    for (var i = random.Next(1, 6); i > 0; i--) unknown[$"x{random.Next(1000)}{Pick("", "Id", "Minor", "_at")}"] = WrongType() ?? JsonValue.Create(1);
                break;
            case "mass-assignment":
                if (body is not JsonObject) body = new JsonObject();
                var assigned = (JsonObject)body;
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    var field = MassAssignment[random.Next(MassAssignment.Length)];
                    if (random.Next(2) == 0) field = char.ToUpperInvariant(field[0]) + field[1..];
                    assigned[field] = Pick<JsonNode?>(JsonValue.Create("Refunded"), JsonValue.Create("Completed"), JsonValue.Create("admin"), JsonValue.Create(true),
                        JsonValue.Create(long.MaxValue), JsonValue.Create(-1_000_000L), JsonValue.Create(1), JsonValue.Create(999_999_999L), JsonValue.Create("Delivered"));
                }
                break;
            case "malformed-json":
                var json = body?.ToJsonString() ?? "null";
                text = Pick(json[..Math.Max(0, json.Length / 2)], json + "}", "{\"a\":1,}", "{'a':1}", "{\"a\":01}", "\u0000\u0001", "{\"a\" 1}",
                    "[1,2", "{\"a\":\"unterminated}", json.Replace("\"", ""), "\uFEFF" + json, "{\"a\":1}{\"b\":2}", "{\"a\":NaN}", "{\"a\":\"\\ud800\"}",
                    "{\"a\":\"\\x41\"}", "{\"__proto__\":{\"isAdmin\":true}}", "{\"a\":1,\"a\":2}");
                break;
            case "wrong-content-type":
                mediaType = Pick("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-32",
                    "application/octet-stream", "image/png", "application/json-patch+json", "*/*", "text/json");
                text = mediaType.StartsWith("application/x-www", StringComparison.Ordinal) ? "status=Refunded&amountMinor=1" : body?.ToJsonString() ?? "<a/>";
                break;
            case "empty-body": text = ""; break;
        }
        text ??= body?.ToJsonString() ?? "null";
        return new FuzzRequest(index, operation, caller, mutation, operation.Method, url.ToString(), mediaType, Encoding.UTF8.GetBytes(text)) { Headers = headers };
    }

    private FuzzRequest Multipart(int index, Operation operation, string caller, string mutation, string url)
    {
        var boundary = "fuzz" + random.Next(1_000_000);
        var bytes = new byte[mutation == "huge-string" ? 200_000 : random.Next(0, 64)];
        random.NextBytes(bytes);
        if (mutation == "valid") bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var field = mutation == "missing-required" ? "other" : "file";
        var fileName = mutation == "unicode" ? HostileStrings[random.Next(HostileStrings.Length)].Replace("\"", "") + ".png" : Pick("photo.png", "../../x.exe", "a.svg", "", new string('n', 5000));
        var type = Pick("image/png", "image/jpeg", "application/pdf", "text/html", "application/x-msdownload", "");
        var head = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\n" +
            (type.Length > 0 ? $"Content-Type: {type}\r\n" : "") + "\r\n");
        var tail = Encoding.UTF8.GetBytes(mutation == "malformed-json" ? "\r\n--" : $"\r\n--{boundary}--\r\n");
        return new FuzzRequest(index, operation, caller, mutation, operation.Method, url, $"multipart/form-data; boundary={boundary}", [.. head, .. bytes, .. tail]);
    }

    /// <summary>A valid-ish value for a schema: ids from the world, plausible strings by field name, small positive numbers.</summary>
    public JsonNode? Generate(JsonNode? schema, string name, int depth)
    {
        schema = Resolve(schema);
        if (schema is not JsonObject s || depth > 6) return JsonValue.Create("x");
        if (s["enum"] is JsonArray values && values.Count > 0) return values[random.Next(values.Count)]?.DeepClone();
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            if (s[combinator] is JsonArray options && options.Count > 0)
            {
                var usable = options.Where(o => Resolve(o) is JsonObject r && TypeOf(r) != "null").ToList();
                if (usable.Count > 0) return Generate(usable[random.Next(usable.Count)], name, depth);
            }
        if (idFor("", name) is { } id && TypeOf(s) is "integer" or "number" or "string")
            return TypeOf(s) == "string" ? JsonValue.Create(id) : long.TryParse(id, out var n) ? JsonValue.Create(n) : JsonValue.Create(id);
        switch (TypeOf(s))
        {
            case "object":
                var obj = new JsonObject();
                if (s["properties"] is JsonObject properties)
                    foreach (var (key, value) in properties) obj[key] = Generate(value, key, depth + 1);
                return obj;
            case "array":
                var array = new JsonArray();
                for (var i = random.Next(1, 3); i > 0; i--) array.Add(Generate(s["items"], name, depth + 1));
                return array;
            case "integer":
            case "number":
                return JsonValue.Create(name.Contains("days", StringComparison.OrdinalIgnoreCase) ? random.Next(1, 8) : random.Next(1, 500));
            case "boolean": return JsonValue.Create(random.Next(2) == 0);
            default:
                if (s["format"]?.GetValue<string>() == "date-time") return JsonValue.Create(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddDays(random.Next(-5, 60)));
                return JsonValue.Create(PlausibleString(name));
        }
    }

    private string PlausibleString(string name) => name.ToLowerInvariant() switch
    {
        "email" => $"fuzz{random.Next(1_000_000)}@test.souk",
        "password" => "Test-pass-1",
        "currency" => Pick("USD", "EUR", "XXX"),
        "url" => Pick("http://127.0.0.1:9/hook", "http://localhost:9/a", "ftp://x", "not a url"),
        "country" => Pick("US", "FR", "ZZ"),
        "role" => Pick("buyer", "seller", "admin"),
        "method" => Pick("standard", "express", "Card", "Balance"),
        "events" => Pick("*", "order.shipped", "nope"),
        "account" => "4242 4242 4242 4242",
        "advance" => "00:00:00",
        _ => Pick("Brass teapot", "hello", "A", "Standard post", "RR123", "NotAsDescribed", "NoLongerNeeded", "Other"),
    };

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 20 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            JsonNode? target = document;
            foreach (var part in reference.TrimStart('#', '/').Split('/')) target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            schema = target;
        }
        return schema;
    }

    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not "null") ?? "null",
        _ => schema["properties"] is not null ? "object" : null,
    };

    private JsonNode? MutateOneField(JsonNode? body, Func<JsonNode?, JsonNode?> change)
    {
        if (body is JsonObject obj && obj.Count > 0)
        {
            var key = obj.Select(p => p.Key).ElementAt(random.Next(obj.Count));
            if (obj[key] is JsonObject or JsonArray && random.Next(2) == 0) { obj[key] = MutateOneField(obj[key], change); return obj; }
            obj[key] = change(obj[key]);
            return obj;
        }
        if (body is JsonArray arr && arr.Count > 0)
        {
            var i = random.Next(arr.Count);
            arr[i] = MutateOneField(arr[i]?.DeepClone(), change);
            return arr;
        }
        return change(body);
    }

    private JsonNode? MutateAllStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList()) obj[key] = MutateAllStrings(obj[key]);
                if (random.Next(3) == 0) obj[HostileStrings[random.Next(HostileStrings.Length)]] = 1;
                return obj;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++) arr[i] = MutateAllStrings(arr[i]?.DeepClone());
                return arr;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return JsonValue.Create(random.Next(2) == 0 ? HostileStrings[random.Next(HostileStrings.Length)] : s + HostileStrings[random.Next(HostileStrings.Length)]);
            default: return node;
        }
    }

    /// <summary>The body's text with lone surrogates and other escapes a decoder must refuse or survive.</summary>
    private string LoneSurrogates(JsonNode? body)
    {
        var json = body?.ToJsonString() ?? "null";
        var escape = Pick("\\ud800", "\\udfff", "\\ud83d", "\\u0000", "\\ud800\\ud800", "\\udc00\\ud800");
        var quote = json.IndexOf(":\"", StringComparison.Ordinal);
        return quote < 0 ? $"\"{escape}\"" : json.Insert(quote + 2, escape);
    }

    /// <summary>The body's text with its numbers (or, failing any, one field) replaced by extreme or mistyped numbers.</summary>
    private string ExtremeNumbersIn(JsonNode? body)
    {
        var marker = "\u0001NUM\u0001";
        var replaced = false;
        JsonNode? Walk(JsonNode? node) => node switch
        {
            JsonObject o => WalkObject(o),
            JsonArray a => WalkArray(a),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number && random.Next(3) != 0 => Mark(),
            _ => node,
        };
        JsonNode Mark() { replaced = true; return JsonValue.Create(marker)!; }
        JsonNode WalkObject(JsonObject o) { foreach (var k in o.Select(p => p.Key).ToList()) o[k] = Walk(o[k]); return o; }
        JsonNode WalkArray(JsonArray a) { for (var i = 0; i < a.Count; i++) a[i] = Walk(a[i]?.DeepClone()); return a; }
        body = Walk(body);
        if (!replaced) body = MutateOneField(body, _ => Mark());
        var json = body?.ToJsonString() ?? "null";
        var quoted = JsonValue.Create(marker)!.ToJsonString();
        var parts = json.Split(quoted);
        var text = new StringBuilder(parts[0]);
        for (var i = 1; i < parts.Length; i++) text.Append(ExtremeNumbers[random.Next(ExtremeNumbers.Length)]).Append(parts[i]);
        return text.ToString();
    }

    private static string WithField(JsonNode? body, string field, string rawValue)
    {
        var json = body is JsonObject o && o.Count > 0 ? o.ToJsonString() : "{}";
        return json == "{}" ? $"{{\"{field}\":{rawValue}" : $"{{\"{field}\":{rawValue}," + json[1..];
    }

    private JsonNode? WrongType() => random.Next(8) switch
    {
        0 => JsonValue.Create("not the right type"),
        1 => JsonValue.Create(12345),
        2 => JsonValue.Create(true),
        3 => new JsonArray(1, "two", null),
        4 => new JsonObject { ["nested"] = new JsonObject { ["x"] = 1 } },
        5 => JsonValue.Create(-1.5e300),
        6 => JsonValue.Create(""),
        _ => null,
    };

    private string Huge() => random.Next(3) switch
    {
        0 => new string('A', 100_000 + random.Next(50_000)),
        1 => string.Concat(Enumerable.Repeat("🫖\u202E", 40_000)),
        _ => string.Concat(Enumerable.Repeat("<x>&'\"\\", 20_000)),
    };

    private string HostileQueryValue() => Pick("-1", "a\u0000b", "0", "9223372036854775808", "abc", "", new string('9', 400), "1e400", "'; --", "\u202E", "🫖", "%", "null", "[]", "2147483648",
        new string('q', 100_000));

    private static string ValueText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<DateTimeOffset>(out var d) => d.ToString("O", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private T Pick<T>(params T[] options) => options[random.Next(options.Length)];
}
