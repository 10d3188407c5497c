using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain.Payments;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Money;

/// <summary>
/// The admin's view of the money: one order's ledger, and a platform-wide check that the ledger balances — every
/// transaction sums to zero, per currency, and no order's escrow is negative.
/// </summary>
public static class LedgerCheck
{
    public sealed record EntryView(long Id, string TransactionKey, LedgerAccount Account, string Party, long Amount, string Currency, DateTimeOffset At);
    public sealed record CurrencyTotal(string Currency, long Sum, long Escrow, long InTransit, long SellerPayable, long BuyerBalances);
    public sealed record Imbalance(long OrderId, string TransactionKey, string Currency, long Sum);
    public sealed record WalletMismatch(string BuyerId, string Currency, long Wallet, long Ledger);
    public sealed record CheckResult(bool Balanced, int Entries, IReadOnlyList<CurrencyTotal> Currencies, IReadOnlyList<Imbalance> Unbalanced,
        IReadOnlyList<long> OrdersWithNegativeEscrow, IReadOnlyList<WalletMismatch> WalletMismatches, IReadOnlyList<long> OrdersRefundedBeyondPaid);

    public static void Map(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Roles.Admin);
        admin.MapGet("/orders/{id:long}/ledger", OrderLedger).WithName("order-ledger")
            .WithSummary("The ledger entries of one order, oldest first")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        admin.MapGet("/ledger/check", Check).WithName("check-ledger")
            .WithSummary("Platform-wide money check: every transaction balances, per currency; no escrow is negative; no order refunded more than it was paid; every platform balance equals its ledger")
            .ProducesProblem(401).ProducesProblem(403);
    }

    private static async Task<Ok<List<EntryView>>> OrderLedger(long id, SoukDbContext db, CancellationToken ct)
    {
        if (!await db.Orders.AnyAsync(o => o.Id == id, ct)) throw new OrderNotFoundException(id);
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => EF.Property<long>(e, "OrderId") == id)
            .OrderBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new EntryView(e.Id, e.TransactionKey, e.Account, e.Party, e.AmountMinor, e.Currency, e.At)).ToList());
    }

    internal static async Task<Ok<CheckResult>> Check(SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(db, progress: null, ct));

    /// <summary>
    /// The check itself, shared by the endpoint, the admin desk and the <c>check-ledger</c> command; each step is one
    /// aggregate query (the lists of problems are the first 100 by order), and <paramref name="progress"/> hears which step is running (the command prints it).
    /// </summary>
    internal static async Task<CheckResult> RunAsync(SoukDbContext db, Action<string>? progress, CancellationToken ct)
    {
        var ledger = db.Set<LedgerEntry>().AsNoTracking();
        progress?.Invoke("counting entries and summing each currency");
        var entries = await ledger.CountAsync(ct);
        var currencies = await ledger.GroupBy(e => e.Currency).Select(g => new CurrencyTotal(g.Key,
                g.Sum(e => e.AmountMinor),
                g.Where(e => e.Account == LedgerAccount.Escrow).Sum(e => e.AmountMinor),
                g.Where(e => e.Account == LedgerAccount.RefundsInTransit).Sum(e => e.AmountMinor),
                g.Where(e => e.Account == LedgerAccount.SellerPayable).Sum(e => e.AmountMinor),
                g.Where(e => e.Account == LedgerAccount.BuyerBalance).Sum(e => e.AmountMinor)))
            .ToListAsync(ct);
        progress?.Invoke("checking that every transaction sums to zero");
        var unbalanced = await ledger.GroupBy(e => new { OrderId = EF.Property<long>(e, "OrderId"), e.TransactionKey, e.Currency })
            .Where(g => g.Sum(e => e.AmountMinor) != 0)
            .OrderBy(g => g.Key.OrderId).ThenBy(g => g.Key.TransactionKey)
            .Select(g => new Imbalance(g.Key.OrderId, g.Key.TransactionKey, g.Key.Currency, g.Sum(e => e.AmountMinor)))
            .Take(100).ToListAsync(ct);
        progress?.Invoke("checking that no order's escrow is negative");
        var negativeEscrow = await ledger.Where(e => e.Account == LedgerAccount.Escrow)
            .GroupBy(e => EF.Property<long>(e, "OrderId")).Where(g => g.Sum(e => e.AmountMinor) < 0).Select(g => g.Key).OrderBy(id => id)
            .Take(100).ToListAsync(ct);
        progress?.Invoke("checking every platform balance against its ledger lines");
        // A balance is the sum of its ledger lines; the wallet row (what payments check) must agree, and never be negative.
        var ledgerBalances = await ledger.Where(e => e.Account == LedgerAccount.BuyerBalance)
            .GroupBy(e => new { e.Party, e.Currency }).Select(g => new { g.Key.Party, g.Key.Currency, Sum = g.Sum(e => e.AmountMinor) })
            .ToDictionaryAsync(x => (x.Party, x.Currency), x => x.Sum, ct);
        var wallets = await db.BuyerWallets.AsNoTracking().ToDictionaryAsync(w => (w.BuyerId, w.Currency), w => w.BalanceMinor, ct);
        var mismatches = ledgerBalances.Keys.Union(wallets.Keys)
            .Select(k => new WalletMismatch(k.Item1, k.Item2, wallets.GetValueOrDefault(k), ledgerBalances.GetValueOrDefault(k)))
            .Where(m => m.Wallet != m.Ledger || m.Wallet < 0).Take(100).ToList();
        progress?.Invoke("checking that no order is refunded beyond its payment");
        var overRefunded = await db.Orders.AsNoTracking().Where(o => o.Payment != null && o.Refunds.Sum(r => r.AmountMinor) > o.Payment.AmountMinor)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(100).ToListAsync(ct);
        var balanced = unbalanced.Count == 0 && negativeEscrow.Count == 0 && currencies.All(c => c.Sum == 0) && mismatches.Count == 0 && overRefunded.Count == 0;
        return new CheckResult(balanced, entries, currencies, unbalanced, negativeEscrow, mismatches, overRefunded);
    }
}
