using Microsoft.EntityFrameworkCore;
using Souk.Domain;
using Souk.Domain.Buyers;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Data.Webhooks;

namespace Souk.Data;

/// <summary>The order is unknown, or the actor may not see it; both answer 404 so ids cannot be probed.</summary>
public sealed class OrderNotFoundException(long orderId) : Exception($"Order {orderId} was not found.")
{
    public long OrderId { get; } = orderId;
}

/// <summary>
/// The one commit step. Every change to an order — an API call, a page form, a deadline fired by the sweeper —
/// loads the order in a write transaction, first fires the deadlines already due (so the verb sees the order as it
/// is now), applies the verb, then writes the order, its timeline, its refunds and their side effects (stock,
/// buyer standing) in that one transaction. Nothing else writes orders.
/// </summary>
public sealed class OrderWriter(SoukDbContext db, TimeProvider clock, Rulebook rules, IOrderCommitObserver? observer = null)
{
    private readonly IOrderCommitObserver _observer = observer ?? NoOrderCommitObserver.Instance;

    public Rulebook Rules => rules;

    /// <summary>
    /// Only lets the order's due deadlines fire (a read that finds one due, the sweeper's single retry) and commits;
    /// returns the saved order.
    /// </summary>
    public Task<Order> CatchUpAsync(long orderId, CancellationToken ct = default) =>
        ChangeAsync(orderId, Actor.System, null, static (_, _, _) => { }, ct);

    /// <summary>
    /// Loads, catches up, applies <paramref name="change"/> and commits; returns the saved order. The
    /// <paramref name="action"/> (<c>cancel</c>, <c>pay</c>…) names the change so the commit — or the rule's refusal —
    /// is counted under it; null when the change only lets due deadlines fire.
    /// </summary>
    public async Task<Order> ChangeAsync(long orderId, Actor actor, string? action, Action<Order, DateTimeOffset, Rulebook> change,
        CancellationToken ct = default)
    {
        _observer.Touched(orderId);
        // Racing changes to one order are serialized and the later one re-checks its rule against the earlier
        // one's result: SQLite begins IMMEDIATE (the write lock before reading); PostgreSQL locks the order's row.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // (Taking the lock in the load itself, FromSql … FOR UPDATE, was tried: EF then misreads the order's optional
        // owned parts on PostgreSQL, so the lock stays its own statement.)
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Orders\" WHERE \"Id\" = {orderId} FOR UPDATE", ct);
        var order = (await LoadForChangeAsync([orderId], ct)).SingleOrDefault();
        if (order is null || !OrderAccess.CanSee(order, actor)) throw new OrderNotFoundException(orderId);

