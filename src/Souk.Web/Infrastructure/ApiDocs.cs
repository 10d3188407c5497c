using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Souk.Web.Infrastructure;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and, in Development, the interactive reference (Scalar, at
/// <c>/scalar</c>). The document is committed as <c>docs/openapi.json</c> and the typed client is generated from that
/// file, so it must not depend on the machine that made it: no server address, examples from fixed values.
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddSoukApiDocs(this IServiceCollection services, Action<OpenApiOptions> describeFeatures)
    {
        services.AddOpenApi(o =>
        {
            // Many endpoints name their body record "Body" (nested in the feature's class); by default they would all
            // share one schema "Body" and the document would describe the wrong body for most of them. A nested type's
            // schema is named after its class too ("StoreCouponsBody", "WebhookApiBody").
            o.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id
                && type.Type.IsNested && type.Type.DeclaringType is { } outer && !type.Type.IsEnum
                ? outer.Name.Split('`')[0] + id
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            o.AddSchemaTransformer(DescribeStrings);
            // The features' own descriptions and examples, between the generic ones and the document's last touches.
            describeFeatures(o);
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Souk";
                doc.Info.Description = "Marketplace order engine: place, pay, cancel, ship, receive, refund — every refusal explained.";
                // The server list would be the address of whoever asked (a port, a host name): clients call the host
                // they fetched the document from, and the committed snapshot stays the same on every machine.
                doc.Servers = null;
                RequiredIsNotNull(doc);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapSoukApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        // The interactive reference is a developer's tool; production serves the document only.
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference(o => o.WithTitle("Souk API"));
        return app;
    }

    /// <summary>
    /// A required field of a request body (a constructor parameter without a default — the generator's rule for
    /// <c>required</c>, and <see cref="StrictBodies"/>' for the parser) is refused as missing when it is null too, so the
    /// document does not offer null for it: the generator describes the record's nullable parameter as "null or …" (an
    /// enum as <c>oneOf: [{type: null}, {$ref}]</c>, made after the schema transformers), and this drops the "null".
    /// Only in request bodies and the objects inside them: an answer's null fields are really null.
    /// </summary>
    private static void RequiredIsNotNull(OpenApiDocument doc)
    {
        if (doc.Components?.Schemas is not { } schemas) return;
        var bodies = new HashSet<string>();
        var next = new Queue<IOpenApiSchema>(doc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.RequestBody?.Content?.Values ?? []).Select(m => m.Schema).OfType<IOpenApiSchema>());
        while (next.TryDequeue(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (bodies.Add(id) && schemas.TryGetValue(id, out var target)) next.Enqueue(target);
                continue;
            }
            foreach (var inner in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Append(schema.Items).OfType<IOpenApiSchema>())
                next.Enqueue(inner);
        }
        foreach (var id in bodies)
        {
            if (schemas[id] is not OpenApiSchema { Properties: { } properties, Required: { } required }) continue;
            foreach (var name in required)
            {
                if (!properties.TryGetValue(name, out var described)) continue;
                if (described is OpenApiSchema { Type: { } type } plain && type.HasFlag(JsonSchemaType.Null))
                    plain.Type = type & ~JsonSchemaType.Null;
                else if (described is OpenApiSchema { OneOf: [var first, var second] })
                {
                    if (first is OpenApiSchema { Type: JsonSchemaType.Null }) properties[name] = second;
                    else if (second is OpenApiSchema { Type: JsonSchemaType.Null }) properties[name] = first;
                }
            }
        }
    }

    /// <summary>
    /// Souk reads every string through <see cref="NoNulStringConverter"/>; the generator cannot see through a custom
    /// converter and would describe every text field as "anything" (<c>{}</c>), which typed clients turn into
    /// <c>object</c>. They are strings — nullable where the record says so.
    /// </summary>
    private static Task DescribeStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type != typeof(string) || schema.Type is not null || schema.Items is not null) return Task.CompletedTask;
        schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        return Task.CompletedTask;
    }
}
