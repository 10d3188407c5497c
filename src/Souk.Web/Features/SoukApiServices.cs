using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Souk.Web.Features.Deadlines;
using Souk.Web.Features.Orders;
using Souk.Web.Features.Webhooks;
using Souk.Web.Infrastructure;
using Souk.Web.Infrastructure.Telemetry;

namespace Souk.Web.Features;

/// <summary>
/// The registrations that name features, beside <see cref="SoukApi"/> (which maps their endpoints), so that
/// <c>Infrastructure</c> never points at <c>Features</c>: the API's services and its document's feature parts, and the
/// loops that run beside the requests.
/// </summary>
public static class SoukApiServices
{
    /// <summary>
    /// The loops that run beside the requests: the deadline sweeper and the webhook dispatcher. Only the server registers
    /// them; the operations commands (<c>SoukCommands</c>) build the same services without them.
    /// </summary>
    public static WebApplicationBuilder AddSoukBackgroundWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeadlineSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<SoukOptions>>().Value.Webhooks.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookTargets.Handler(
                sp.GetRequiredService<IOptions<SoukOptions>>().Value.Webhooks.AllowInsecureTargets,
                sp.GetRequiredService<WebhookTargets.Resolver>()));
        // The real DNS; tests put their own resolver in first to point a name at an address.
        builder.Services.TryAddSingleton(new WebhookTargets.Resolver(System.Net.Dns.GetHostAddressesAsync));
        // The sweeper's readiness, beside the database's and the migrations' (AddSoukData).
        builder.Services.AddHealthChecks().AddCheck<SweeperHealthCheck>("sweeper", tags: [SoukHealth.Ready]);
        return builder;
    }

    public static WebApplicationBuilder AddSoukApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NoNulStringConverter());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
            // The body is read as strictly as the OpenAPI document describes it: a number only as a JSON number (the web
            // defaults also read "100" as 100), a property at most once (the defaults keep the last of two), and every
            // required field present (StrictBodies) — each refused as a 400 naming the field (ProblemMapping).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(o.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
                StrictBodies.RequireFields);
        });
        builder.Services.AddScoped<OrderActionRunner>();
        // Unreadable bodies reach ProblemMapping in every environment, so they too get a code and the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Refusals made before any handler runs — a body past the server's size limit (Kestrel's 413), no or the wrong
        // sign-in (the authorization middleware's 401/403), no such route or an id that fails its route constraint
        // (404), the wrong method (405) or body type (415) — are bare status codes; give each a stable code like every
        // other refusal, so every 4xx a client sees is a problem with a code.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (ctx.ProblemDetails.Extensions.ContainsKey("code"))
            {
                CountRefusal(ctx);
                return;
            }
            if (ctx.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                var tooLarge = ProblemMapping.TooLarge();
                ctx.ProblemDetails.Extensions["code"] = tooLarge.Extensions["code"];
                ctx.ProblemDetails.Detail ??= tooLarge.Detail;
            }
            else if (ProblemMapping.BareStatusCode(ctx.ProblemDetails.Status) is { } code)
            {
                ctx.ProblemDetails.Extensions["code"] = code;
                ctx.ProblemDetails.Detail ??= RefusalMessages.Render(code, new Dictionary<string, object?>());
            }
            CountRefusal(ctx);
        });
        builder.Services.AddExceptionHandler<ProblemMapping>();

        // Every problem Souk answers is written through here, so this is where refusals are counted by code.
        static void CountRefusal(ProblemDetailsContext ctx)
        {
            if (ctx.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string c)
                ctx.HttpContext.RequestServices.GetService<SoukMetrics>()?.Refused(c);
        }
        builder.Services.AddSoukApiDocs(o =>
        {
            o.AddSchemaTransformer(DescribeActionFields);
            o.AddOperationTransformer(ApiExamples.AddToOperationAsync);
        });
        return builder;
    }

    /// <summary>
    /// An action's field describes its value the way JSON Schema does, so a client can fill a body from the fields alone:
    /// say which types and formats there are, and that the options are values of that type (a boolean's is <c>true</c>).
    /// </summary>
    private static Task DescribeActionFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type != typeof(ActionField) || schema.Properties is not { } properties) return Task.CompletedTask;
        schema.Description = "A field of the action's body, described as in JSON Schema.";
        if (properties.TryGetValue("type", out var type) && type is OpenApiSchema t)
        {
            t.Description = "The JSON type of the field's value.";
            t.Enum = ActionField.Types.Select(name => (System.Text.Json.Nodes.JsonNode)name).ToList();
        }
        if (properties.TryGetValue("format", out var format) && format is OpenApiSchema f)
            f.Description = "Refines a string: date-time is an ISO 8601 time with its offset.";
        if (properties.TryGetValue("options", out var options) && options is OpenApiSchema o)
            o.Description = "The accepted values where there is a fixed list, each a JSON value of the field's type.";
        if (properties.TryGetValue("minimum", out var minimum) && minimum is OpenApiSchema min) min.Description = "The smallest accepted integer.";
        if (properties.TryGetValue("maximum", out var maximum) && maximum is OpenApiSchema max) max.Description = "The largest accepted integer.";
        return Task.CompletedTask;
    }
}
