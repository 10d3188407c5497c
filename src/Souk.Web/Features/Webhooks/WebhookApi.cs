using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Data.Webhooks;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Webhooks;

/// <summary>
/// Webhook endpoints and their delivery logs (spec §7). A seller's endpoints receive its store's order events; an
/// admin's are the platform's and receive every store's. Each owner sees and manages only its own scope: another
/// scope's endpoint answers 404 like an unknown one.
/// </summary>
public static class WebhookApi
{
    public sealed record Body(string? Url, IReadOnlyList<string>? Events, string? Secret = null);
    public sealed record SecretBody(string? Secret = null);

    public sealed record EndpointView(long Id, string Scope, long? StoreId, string Url, IReadOnlyList<string> Events, bool Active,
        DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string SecretHint, int Pending, int DeadLettered)
    {
        /// <summary>Only in the answer that set it (create, rotate): Souk never shows a secret again.</summary>
        public string? Secret { get; init; }
    }

    public sealed record DeliveryView(long Id, string EventId, string EventType, long OrderId, WebhookDeliveryStatus Status, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError,
        string? LastAddress, DateTimeOffset? DeliveredAt, long? WaitingFor, string Explanation)
    {
        /// <summary>The exact JSON sent (in the single-delivery view).</summary>
        public string? Body { get; init; }
    }

    public const int DefaultDeliveryPageSize = 30;
    public const int MaxDeliveryPageSize = 100;

