using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Which fields of a request body are required, in one rule the parser and the OpenAPI document share: a body is a
/// positional record, and a constructor parameter without a default value is required; one with a default
/// (<c>string? Comment = null</c>) may be left out. The document's generator lists exactly the former as
/// <c>required</c> (and <see cref="ApiDocs"/> says they may not be null); this modifier makes the parser refuse a body
/// that leaves one out or sends it as <c>null</c> — 400 <c>request.field-required</c> naming each field — instead of
/// letting the handler guess (a missing quantity once became 1).
/// </summary>
/// <remarks>
/// Why not <c>RespectRequiredConstructorParameters</c>: it refuses only a missing field (not an explicit null) and says
/// which ones only inside its English message. The records keep nullable parameters so that the pages, which build
/// the same records in C#, go on reaching the handlers' own checks.
/// </remarks>
public static class StrictBodies
{
    public static void RequireFields(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !IsRequestBody(info.Type)) return;
        var required = info.Properties.Where(IsRequired).ToArray();
        if (required.Length == 0) return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            var missing = required.Where(p => p.Get?.Invoke(value) is null).Select(p => p.Name).ToArray();
            if (missing.Length > 0) throw new FieldRequiredException(missing);
        };
    }

    /// <summary>
    /// A request body: by the features' convention a record named <c>…Body</c>, and the records inside one (a checkout's
    /// <c>ShippingChoice</c>). Answers are records too, but every field of an answer is always there (null where it
    /// says so), so the rule is not theirs. A body named otherwise would be described as strict but read leniently:
    /// <c>BadInputTests.EveryBody_IsReadAsStrictlyAsTheOpenApiDocumentSays</c> walks the document and would fail.
    /// </summary>
    public static bool IsRequestBody(Type type) => Bodies.Value.Contains(type);

    private static readonly Lazy<HashSet<Type>> Bodies = new(() =>
    {
        var found = new HashSet<Type>();
        var next = new Queue<Type>(typeof(StrictBodies).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Body", StringComparison.Ordinal)));
        while (next.TryDequeue(out var type))
        {
            if (!found.Add(type)) continue;
            foreach (var property in type.GetProperties())
                foreach (var inner in Parts(property.PropertyType))
                    if (inner.IsClass && inner.Assembly == typeof(StrictBodies).Assembly) next.Enqueue(inner);
        }
        return found;
    });

    private static IEnumerable<Type> Parts(Type type) => type.IsGenericType ? type.GetGenericArguments().SelectMany(Parts) : [type];

    /// <summary>The rule itself: a constructor parameter without a default value.</summary>
    public static bool IsRequired(JsonPropertyInfo property) => property.AssociatedParameter is { HasDefaultValue: false };
}

/// <summary>
/// A body left out required fields (JSON names, relative to <see cref="JsonException.Path"/>, which the serializer sets
/// to the object that lacks them). A <see cref="JsonException"/>, so the serializer adds where it happened.
/// </summary>
public sealed class FieldRequiredException(IReadOnlyList<string> fields)
    : JsonException(string.Create(CultureInfo.InvariantCulture, $"Required: {string.Join(", ", fields)}."))
{
    public IReadOnlyList<string> Fields { get; } = fields;
}
