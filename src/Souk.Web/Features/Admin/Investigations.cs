using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Admin;

/// <summary>
/// Complaints and investigations (spec §3): a buyer complains about a store; an admin opens an investigation, which
/// freezes the store's orders with money held; the store submits evidence within InvestigationEvidenceWindow; the admin
/// clears the store (orders thaw, countdowns moved on) or blocks it (listings hidden, frozen and unpaid orders annulled
/// with full refunds). No evidence in time blocks it automatically (the sweeper).
/// </summary>
public static class Investigations
{
    public sealed record ComplaintBody(string? Reason, string? Text = null);
    public sealed record ComplaintView(long Id, long StoreId, string BuyerId, string Reason, string Text, DateTimeOffset At);
    public sealed record OpenBody(string? Reason);
    public sealed record EvidenceBody(string? Evidence);
    public sealed record CloseBody(string? Outcome, string? Decision);
    public sealed record InvestigationView(long Id, long StoreId, InvestigationStatus Status, string Reason, DateTimeOffset OpenedAt, DateTimeOffset EvidenceDueAt,
        string? Evidence, DateTimeOffset? EvidenceAt, string? Decision, DateTimeOffset? ClosedAt)
    {
        public static InvestigationView Of(StoreInvestigation i) =>
            new(i.Id, i.StoreId, i.Status, i.Reason, i.OpenedAt, i.EvidenceDueAt, i.Evidence, i.EvidenceAt, i.Decision, i.ClosedAt);
    }