    public sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, long? NextBefore);

    public static void Map(RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks")
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Seller},{Roles.Admin}" });
        hooks.MapGet("/event-types", EventTypes).WithName("list-webhook-event-types")
            .WithSummary("The order events a webhook can subscribe to; subscribe with a name, a group such as dispute.*, or *")
            .ProducesProblem(401).ProducesProblem(403);
        hooks.MapGet("/", List).WithName("list-webhooks")
            .WithSummary("Your webhook endpoints: a seller's store endpoints, or an admin's platform endpoints, with their backlog")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        hooks.MapPost("/", Create).WithName("create-webhook")
            .WithSummary("Register an endpoint: URL, event types and a secret (one is generated when none is given; shown only in this answer)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        hooks.MapGet("/{id:long}", Get).WithName("get-webhook").WithSummary("One endpoint with its backlog")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        hooks.MapPut("/{id:long}", Update).WithName("update-webhook")
            .WithSummary("Change an endpoint's URL and event types (events already queued keep going to the new URL)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
        hooks.MapPost("/{id:long}/secret", RotateSecret).WithName("rotate-webhook-secret")
            .WithSummary("Replace the signing secret (given, or generated); later attempts are signed with the new one")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
        hooks.MapPost("/{id:long}/disable", Disable).WithName("disable-webhook")
            .WithSummary("Stop sending to an endpoint and stop queueing for it; what is queued waits until it is enabled")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        hooks.MapPost("/{id:long}/enable", Enable).WithName("enable-webhook")
            .WithSummary("Resume an endpoint: queued events are sent, new events are queued again")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        hooks.MapGet("/{id:long}/deliveries", Deliveries).WithName("list-webhook-deliveries")
            .WithSummary("The endpoint's delivery log, newest first (?status=, ?before=id pages back, ?limit up to 100)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        hooks.MapGet("/{id:long}/deliveries/{deliveryId:long}", Delivery).WithName("get-webhook-delivery")
            .WithSummary("One delivery with the exact body sent")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        hooks.MapPost("/{id:long}/deliveries/{deliveryId:long}/replay", Replay).WithName("replay-webhook-delivery")
            .WithSummary("Send a dead-lettered, skipped or delivered event again, with a fresh retry window; later events of its order wait for it")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        hooks.MapPost("/{id:long}/deliveries/{deliveryId:long}/skip", Skip).WithName("skip-webhook-delivery")
            .WithSummary("Give up on a dead-lettered event so its order's later events are sent")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
    }

    private static Ok<IReadOnlyList<string>> EventTypes() => TypedResults.Ok(OrderEventKinds.All);

    internal static async Task<Ok<List<EndpointView>>> List(ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var scope = await ScopeAsync(actors, ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.StoreId == scope).OrderBy(e => e.Id).ToListAsync(ct);
        var views = new List<EndpointView>();
        foreach (var e in endpoints) views.Add(await ViewAsync(e, db, ct));
        return TypedResults.Ok(views);
    }

    internal static async Task<Created<EndpointView>> Create(Body body, ActorAccessor actors, SoukDbContext db, TimeProvider clock,
        IOptions<SoukOptions> options, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        var scope = await ScopeAsync(actors, ct);
        var settings = options.Value.Webhooks;
        var url = CheckUrl(body.Url, settings);
        var events = CheckEvents(body.Events);
        var secret = CheckSecret(body.Secret) ?? WebhookSignature.NewSecret();
        if (await db.WebhookEndpoints.CountAsync(e => e.StoreId == scope && e.IsActive, ct) >= settings.MaxEndpoints)
            throw RuleViolation.Refused("webhook.too-many", null, ("max", settings.MaxEndpoints)).ToException();
        var endpoint = new WebhookEndpoint
        {
            StoreId = scope, CreatedById = actor.UserId ?? "", Url = url, Events = string.Join(' ', events), Secret = secret,
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{endpoint.Id}", await ViewAsync(endpoint, db, ct) with { Secret = secret });
    }

    internal static async Task<Ok<EndpointView>> Get(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(await FindAsync(id, actors, db, ct), db, ct));

    private static async Task<Ok<EndpointView>> Update(long id, Body body, ActorAccessor actors, SoukDbContext db, IOptions<SoukOptions> options,
        CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        endpoint.Url = CheckUrl(body.Url, options.Value.Webhooks);
        endpoint.Events = string.Join(' ', CheckEvents(body.Events));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(endpoint, db, ct));
    }

    internal static async Task<Ok<EndpointView>> RotateSecret(long id, SecretBody? body, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        endpoint.Secret = CheckSecret(body?.Secret) ?? WebhookSignature.NewSecret();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(endpoint, db, ct) with { Secret = endpoint.Secret });
    }

    internal static async Task<Ok<EndpointView>> Disable(long id, ActorAccessor actors, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        if (!endpoint.IsActive) throw RuleViolation.Refused("webhook.already-disabled", null, ("since", endpoint.DisabledAt)).ToException();
        endpoint.IsActive = false;
        endpoint.DisabledAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(endpoint, db, ct));
    }

    internal static async Task<Ok<EndpointView>> Enable(long id, ActorAccessor actors, SoukDbContext db, IOptions<SoukOptions> options, CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        if (endpoint.IsActive) throw RuleViolation.Refused("webhook.already-enabled").ToException();
        var max = options.Value.Webhooks.MaxEndpoints;
        if (await db.WebhookEndpoints.CountAsync(e => e.StoreId == endpoint.StoreId && e.IsActive, ct) >= max)
            throw RuleViolation.Refused("webhook.too-many", null, ("max", max)).ToException();
        endpoint.IsActive = true;
        endpoint.DisabledAt = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(endpoint, db, ct));
    }

    internal static async Task<Ok<DeliveryPage>> Deliveries(long id, WebhookDeliveryStatus? status, long? before, int? limit, ActorAccessor actors,
        SoukDbContext db, CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        var take = limit ?? DefaultDeliveryPageSize;
        if (take is < 1 or > MaxDeliveryPageSize)
            throw RuleViolation.Invalid("webhook-deliveries.bad-limit", "limit", ("max", MaxDeliveryPageSize)).ToException();
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpoint.Id);
        if (status is { } s) query = query.Where(d => d.Status == s);
        if (before is { } b) query = query.Where(d => d.Id < b);
        var rows = await query.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var blockers = await BlockersAsync(endpoint.Id, page, db, ct);
        var items = page.Select(d => View(d, blockers)).ToList();
        return TypedResults.Ok(new DeliveryPage(items, rows.Count > take ? items[^1].Id : null));
    }

    private static async Task<Ok<DeliveryView>> Delivery(long id, long deliveryId, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        var delivery = await FindDeliveryAsync(endpoint, deliveryId, db, ct);
        var blockers = await BlockersAsync(endpoint.Id, [delivery], db, ct);
        return TypedResults.Ok(View(delivery, blockers) with { Body = delivery.Body });
    }

    internal static async Task<Ok<DeliveryView>> Replay(long id, long deliveryId, ActorAccessor actors, SoukDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        var delivery = await FindDeliveryAsync(endpoint, deliveryId, db, ct);
        var now = clock.GetUtcNow();
        // One conditional update: of a replay and a skip racing on one delivery, exactly one wins; the other is 409.
        var changed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status != WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.RetryFrom, now)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.LeasedUntil, (DateTimeOffset?)null), ct);
        if (changed == 0) throw RuleViolation.Refused("webhook-delivery.already-pending", delivery.NextAttemptAt).ToException();
        return await Delivery(id, deliveryId, actors, db, ct);
    }

    internal static async Task<Ok<DeliveryView>> Skip(long id, long deliveryId, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var endpoint = await FindAsync(id, actors, db, ct);
        var delivery = await FindDeliveryAsync(endpoint, deliveryId, db, ct);
        var changed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.DeadLettered)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.Skipped), ct);
        if (changed == 0) throw RuleViolation.Refused("webhook-delivery.not-dead-lettered", null, ("status", delivery.Status.ToString())).ToException();
        return await Delivery(id, deliveryId, actors, db, ct);
    }

    /// <summary>A seller manages its store's endpoints; an admin the platform's (scope null).</summary>
    private static async Task<long?> ScopeAsync(ActorAccessor actors, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        return actor.Role == ActorRole.Admin ? null : await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
    }

    private static async Task<WebhookEndpoint> FindAsync(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var scope = await ScopeAsync(actors, ct);
        return await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id && e.StoreId == scope, ct)
            ?? throw new NotFoundException("webhook.not-found", RefusalMessages.Render("webhook.not-found", new Dictionary<string, object?>()));
    }

    private static async Task<WebhookDelivery> FindDeliveryAsync(WebhookEndpoint endpoint, long deliveryId, SoukDbContext db, CancellationToken ct) =>
        await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpoint.Id, ct)
        ?? throw new NotFoundException("webhook-delivery.not-found",
            RefusalMessages.Render("webhook-delivery.not-found", new Dictionary<string, object?>()));

    private static string CheckUrl(string? url, WebhookOptions settings) =>
        WebhookTargets.Problem(url?.Trim(), settings.AllowInsecureTargets, out var uri) is { } problem
            ? throw RuleViolation.Invalid(problem.Code, "url", problem.Args).ToException()
            : uri!.AbsoluteUri;

    private static List<string> CheckEvents(IReadOnlyList<string>? events)
    {
        var list = (events ?? []).Select(e => e?.Trim() ?? "").Distinct().ToList();
        if (list.Count == 0) throw RuleViolation.Invalid("webhook.events-required", "events").ToException();
        if (list.FirstOrDefault(e => e.Length > 60 || !OrderEventKinds.IsValidSubscription(e)) is { } unknown)
            throw RuleViolation.Invalid("webhook.event-unknown", "events", ("event", TextShortening.Shorten(unknown, 61))).ToException();
        return list.Contains("*") ? ["*"] : list;
    }

    private const int MinSecretLength = 16, MaxSecretLength = 200;

    private static string? CheckSecret(string? secret)
    {
        if (secret is null) return null;
        if (secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(char.IsWhiteSpace))
            throw RuleViolation.Invalid("webhook.secret-invalid", "secret", ("min", MinSecretLength), ("max", MaxSecretLength)).ToException();
        return secret;
    }

    private static async Task<EndpointView> ViewAsync(WebhookEndpoint e, SoukDbContext db, CancellationToken ct)
    {
        var backlog = await db.WebhookDeliveries.Where(d => d.EndpointId == e.Id
                && (d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.DeadLettered))
            .GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(WebhookDeliveryStatus s) => backlog.FirstOrDefault(b => b.Key == s)?.Count ?? 0;
        return new EndpointView(e.Id, e.StoreId is null ? "platform" : "store", e.StoreId, e.Url, e.Subscriptions, e.IsActive, e.CreatedAt,
            e.DisabledAt, "…" + e.Secret[^4..], Count(WebhookDeliveryStatus.Pending), Count(WebhookDeliveryStatus.DeadLettered));
    }

    /// <summary>For each pending delivery on the page, the dead-lettered one of the same order holding it back, if any.</summary>
    private static async Task<Dictionary<long, long>> BlockersAsync(long endpointId, IReadOnlyList<WebhookDelivery> page, SoukDbContext db,
        CancellationToken ct)
    {
        var orderIds = page.Where(d => d.Status == WebhookDeliveryStatus.Pending).Select(d => d.OrderId).Distinct().ToList();
        if (orderIds.Count == 0) return [];
        var dead = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId && orderIds.Contains(d.OrderId) && d.Status == WebhookDeliveryStatus.DeadLettered)
            .Select(d => new { d.Id, d.OrderId }).ToListAsync(ct);
        var blockers = new Dictionary<long, long>();
        foreach (var d in page.Where(d => d.Status == WebhookDeliveryStatus.Pending))
            if (dead.Where(x => x.OrderId == d.OrderId && x.Id < d.Id).OrderBy(x => x.Id).FirstOrDefault() is { } blocker)
                blockers[d.Id] = blocker.Id;
        return blockers;
    }

    /// <summary>Why a delivery is where it is: the one decision behind the API's <see cref="DeliveryView.Explanation"/>
    /// and the sentence the delivery-log page words in the viewer's language.</summary>
    public enum DeliveryWhy { Delivered, Skipped, DeadLettered, WaitingBehind, Queued, Retrying }

    public static DeliveryWhy Why(WebhookDeliveryStatus status, int attempts, long? waitingFor) => status switch
    {
        WebhookDeliveryStatus.Delivered => DeliveryWhy.Delivered,
        WebhookDeliveryStatus.Skipped => DeliveryWhy.Skipped,
        WebhookDeliveryStatus.DeadLettered => DeliveryWhy.DeadLettered,
        _ when waitingFor is not null => DeliveryWhy.WaitingBehind,
        _ when attempts == 0 => DeliveryWhy.Queued,
        _ => DeliveryWhy.Retrying,
    };

    private static DeliveryView View(WebhookDelivery d, IReadOnlyDictionary<long, long> blockers)
    {
        long? waitingFor = blockers.TryGetValue(d.Id, out var b) ? b : null;
        var explanation = Why(d.Status, d.Attempts, waitingFor) switch
        {
            DeliveryWhy.Delivered => "Delivered: the receiver answered 2xx.",
            DeliveryWhy.Skipped => "Skipped by an operator; it will not be sent unless replayed.",
            DeliveryWhy.DeadLettered =>
                "Retries ran out. Later events of this order wait behind it: replay it to send it again, or skip it to let them go.",
            DeliveryWhy.WaitingBehind => $"Waiting behind dead-lettered delivery {waitingFor} of the same order; replay or skip that one first.",
            DeliveryWhy.Queued => "Queued; it is sent once earlier events of the same order have been delivered.",
            _ => $"Attempt {d.Attempts} failed ({d.LastError}); retrying at {d.NextAttemptAt:O}.",
        };
        return new DeliveryView(d.Id, d.EventId, d.EventType, d.OrderId, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.LastAttemptAt,
            d.LastStatusCode, d.LastError, d.LastAddress, d.DeliveredAt, waitingFor, explanation);
    }
}
