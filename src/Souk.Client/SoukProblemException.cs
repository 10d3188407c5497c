using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Souk.Client;

/// <summary>
/// Souk refused: the RFC 9457 problem it answered with — the stable <see cref="Code"/> to branch on, the sentence
/// (<see cref="Detail"/>) to show a person, the rule's <see cref="Arguments"/>, and <see cref="PossibleFrom"/> when the
/// action becomes possible later. <see cref="RefusedLocally"/> is true when the client refused without calling Souk,
/// from the order's own <c>actions</c> (see <see cref="SoukClient.ActAsync"/>).
/// </summary>
public sealed class SoukProblemException(
    HttpStatusCode status, string code, string? title, string? detail, IReadOnlyDictionary<string, JsonElement> arguments,
    DateTimeOffset? possibleFrom, IReadOnlyDictionary<string, string[]> errors, bool refusedLocally = false)
    : Exception($"{(int)status} {code}: {detail ?? title}")
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, JsonElement> Arguments { get; } = arguments;
    public DateTimeOffset? PossibleFrom { get; } = possibleFrom;

    /// <summary>For bad input (400): the field and what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public bool RefusedLocally { get; } = refusedLocally;

    /// <summary>Reads a problem body (<c>application/problem+json</c>).</summary>
    public static SoukProblemException FromProblem(HttpStatusCode status, JsonObject problem)
    {
        var arguments = problem["arguments"] is JsonObject args
            ? args.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value))
            : new Dictionary<string, JsonElement>();
        var errors = problem["errors"] is JsonObject fields
            ? fields.ToDictionary(f => f.Key, f => f.Value is JsonArray list ? list.Select(m => m?.ToString() ?? "").ToArray() : [f.Value?.ToString() ?? ""])
            : new Dictionary<string, string[]>();
        return new SoukProblemException(status, Text(problem["code"]) ?? $"http.{(int)status}", Text(problem["title"]), Text(problem["detail"]),
            arguments, problem["possibleFrom"] is { } from ? from.GetValue<DateTimeOffset>() : null, errors);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
