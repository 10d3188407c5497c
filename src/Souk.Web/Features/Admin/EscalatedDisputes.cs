using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Admin;

/// <summary>
/// Disputes the buyer (or the negotiation window) escalated to an admin, oldest escalation first: each waits for a
/// ruling, which the admin gives on the order page with the order action <c>rule-dispute</c>.
/// </summary>
public static class EscalatedDisputes
{
    public const int MaxRows = 200;

    public sealed record EscalatedDispute(long OrderId, long StoreId, string StoreName, string BuyerId, string Reason, long Requested,
        long OrderTotal, string Currency, DateTimeOffset OpenedAt, DateTimeOffset EscalatedAt);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Roles.Admin)
            .MapGet("/disputes/escalated", List).WithName("list-escalated-disputes")
            .WithSummary("Disputes escalated to an admin and waiting for a ruling, oldest escalation first (rule with the order action rule-dispute)")
            .ProducesProblem(401).ProducesProblem(403);

    private static async Task<Ok<List<EscalatedDispute>>> List(SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, ct));

    /// <summary>The list the API answers and the admin desk shows.</summary>
    public static async Task<List<EscalatedDispute>> ReadAsync(SoukDbContext db, CancellationToken ct)
    {
        var rows = await db.Orders.AsNoTracking()
            .Where(o => o.Dispute != null && o.Dispute.Status == DisputeStatus.Escalated)
            .OrderBy(o => o.Dispute!.EscalatedAt).ThenBy(o => o.Id)
            .Take(MaxRows)
            .Select(o => new
            {
                o.Id, o.StoreId, o.BuyerId, o.Currency, o.ItemsTotalMinor, o.ShippingTotalMinor, o.DiscountMinor,
                o.Dispute!.Reason, o.Dispute.RequestedMinor, o.Dispute.OpenedAt, o.Dispute.EscalatedAt,
                StoreName = db.Stores.Where(s => s.Id == o.StoreId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new EscalatedDispute(r.Id, r.StoreId, r.StoreName ?? "", r.BuyerId, r.Reason, r.RequestedMinor,
            r.ItemsTotalMinor + r.ShippingTotalMinor - r.DiscountMinor, r.Currency, r.OpenedAt, r.EscalatedAt ?? r.OpenedAt)).ToList();
    }
}
