using Microsoft.EntityFrameworkCore;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;

namespace Souk.Data;

/// <summary>
/// Investigations of stores (spec §3, Complaints and frozen orders). The investigation is its own record; what it does
/// to orders — freeze, thaw, annul — goes order by order through <see cref="OrderWriter.ChangeAsync"/>, the one commit
/// step. Each of those steps is idempotent and <see cref="SettleAsync"/> finishes whatever a crash left half done, so
/// the sweeper can always bring a store's orders in line with its investigations.
/// </summary>
public sealed class StoreInvestigator(SoukDbContext db, OrderWriter writer, TimeProvider clock, Rulebook rules)
{
    public async Task<StoreInvestigation> OpenAsync(long storeId, Actor admin, string? reason, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == storeId, ct)) throw new StoreNotFoundException(storeId);
        if (await db.StoreInvestigations.AnyAsync(i => i.StoreId == storeId
                && (i.Status == InvestigationStatus.AwaitingEvidence || i.Status == InvestigationStatus.EvidenceSubmitted), ct))
            throw RuleViolation.Refused("investigation.already-open", null, ("storeId", storeId)).ToException();
        var investigation = new StoreInvestigation(storeId, admin.UserId ?? "", reason ?? "", clock.GetUtcNow(), rules.Policy);
        db.StoreInvestigations.Add(investigation);
        await db.SaveChangesAsync(ct);
        await SettleAsync(storeId, ct);
        return investigation;
    }

    public async Task<StoreInvestigation> SubmitEvidenceAsync(long storeId, string? evidence, CancellationToken ct)
    {
        var investigation = await OpenOfAsync(storeId, ct)
            ?? throw RuleViolation.Refused("investigation.none-open").ToException();
        investigation.SubmitEvidence(evidence, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return investigation;
    }

    /// <summary>The admin clears or blocks the store; its frozen (and, when blocked, unpaid) orders follow.</summary>
    public async Task<StoreInvestigation> CloseAsync(long storeId, bool blocked, string? decision, CancellationToken ct)
    {
        var investigation = await OpenOfAsync(storeId, ct)
            ?? throw RuleViolation.Refused("investigation.none-open").ToException();
        await CloseAsync(investigation, blocked, decision, ct);
        return investigation;
    }

    /// <summary>The sweeper's part: stores that sent no evidence in time are blocked; stores left half done are settled.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.StoreInvestigations.Where(i => i.Status == InvestigationStatus.AwaitingEvidence && i.EvidenceDueAt <= now)
            .OrderBy(i => i.EvidenceDueAt).Take(20).ToListAsync(ct);
        foreach (var investigation in due)
            await CloseAsync(investigation, blocked: true, "No evidence was submitted within the investigation's evidence window.", ct);

        // Frozen orders whose store has no open investigation any more (a crash between closing and thawing).
        var openStores = db.StoreInvestigations.Where(i => i.Status == InvestigationStatus.AwaitingEvidence || i.Status == InvestigationStatus.EvidenceSubmitted)
            .Select(i => i.StoreId);
        var loose = await db.Orders.Where(o => o.FrozenSince != null && !openStores.Contains(o.StoreId)).Select(o => o.StoreId).Distinct().OrderBy(id => id).Take(20).ToListAsync(ct);
        foreach (var storeId in loose) await SettleAsync(storeId, ct);
        return due.Count + loose.Count;
    }

    private async Task CloseAsync(StoreInvestigation investigation, bool blocked, string? decision, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        investigation.Close(blocked, decision, now);
        if (blocked)
        {
            var store = await db.Stores.FirstAsync(s => s.Id == investigation.StoreId, ct);
            store.Block(now);
            foreach (var listing in await db.Listings.Where(l => l.StoreId == store.Id && l.IsListed).ToListAsync(ct)) listing.Delist();
        }
        await db.SaveChangesAsync(ct);
        await SettleAsync(investigation.StoreId, ct);
    }

    /// <summary>
    /// Brings the store's orders in line with its investigations: open → orders with money held frozen, whatever their
    /// main state (a received order waiting for its escrow release too); blocked → frozen and unpaid orders annulled,
    /// refunding what escrow holds; cleared → frozen orders thawed, their countdowns moved on. The sweeper calls it again
    /// for frozen orders a crash left behind, so each branch picks its orders by their freeze, not by their main state.
    /// </summary>
    public async Task SettleAsync(long storeId, CancellationToken ct)
    {
        var open = await OpenOfAsync(storeId, ct) is not null;
        var blocked = await db.Stores.Where(s => s.Id == storeId).Select(s => s.BlockedAt != null).FirstAsync(ct);
        var query = db.Orders.Where(o => o.StoreId == storeId);
        query = blocked ? query.Where(o => o.FrozenSince != null || o.State == OrderState.AwaitingPayment)
            : open ? query.Where(o => o.FrozenSince == null && (o.MoneyState == MoneyState.Held || o.MoneyState == MoneyState.PartlyRefunded))
            : query.Where(o => o.FrozenSince != null);
        var ids = await query.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var system = Actor.System;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            await writer.ChangeAsync(id, system, blocked ? "annul" : open ? "freeze" : "unfreeze", (order, now, r) =>
            {
                if (blocked) order.Annul(system, now, r);
                else if (open) order.Freeze(system, now);
                else order.Unfreeze(system, now);
            }, ct);
        }
        db.ChangeTracker.Clear();
    }

    private Task<StoreInvestigation?> OpenOfAsync(long storeId, CancellationToken ct) =>
        db.StoreInvestigations.FirstOrDefaultAsync(i => i.StoreId == storeId
            && (i.Status == InvestigationStatus.AwaitingEvidence || i.Status == InvestigationStatus.EvidenceSubmitted), ct);
}

public sealed class StoreNotFoundException(long storeId) : Exception($"Store {storeId} was not found.")
{
    public long StoreId { get; } = storeId;
}