    public static readonly IReadOnlyList<string> ComplaintReasons = ["NotShipping", "Counterfeit", "Misleading", "Abusive", "Other"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/stores/{id:long}/complaints", Complain).RequireAuthorization(Roles.Buyer).WithTags("Complaints")
            .WithName("complain-about-store").WithSummary("File a complaint against a store (reason + text) for admins to review")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        api.MapPost("/stores/mine/investigation/evidence", SubmitEvidence).RequireAuthorization(Roles.Seller).WithTags("Complaints")
            .WithName("submit-investigation-evidence").WithSummary("The seller answers an open investigation of their store with evidence")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/stores/mine/investigation", Mine).RequireAuthorization(Roles.Seller).WithTags("Complaints")
            .WithName("my-store-investigations").WithSummary("Investigations of the seller's store, newest first")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Roles.Admin);
        admin.MapGet("/complaints", Complaints).WithName("list-complaints").WithSummary("Complaints against stores, newest first (?storeId filters)")
            .ProducesProblem(401).ProducesProblem(403);
        admin.MapPost("/stores/{id:long}/investigation", Open).WithName("open-investigation")
            .WithSummary("Open an investigation of a store: its orders with money held are frozen until it is cleared or blocked")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/stores/{id:long}/investigation/close", Close).WithName("close-investigation")
            .WithSummary("Clear the store (orders thaw) or block it (listings hidden; frozen and unpaid orders annulled and refunded)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/investigations", List).WithName("list-investigations")
            .WithSummary("Investigations of stores, newest first; ?status=open (awaiting evidence or evidence submitted), AwaitingEvidence, EvidenceSubmitted, Cleared or Blocked filters")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
    }

    /// <summary>The filters <c>?status=</c> takes: "open" or one status.</summary>
    public static readonly IReadOnlyList<string> StatusFilters = ["open", .. Enum.GetNames<InvestigationStatus>()];

    public const int MaxInvestigations = 200;

    private static async Task<Ok<List<InvestigationView>>> List(string? status, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(status, db, ct));

    /// <summary>Investigations, newest first, optionally by status (the API's list and the admin desk).</summary>
    public static async Task<List<InvestigationView>> ListAsync(string? status, SoukDbContext db, CancellationToken ct)
    {
        var query = db.StoreInvestigations.AsNoTracking();
        if (string.Equals(status, "open", StringComparison.OrdinalIgnoreCase))
            query = query.Where(i => i.Status == InvestigationStatus.AwaitingEvidence || i.Status == InvestigationStatus.EvidenceSubmitted);
        else if (status is not null)
        {
            if (!Enum.TryParse<InvestigationStatus>(status, ignoreCase: true, out var wanted) || int.TryParse(status, out _))
                throw RuleViolation.Invalid("investigation.unknown-status", "status", ("status", status), ("allowed", string.Join(", ", StatusFilters))).ToException();
            query = query.Where(i => i.Status == wanted);
        }
        var rows = await query.OrderByDescending(i => i.Id).Take(MaxInvestigations).ToListAsync(ct);
        return rows.Select(InvestigationView.Of).ToList();
    }

    private static async Task<Created<ComplaintView>> Complain(long id, ComplaintBody body, ActorAccessor actors, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var buyerId = (await actors.GetAsync(ct)).UserId!;
        if (!await db.Stores.AnyAsync(s => s.Id == id, ct)) throw NotFound();
        if (body.Reason is null || !ComplaintReasons.Contains(body.Reason))
            throw RuleViolation.Invalid("complaint.unknown-reason", "reason", ("allowed", string.Join(", ", ComplaintReasons))).ToException();
        var text = body.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000) throw RuleViolation.Invalid("complaint.text-invalid", "text", ("max", 2000)).ToException();
        var complaint = new StoreComplaint { StoreId = id, BuyerId = buyerId, Reason = body.Reason, Text = text, At = clock.GetUtcNow() };
        db.StoreComplaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/complaints?storeId={id}", View(complaint));
    }

    internal static async Task<Ok<List<ComplaintView>>> Complaints(long? storeId, SoukDbContext db, CancellationToken ct)
    {
        var query = db.StoreComplaints.AsNoTracking();
        if (storeId is { } s) query = query.Where(c => c.StoreId == s);
        return TypedResults.Ok((await query.OrderByDescending(c => c.Id).Take(200).ToListAsync(ct)).Select(View).ToList());
    }

    internal static async Task<Created<InvestigationView>> Open(long id, OpenBody body, ActorAccessor actors, StoreInvestigator investigator, CancellationToken ct)
    {
        var admin = await actors.GetAsync(ct);
        var investigation = await Guard(() => investigator.OpenAsync(id, admin, body.Reason, ct));
        return TypedResults.Created($"/api/admin/stores/{id}/investigation", InvestigationView.Of(investigation));
    }

    internal static async Task<Ok<InvestigationView>> Close(long id, CloseBody body, StoreInvestigator investigator, SoukDbContext db, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == id, ct)) throw NotFound();
        var blocked = body.Outcome switch
        {
            "cleared" => false,
            "blocked" => true,
            _ => throw RuleViolation.Invalid("investigation.outcome-invalid", "outcome", ("allowed", "cleared, blocked")).ToException(),
        };
        return TypedResults.Ok(InvestigationView.Of(await investigator.CloseAsync(id, blocked, body.Decision, ct)));
    }

    internal static async Task<Ok<InvestigationView>> SubmitEvidence(EvidenceBody body, ActorAccessor actors, StoreInvestigator investigator, CancellationToken ct)
    {
        var storeId = await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
        return TypedResults.Ok(InvestigationView.Of(await investigator.SubmitEvidenceAsync(storeId, body.Evidence, ct)));
    }

    internal static async Task<Ok<List<InvestigationView>>> Mine(ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var storeId = await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
        var rows = await db.StoreInvestigations.AsNoTracking().Where(i => i.StoreId == storeId).OrderByDescending(i => i.Id).Take(50).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(InvestigationView.Of).ToList());
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try { return await action(); }
        catch (StoreNotFoundException) { throw NotFound(); }
    }

    private static NotFoundException NotFound() =>
        new("store.not-found", RefusalMessages.Render("store.not-found", new Dictionary<string, object?>()));

    private static ComplaintView View(StoreComplaint c) => new(c.Id, c.StoreId, c.BuyerId, c.Reason, c.Text, c.At);
}
