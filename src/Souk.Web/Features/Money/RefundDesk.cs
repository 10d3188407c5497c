using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Money;

/// <summary>
/// The admins' refund desk (spec §4): refunds past their method's maximum time and refunds buyers reported missing,
/// each with its history from the order's timeline. Admins settle them with the order action <c>resolve-refund</c>.
/// </summary>
public static class RefundDesk
{
    public sealed record Case(long OrderId, string BuyerId, long StoreId, RefundView Refund, IReadOnlyList<TimelineEntryView> History);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/admin/refunds/attention", Read).RequireAuthorization(Roles.Admin).WithTags("Admin").WithName("refunds-needing-attention")
            .WithSummary("Refunds that need an admin: overdue past their method's maximum time, or reported missing by the buyer, oldest first")
            .ProducesProblem(401).ProducesProblem(403);

    internal static async Task<Ok<List<Case>>> Read(SoukDbContext db, Policy policy, CancellationToken ct)
    {
        var orderIds = await db.Set<Refund>().AsNoTracking()
            .Where(r => r.CaseResolvedAt == null && (r.ReportedMissingAt != null || (r.OverdueSince != null && r.Stage != RefundStage.Refunded)))
            .Select(r => EF.Property<long>(r, "OrderId")).Distinct().OrderBy(id => id).Take(200).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Refunds).Include(o => o.Timeline).AsSplitQuery()
            .Where(o => orderIds.Contains(o.Id)).ToListAsync(ct);
        var cases = orders.SelectMany(o => o.Refunds.Where(r => r.NeedsAdmin).Select(r => new Case(o.Id, o.BuyerId, o.StoreId, RefundView.Of(r, policy),
                o.Timeline.Where(e => e.Data.TryGetValue("refundCause", out var cause) && cause == r.Cause)
                    .OrderBy(e => e.At).ThenBy(e => e.Id)
                    .Select(e => new TimelineEntryView(e.At, e.Kind, e.ActorRole, e.ActorId, e.Data)).ToList())))
            .OrderBy(c => c.Refund.Case?.ReportedAt ?? c.Refund.OverdueSince).ToList();
        return TypedResults.Ok(cases);
    }
}
