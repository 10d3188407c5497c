using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Money;

/// <summary>
/// The seller's payouts (spec §4): what escrow has released to the store, what it still holds per order, and when each
/// will be released (a fixed date once the order is received; otherwise "after receipt").
/// </summary>
public static class Payouts
{
    public sealed record CurrencyTotals(string Currency, long Released, long Held);
    public sealed record HeldOrder(long OrderId, OrderState State, long Held, string Currency, DateTimeOffset? ReleaseAt, string When);
    public sealed record Release(long OrderId, DateTimeOffset At, long Amount, string Currency);
    public sealed record PayoutsView(IReadOnlyList<CurrencyTotals> Totals, IReadOnlyList<HeldOrder> Held, IReadOnlyList<Release> RecentReleases);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/payouts", Read).RequireAuthorization(Roles.Seller).WithTags("Payouts").WithName("read-payouts")
            .WithSummary("The seller's store payouts: released, held in escrow per order, and when each will be released")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

    internal static async Task<Ok<PayoutsView>> Read(ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var storeId = await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
        var party = storeId.ToString(CultureInfo.InvariantCulture);
        var ledger = db.Set<LedgerEntry>().AsNoTracking();

        var released = await ledger.Where(e => e.Account == LedgerAccount.SellerPayable && e.Party == party)
            .OrderByDescending(e => e.Id).Take(50)
            .Select(e => new Release(EF.Property<long>(e, "OrderId"), e.At, e.AmountMinor, e.Currency)).ToListAsync(ct);
        var releasedTotals = await ledger.Where(e => e.Account == LedgerAccount.SellerPayable && e.Party == party)
            .GroupBy(e => e.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(e => e.AmountMinor) }).ToDictionaryAsync(x => x.Currency, x => x.Sum, ct);

        // Escrow per order of this store that still holds money (orders not yet released or refunded).
        var storeOrders = db.Orders.AsNoTracking().Where(o => o.StoreId == storeId && o.MoneyState != MoneyState.Unpaid
            && o.MoneyState != MoneyState.ReleasedToSeller && o.MoneyState != MoneyState.Refunded);
        var held = await storeOrders.OrderBy(o => o.Id).Take(1000)
            .Select(o => new { o.Id, o.State, o.Currency, o.EscrowReleaseAt, Held = o.Ledger.Where(e => e.Account == LedgerAccount.Escrow).Sum(e => e.AmountMinor) })
            .ToListAsync(ct);
        var heldOrders = held.Where(h => h.Held > 0).Select(h => new HeldOrder(h.Id, h.State, h.Held, h.Currency, h.EscrowReleaseAt,
            h.EscrowReleaseAt is not null ? "on the release date"
            : h.State == OrderState.Completed ? "never (refunded)" : "after the buyer receives it and the dispute window passes")).ToList();

        var currencies = releasedTotals.Keys.Union(heldOrders.Select(h => h.Currency)).Order(StringComparer.Ordinal);
        var totals = currencies.Select(c => new CurrencyTotals(c, releasedTotals.GetValueOrDefault(c), heldOrders.Where(h => h.Currency == c).Sum(h => h.Held))).ToList();
        return TypedResults.Ok(new PayoutsView(totals, heldOrders, released));
    }
}
