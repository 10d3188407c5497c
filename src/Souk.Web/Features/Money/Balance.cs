using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Payments;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Money;

/// <summary>
/// The buyer's platform balance per currency and its history (spec §4): refunds a method refused, the balance's share
/// of split-payment refunds, and payments made from it. The history is the ledger's BuyerBalance lines, so it always
/// adds up to the balance.
/// </summary>
public static class Balance
{
    public sealed record Movement(long Id, DateTimeOffset At, long OrderId, string Kind, long Amount, string Currency);
    public sealed record CurrencyBalance(string Currency, long Balance);
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public sealed record BalanceView(IReadOnlyList<CurrencyBalance> Balances, IReadOnlyList<Movement> History, long? NextBefore);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/balance", Read).RequireAuthorization(Roles.Buyer).WithTags("Balance").WithName("read-balance")
            .WithSummary("The buyer's platform balance per currency and its history, newest first (?before=id pages back, ?limit up to 100)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

    private static async Task<Ok<BalanceView>> Read(long? before, int? limit, ActorAccessor actors, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync((await actors.GetAsync(ct)).UserId!, before, limit, db, ct));

    /// <summary>The read itself, shared by the API and the balance page.</summary>
    public static async Task<BalanceView> ReadAsync(string buyerId, long? before, int? limit, SoukDbContext db, CancellationToken ct)
    {
        var take = limit ?? DefaultPageSize;
        if (take is < 1 or > MaxPageSize)
            throw RuleViolation.Invalid("balance.bad-limit", "limit", ("max", MaxPageSize)).ToException();
        var balances = await db.BuyerWallets.AsNoTracking().Where(w => w.BuyerId == buyerId).OrderBy(w => w.Currency)
            .Select(w => new CurrencyBalance(w.Currency, w.BalanceMinor)).ToListAsync(ct);
        var query = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Account == LedgerAccount.BuyerBalance && e.Party == buyerId);
        if (before is { } b) query = query.Where(e => e.Id < b);
        var rows = await query.OrderByDescending(e => e.Id).Take(take + 1)
            .Select(e => new { e.Id, e.At, OrderId = EF.Property<long>(e, "OrderId"), e.TransactionKey, e.AmountMinor, e.Currency }).ToListAsync(ct);
        var page = rows.Take(take).Select(r => new Movement(r.Id, r.At, r.OrderId, KindOf(r.TransactionKey), r.AmountMinor, r.Currency)).ToList();
        return new BalanceView(balances, page, rows.Count > take ? page[^1].Id : null);
    }

    /// <summary>What moved the money, in the words the history shows.</summary>
    private static string KindOf(string key) =>
        key == "payment" ? "payment"
        : key.EndsWith(":created", StringComparison.Ordinal) ? "refund"
        : key.EndsWith(":paid", StringComparison.Ordinal) ? "refund-redirected"
        : key;
}
