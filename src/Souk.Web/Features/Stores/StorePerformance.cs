using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Stores;

/// <summary>
/// A store's performance figures (issue: seller performance), for its seller and for admins: on-time shipping, cancellations
/// by who they count against (the reason table and the seller's own admissions), disputes and rulings against it.
/// Rates are fractions of the orders they can apply to, null when there are none yet.
/// </summary>
public static class StorePerformance
{
    public sealed record Figures(long StoreId, int Orders, int Shipped, int ShippedOnTime, double? OnTimeShippingRate,
        int Cancelled, int CancelledCountingAgainstSeller, int CancelledCountingAgainstBuyer, int CancelledCountingAgainstPlatform,
        double? CancellationRateAgainstSeller, int ClosedNotShipped, int Disputes, double? DisputeRate, int RulingsAgainstStore, int RefundedInDispute);

    public static void Map(RouteGroupBuilder stores) =>
        stores.MapGet("/{id:long}/performance", Read).RequireAuthorization()
            .WithName("store-performance").WithSummary("A store's performance: on-time shipping, cancellations by responsibility, disputes and rulings (its seller and admins)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

    internal static async Task<Ok<Figures>> Read(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        if (!(actor.Role == ActorRole.Admin || (actor.Role == ActorRole.Seller && actor.StoreId == id)))
            throw new ActionNotForRoleException("store's seller or an admin");
        if (!await db.Stores.AnyAsync(s => s.Id == id, ct))
            throw new NotFoundException("store.not-found", RefusalMessages.Render("store.not-found", new Dictionary<string, object?>()));

        // One row per order with only what the figures need; a store's order count is what a seller console pages anyway.
        var rows = await db.Orders.AsNoTracking().Where(o => o.StoreId == id && o.PaymentConfirmedAt != null)
            .Select(o => new
            {
                o.ShippedAt, o.PaymentConfirmedAt, o.HandlingDays, o.HandlingExtendedDays, o.Outcome, o.CountsAgainst,
                HasDispute = o.Dispute != null,
                RuledAgainst = o.Dispute != null && o.Dispute.Ruling != null && o.Dispute.SettledMinor > 0,
            })
            .ToListAsync(ct);

        var shipped = rows.Where(r => r.ShippedAt is not null).ToList();
        var onTime = shipped.Count(r => r.ShippedAt <= r.PaymentConfirmedAt!.Value.AddDays(r.HandlingDays + r.HandlingExtendedDays));
        var cancelled = rows.Where(r => r.Outcome is OrderOutcome.CancelledByBuyer or OrderOutcome.ClosedNotShipped).ToList();
        int Against(Responsibility who) => cancelled.Count(r => r.CountsAgainst == who);
        double? Rate(int part, int of) => of == 0 ? null : Math.Round((double)part / of, 4);

        return TypedResults.Ok(new Figures(id, rows.Count, shipped.Count, onTime, Rate(onTime, shipped.Count),
            cancelled.Count, Against(Responsibility.Seller), Against(Responsibility.Buyer), Against(Responsibility.Platform),
            Rate(Against(Responsibility.Seller), rows.Count), rows.Count(r => r.Outcome == OrderOutcome.ClosedNotShipped),
            rows.Count(r => r.HasDispute), Rate(rows.Count(r => r.HasDispute), shipped.Count), rows.Count(r => r.RuledAgainst),
            rows.Count(r => r.Outcome == OrderOutcome.RefundedInDispute)));
    }
}
