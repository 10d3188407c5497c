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

    public static IServiceCollection AddSoukApiDocs(this IServiceCollection services)
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
            o.AddSchemaTransformer(DescribeActionFields);
            o.AddOperationTransformer(ApiExamples.AddToOperationAsync);
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Souk";
                doc.Info.Description = "Marketplace order engine: place, pay, cancel, ship, receive, refund — every refusal explained.";
                // The server list would be the address of whoever asked (a port, a host name): clients call the host
                // they fetched the document from, and the committed snapshot stays the same on every machine.
                doc.Servers = null;
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
    /// An action's field describes its value the way JSON Schema does, so a client can fill a body from the fields alone:
    /// say which types and formats there are, and that the options are values of that type (a boolean's is <c>true</c>).
    /// </summary>
    private static Task DescribeActionFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type != typeof(Features.Orders.ActionField) || schema.Properties is not { } properties) return Task.CompletedTask;
        schema.Description = "A field of the action's body, described as in JSON Schema.";
        if (properties.TryGetValue("type", out var type) && type is OpenApiSchema t)
        {
            t.Description = "The JSON type of the field's value.";
            t.Enum = Features.Orders.ActionField.Types.Select(name => (System.Text.Json.Nodes.JsonNode)name).ToList();
        }
        if (properties.TryGetValue("format", out var format) && format is OpenApiSchema f)
            f.Description = "Refines a string: date-time is an ISO 8601 time with its offset.";
        if (properties.TryGetValue("options", out var options) && options is OpenApiSchema o)
            o.Description = "The accepted values where there is a fixed list, each a JSON value of the field's type.";
        if (properties.TryGetValue("minimum", out var minimum) && minimum is OpenApiSchema min) min.Description = "The smallest accepted integer.";
        if (properties.TryGetValue("maximum", out var maximum) && maximum is OpenApiSchema max) max.Description = "The largest accepted integer.";
        return Task.CompletedTask;
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