        var now = clock.GetUtcNow();
        order.CatchUp(now, rules);
        try
        {
            change(order, now, rules);
        }
        catch (RuleViolationException e) when (action is not null)
        {
            _observer.Refused(orderId, action, actor, e.Violation);
            throw;
        }
        var effects = await SaveAsync([order], ct);
        await tx.CommitAsync(ct);
        _observer.Committed(action, actor, now, swept: false, effects);
        return order;
    }

    /// <summary>
    /// The sweeper's batch: claims up to <paramref name="batchSize"/> orders with a deadline due and fires them in one
    /// transaction, each through <see cref="Order.CatchUp"/> and the same save as every other change. On PostgreSQL
    /// the claim is <c>FOR UPDATE SKIP LOCKED</c>, so several processes sweep side by side without taking the same
    /// order; a process that dies mid-batch rolls back and the orders stay due. Returns the ids it fired.
    /// </summary>
    public async Task<IReadOnlyList<long>> FireDueAsync(int batchSize, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var ids = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM "Orders" WHERE "NextDeadlineAt" <= {now.UtcTicks}
                ORDER BY "NextDeadlineAt" LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await Due(now, batchSize).ToListAsync(ct);
        if (ids.Count == 0) return ids;

        var orders = await LoadForChangeAsync(ids, ct);
        foreach (var order in orders) order.CatchUp(now, rules);
        // One SaveChanges for the whole batch: EF scans every tracked entity on each SaveChanges, so saving order by
        // order made the batch's cost grow with its square (bench/README.md measured 72 % of the sweep's CPU there).
        var effects = await SaveAsync(orders, ct);
        await tx.CommitAsync(ct);
        _observer.Committed(null, Actor.System, now, swept: true, effects);
        return ids;
    }

    /// <summary>
    /// The ids of up to <paramref name="batchSize"/> orders with a deadline due now, earliest first (the index on
    /// <c>NextDeadlineAt</c>), unlocked: what the sweeper fires one at a time when a batch failed. The same rows as the
    /// claim of <see cref="FireDueAsync"/>, which on PostgreSQL writes them as SQL to add <c>SKIP LOCKED</c>.
    /// </summary>
    public Task<List<long>> DueAsync(int batchSize, CancellationToken ct = default) => Due(clock.GetUtcNow(), batchSize).ToListAsync(ct);

    private IQueryable<long> Due(DateTimeOffset now, int batchSize) =>
        db.Orders.Where(o => o.NextDeadlineAt <= now).OrderBy(o => o.NextDeadlineAt).Select(o => o.Id).Take(batchSize);

    /// <summary>
    /// Commits newly placed orders together with whatever else the caller changed (stock, cart). Not through
    /// <see cref="SaveAsync"/>: a placed order has no effects and its one event (<c>order.placed</c>) notifies nobody, but
    /// that save would bump a new order's <c>Version</c> to 1 (the API shows 0), and it finds the events to send as those
    /// not saved yet (id 0) while the webhook body needs the order's id, which only a first save gives.
    /// </summary>
    public async Task AddNewAsync(IEnumerable<Order> orders, CancellationToken ct = default)
    {
        // Webhook bodies carry the order's id, which exists only after the first save; one transaction makes both saves one.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var placed = orders.ToList();
        db.Orders.AddRange(placed);
        await db.SaveChangesAsync(ct);
        await WebhookOutbox.EnqueueAsync(db, placed.SelectMany(o => o.Timeline.Select(e => ToOutbox(o, e))).ToList(), clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        if (own is not null) await own.CommitAsync(ct);
    }

    /// <summary>Loads an order with everything it holds, for reading. Untracked, so a later change in this unit of work
    /// re-reads the row (<see cref="LoadForChangeAsync"/>) instead of reusing a possibly stale copy.</summary>
    public Task<Order?> LoadAsync(long orderId, CancellationToken ct = default)
    {
        _observer.Touched(orderId);
        return Loaded(db.Orders.AsNoTracking()).FirstOrDefaultAsync(o => o.Id == orderId, ct);
    }

    /// <summary>
    /// Whole orders, tracked, for a change — one order of a single change (<see cref="ChangeAsync"/>) or a sweep batch
    /// (<see cref="FireDueAsync"/>), read the same way — in three queries instead of the six of a split query: the orders
    /// with their small parts (lines, refunds, tracking events: a few rows, even joined together), then the two that grow
    /// with their history, the timelines and the ledgers, which the context attaches to the orders it tracks. Each query
    /// is a round trip, and round trips are most of what a change costs (bench/README.md).
    /// </summary>
    private async Task<List<Order>> LoadForChangeAsync(IReadOnlyCollection<long> orderIds, CancellationToken ct)
    {
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Refunds).Include(o => o.Tracking).AsSingleQuery()
            .Where(o => orderIds.Contains(o.Id)).ToListAsync(ct);
        if (orders.Count == 0) return orders;
        var found = orders.Select(o => o.Id).ToList();
        await db.Set<OrderEvent>().Where(e => found.Contains(EF.Property<long>(e, "OrderId"))).LoadAsync(ct);
        await db.Set<LedgerEntry>().Where(e => found.Contains(EF.Property<long>(e, "OrderId"))).LoadAsync(ct);
        return orders;
    }

    /// <summary>Several whole orders for reading (a page of My Orders with each row's actions); untracked.</summary>
    public Task<List<Order>> LoadManyAsync(IReadOnlyCollection<long> orderIds, CancellationToken ct = default) =>
        Loaded(db.Orders.AsNoTracking()).Where(o => orderIds.Contains(o.Id)).ToListAsync(ct);

    private static IQueryable<Order> Loaded(IQueryable<Order> orders) =>
        orders.Include(o => o.Lines).Include(o => o.Refunds).Include(o => o.Timeline).Include(o => o.Tracking).Include(o => o.Ledger)
            .AsSplitQuery();

    /// <summary>
    /// Applies the orders' side effects, bumps their versions and writes everything in one SaveChanges. Returns the
    /// effects per order, for the observer once the transaction has committed.
    /// </summary>
    private async Task<IReadOnlyList<(long OrderId, IReadOnlyList<IOrderEffect> Effects)>> SaveAsync(IReadOnlyList<Order> orders, CancellationToken ct)
    {
        await ReleaseStockAsync(orders.SelectMany(o => o.Effects.OfType<StockReleased>()).ToList(), ct);
        await ReturnCouponUsesAsync(orders.SelectMany(o => o.Effects.OfType<CouponUseReturnedEffect>()).ToList(), ct);
        await MoveBalancesAsync(orders.SelectMany(o => o.Effects.OfType<BalanceChanged>()).ToList(), ct);
        foreach (var order in orders)
            foreach (var expired in order.Effects.OfType<BuyerOrderExpiredUnpaid>())
                await RecordUnpaidExpiryAsync(order, expired, ct);
        StoreEvidence(orders);
        await NotifyAsync(orders, ct);
        await WebhookOutbox.EnqueueAsync(db, orders.SelectMany(o => o.Timeline.Where(e => e.Id == 0).Select(e => ToOutbox(o, e))).ToList(),
            clock.GetUtcNow(), ct);
        var applied = new List<(long OrderId, IReadOnlyList<IOrderEffect> Effects)>(orders.Count);
        foreach (var order in orders)
        {
            applied.Add((order.Id, order.Effects.ToList()));
            order.ClearEffects();
            db.Entry(order).Property(o => o.Version).CurrentValue = order.Version + 1;
        }
        await db.SaveChangesAsync(ct);
        return applied;
    }

    /// <summary>
    /// Puts released stock back. On PostgreSQL the listings are locked first, in id order (<see cref="RowLocks.ForChange{T}"/>): two sweepers (or a sweeper
    /// and a seller approving a cancellation) releasing stock of the same listings then queue instead of deadlocking,
    /// and the second reads the first one's result instead of losing an optimistic race on the listing's version.
    /// </summary>
    private async Task ReleaseStockAsync(IReadOnlyList<StockReleased> releases, CancellationToken ct)
    {
        if (releases.Count == 0) return;
        var ids = releases.SelectMany(r => r.Lines).Select(l => l.ListingId).Distinct().Order().ToArray();
        var listings = await db.ForChange<Listing>($"SELECT * FROM \"Listings\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE",
            l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        foreach (var (listingId, quantity) in releases.SelectMany(r => r.Lines))
            if (listings.TryGetValue(listingId, out var listing)) listing.Release(quantity);
    }

    /// <summary>
    /// The events this commit added to the orders' timelines become notifications for the people they concern (spec §7),
    /// in the same transaction, so a notification exists exactly when its event does.
    /// </summary>
    private async Task NotifyAsync(IReadOnlyList<Order> orders, CancellationToken ct)
    {
        // Events not saved yet have no id.
        var fresh = orders.SelectMany(o => o.Timeline.Where(e => e.Id == 0 && EventAudience.Of(e.Kind) != Audience.None).Select(e => (Order: o, Event: e)))
            .ToList();
        if (fresh.Count == 0) return;
        var storeIds = fresh.Select(x => x.Order.StoreId).Distinct().ToList();
        var owners = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OwnerId, ct);
        foreach (var (order, e) in fresh)
        {
            var audience = EventAudience.Of(e.Kind);
            if (audience.HasFlag(Audience.Buyer)) Notify(order.BuyerId, order.Id, e);
            if (audience.HasFlag(Audience.Seller) && owners.TryGetValue(order.StoreId, out var owner)) Notify(owner, order.Id, e);
        }

        void Notify(string userId, long orderId, OrderEvent e)
        {
            // Nobody is told about what they did themselves.
            if (userId == e.ActorId) return;
            db.Notifications.Add(new Notification { UserId = userId, OrderId = orderId, Kind = e.Kind, At = e.At });
        }
    }

    /// <summary>Evidence attached to a dispute is stored beside its order, in the same transaction: both or neither.</summary>
    private void StoreEvidence(IReadOnlyList<Order> orders)
    {
        foreach (var order in orders)
            foreach (var (by, file, at) in order.Effects.OfType<DisputeEvidenceAttached>())
                db.DisputeEvidence.Add(new DisputeEvidence
                {
                    OrderId = order.Id, UploadedByRole = by.Role.ToString(), UploadedById = by.UserId ?? "", FileName = file.FileName,
                    ContentType = file.ContentType, SizeBytes = file.Content.Length, Content = file.Content, At = at,
                });
    }

    private static OutboxEvent ToOutbox(Order order, OrderEvent e) => new(order, e.Kind, e.At, e.ActorRole.ToString(), e.Data);

    private async Task ReturnCouponUsesAsync(IReadOnlyList<CouponUseReturnedEffect> returns, CancellationToken ct)
    {
        if (returns.Count == 0) return;
        var ids = returns.Select(r => r.CouponId).Distinct().Order().ToArray();
        var coupons = await db.ForChange<Coupon>($"SELECT * FROM \"Coupons\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE",
            c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var r in returns)
            if (coupons.TryGetValue(r.CouponId, out var coupon)) coupon.GiveBackUse();
    }

    /// <summary>
    /// Applies balance movements to the buyers' wallets, locked in key order on PostgreSQL. A payment the balance does not
    /// cover is refused by the wallet's rule, enforced here under the lock, so two orders paid from one balance at once
    /// cannot overdraw it.
    /// </summary>
    private async Task MoveBalancesAsync(IReadOnlyList<BalanceChanged> moves, CancellationToken ct)
    {
        foreach (var group in moves.GroupBy(m => (m.BuyerId, m.Currency)).OrderBy(g => g.Key.BuyerId, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            var (buyerId, currency) = group.Key;
            var wallet = db.BuyerWallets.Local.FirstOrDefault(w => w.BuyerId == buyerId && w.Currency == currency)
                ?? await db.ForChange<BuyerWallet>($"SELECT * FROM \"BuyerWallets\" WHERE \"BuyerId\" = {buyerId} AND \"Currency\" = {currency} FOR UPDATE",
                    w => w.BuyerId == buyerId && w.Currency == currency).FirstOrDefaultAsync(ct);
            if (wallet is null)
            {
                wallet = new BuyerWallet(buyerId, currency);
                db.BuyerWallets.Add(wallet);
            }
            // The wallet's own rule (BuyerWallet.CoverRefusal) decides; here it only runs under the lock.
            wallet.ApplyAll(group.Select(m => m.DeltaMinor));
        }
    }

    private async Task RecordUnpaidExpiryAsync(Order order, BuyerOrderExpiredUnpaid expired, CancellationToken ct)
    {
        // Locked on PostgreSQL, so a second sweeper expiring another order of the same buyer waits and counts this one.
        var standing = db.BuyerStandings.Local.FirstOrDefault(s => s.BuyerId == expired.BuyerId)
            ?? await db.ForChange<BuyerStanding>($"SELECT * FROM \"BuyerStandings\" WHERE \"BuyerId\" = {expired.BuyerId} FOR UPDATE",
                s => s.BuyerId == expired.BuyerId).FirstOrDefaultAsync(ct);
        if (standing is null)
        {
            standing = new BuyerStanding(expired.BuyerId);
            db.BuyerStandings.Add(standing);
        }
        // The facts BuyerStanding.RecordUnpaidExpiry counts: earlier expiries are in the database, or — in a sweep batch,
        // saved together at its end — among the orders of this unit of work, whose saved rows still hold their state from
        // before the batch. Only the saved ones from where the standing starts counting are read.
        var from = standing.CountExpiriesFrom(expired.At, rules.Policy);
        var pending = db.ChangeTracker.Entries<Order>().Select(e => e.Entity).ToList();
        var pendingIds = pending.Select(o => o.Id).ToList();
        var saved = await db.Orders.Where(o => o.BuyerId == expired.BuyerId && !pendingIds.Contains(o.Id)
            && o.Outcome == OrderOutcome.ExpiredUnpaid && o.CompletedAt >= from).Select(o => o.CompletedAt).ToListAsync(ct);
        var sameCommit = pending.Where(o => o.BuyerId == expired.BuyerId && o.Id != order.Id && o.Outcome == OrderOutcome.ExpiredUnpaid)
            .Select(o => o.CompletedAt);
        standing.RecordUnpaidExpiry(expired.At, saved.OfType<DateTimeOffset>(), sameCommit.OfType<DateTimeOffset>(), rules.Policy);
    }
}
