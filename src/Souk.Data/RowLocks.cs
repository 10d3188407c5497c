using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Souk.Data;

/// <summary>How a write transaction reads the rows it is about to change beside an order (listings, coupons, wallets,
/// buyer standings).</summary>
public static class RowLocks
{
    /// <summary>
    /// The rows <paramref name="find"/> selects, for changing. On PostgreSQL they are read with
    /// <paramref name="forUpdate"/> (the same rows, <c>FOR UPDATE</c>, several in key order), so two writers touching
    /// the same rows queue instead of deadlocking or losing an optimistic race; on SQLite the write transaction
    /// (<c>BEGIN IMMEDIATE</c>) already holds the whole database, and the rows are simply found.
    /// </summary>
    public static IQueryable<T> ForChange<T>(this SoukDbContext db, FormattableString forUpdate, Expression<Func<T, bool>> find) where T : class =>
        db.Database.IsNpgsql() ? db.Set<T>().FromSql(forUpdate) : db.Set<T>().Where(find);
}
