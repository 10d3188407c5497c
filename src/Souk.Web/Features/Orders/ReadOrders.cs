using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Orders;

/// <summary>"My Orders" by tab with keyset paging, and one order with its timeline and actions.</summary>
public static class ReadOrders
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The tabs of spec §2; <c>deleted</c> is the buyer's separate "Deleted orders" view.</summary>
    public static readonly string[] Tabs = ["all", "awaiting-payment", "payment-processing", "awaiting-shipment", "shipped", "completed", "in-dispute", "deleted"];

    public sealed record OrderSummary(long Id, long StoreId, string? StoreName, OrderState State, OrderOutcome? Outcome, MoneyState MoneyState,
        string Currency, long Total, int ItemCount, string FirstItemTitle, DateTimeOffset PlacedAt,
        [property: Description(NextDeadlineRule)] NextDeadlineView? NextDeadline, bool InDeletedOrders);

    /// <summary>Which deadline a row shows (also in docs/architecture.md).</summary>
    public const string NextDeadlineRule = "The next thing that will happen to the order unless someone acts, the same for every viewer: "
        + "the earliest of the order's pending deadlines (the first of the order's `deadlines`; a warning is never one), with `kind` and `at`. "
        + "`warningAt` is when the warning before it fires, if one is still to come. Null when nothing is pending "
        + "(a frozen order's own deadlines wait: see the order's `pausedDeadlines`).";

    public sealed record OrderPage(string Tab, IReadOnlyList<OrderSummary> Orders, string? NextCursor);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapGet("/", List).WithName("list-orders")
            .WithSummary("Orders by tab, newest first: a buyer's own, a seller's store's, all for admins. Keyset paging with cursor.")
            .WithProblems();
        orders.MapGet("/{id:long}", Get).WithName("get-order")
            .WithSummary("One order with lines, address, shipping, refunds, timeline and the actions the viewer could take")
            .WithProblems();
    }

    private static async Task<Ok<OrderPage>> List(string? tab, string? cursor, int? limit, ActorAccessor actors, SoukDbContext db, Policy policy, CancellationToken ct) =>
        TypedResults.Ok(await PageAsync(await actors.GetAsync(ct), tab, cursor, limit, db, policy, ct));

    /// <summary>One page of a tab (the API's list and the My Orders page both read through here).</summary>
    public static async Task<OrderPage> PageAsync(Actor actor, string? tab, string? cursor, int? limit, SoukDbContext db, Policy policy, CancellationToken ct)
    {
        tab ??= "all";
        if (!Tabs.Contains(tab))
            throw RuleViolation.Invalid("orders.unknown-tab", "tab", ("tab", tab), ("allowed", string.Join(", ", Tabs))).ToException();
        if (tab == "deleted" && actor.Role != ActorRole.Buyer)
            throw RuleViolation.Invalid("orders.deleted-view-is-for-buyers", "tab").ToException();
        long? after = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, out var c) || c <= 0) throw RuleViolation.Invalid("orders.bad-cursor", "cursor").ToException();
            after = c;
        }
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
            throw RuleViolation.Invalid("orders.bad-limit", "limit", ("max", MaxPageSize)).ToException();

        var query = InTab(Visible(db, actor), actor, tab);
        if (after is { } a) query = query.Where(o => o.Id < a);

        var rows = await query.OrderByDescending(o => o.Id).Take(size + 1)
            .Select(o => new
            {
                o.Id, o.StoreId, o.State, o.Outcome, o.MoneyState, o.Currency, o.ItemsTotalMinor, o.ShippingTotalMinor, o.DiscountMinor, o.PlacedAt, o.Deleted,
                ItemCount = o.Lines.Sum(l => l.Quantity),
                FirstTitle = o.Lines.OrderBy(l => l.Id).Select(l => l.Title).FirstOrDefault(),
                StoreName = db.Stores.Where(s => s.Id == o.StoreId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var next = await NextDeadlinesAsync(rows.Take(size).Select(r => r.Id).ToList(), db, policy, ct);
        var page = rows.Take(size).Select(r => new OrderSummary(r.Id, r.StoreId, r.StoreName, r.State, r.Outcome, r.MoneyState, r.Currency,
            r.ItemsTotalMinor + r.ShippingTotalMinor - r.DiscountMinor, r.ItemCount, r.FirstTitle ?? "", r.PlacedAt, next.GetValueOrDefault(r.Id),
            r.Deleted == DeletedMark.Deleted)).ToList();
        var nextCursor = rows.Count > size ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new OrderPage(tab, page, nextCursor);
    }

    /// <summary>
    /// Each row's next deadline, from the domain's own list (<see cref="Order.NextDeadline"/>), not from the stored
    /// <c>NextDeadlineAt</c>: that one is the sweeper's wake-up time and is a warning's time whenever a warning comes first.
    /// The orders are read with their refunds (their stages are deadlines too) but without their timelines.
    /// </summary>
    private static async Task<Dictionary<long, NextDeadlineView?>> NextDeadlinesAsync(List<long> ids, SoukDbContext db, Policy policy, CancellationToken ct) =>
        (await db.Orders.AsNoTracking().Include(o => o.Refunds).Where(o => ids.Contains(o.Id)).ToListAsync(ct))
            .ToDictionary(o => o.Id, o => o.NextDeadline(policy.DeadlineWarning) is { } d
                ? new NextDeadlineView(OrderView.DeadlineName(d.Kind), d.At, d.WarningAt) : null);

    /// <summary>How many orders each tab holds for <paramref name="actor"/> (the counts beside the tabs).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountsAsync(Actor actor, SoukDbContext db, CancellationToken ct)
    {
        // Two queries, not one per tab: the state tabs come from one count per (state, deleted mark); "In dispute"
        // looks at the dispute, so it is counted on its own.
        var groups = await Visible(db, actor).GroupBy(o => new { o.State, o.Deleted })
            .Select(g => new { g.Key.State, g.Key.Deleted, Count = g.Count() }).ToListAsync(ct);
        // A buyer's tabs leave out what is in Deleted orders (that is a tab of its own); sellers and admins see all.
        var shown = groups.Where(g => actor.Role != ActorRole.Buyer || g.Deleted == DeletedMark.None).ToList();
        int InState(OrderState state) => shown.Where(g => g.State == state).Sum(g => g.Count);
        var counts = new Dictionary<string, int>
        {
            ["all"] = shown.Sum(g => g.Count),
            ["awaiting-payment"] = InState(OrderState.AwaitingPayment),
            ["payment-processing"] = InState(OrderState.PaymentReview),
            ["awaiting-shipment"] = InState(OrderState.AwaitingShipment),
            ["shipped"] = InState(OrderState.Shipped),
            ["completed"] = InState(OrderState.Completed),
            ["in-dispute"] = await InTab(Visible(db, actor), actor, "in-dispute").CountAsync(ct),
        };
        if (actor.Role == ActorRole.Buyer) counts["deleted"] = groups.Where(g => g.Deleted == DeletedMark.Deleted).Sum(g => g.Count);
        return counts;
    }

    /// <summary>The orders <paramref name="actor"/> may see: the same rule as the single order's check (<see cref="OrderAccess"/>).</summary>
    private static IQueryable<Order> Visible(SoukDbContext db, Actor actor) => db.Orders.AsNoTracking().Where(OrderAccess.VisibleTo(actor));

    private static IQueryable<Order> InTab(IQueryable<Order> query, Actor actor, string tab)
    {
        if (actor.Role == ActorRole.Buyer)
            query = tab == "deleted" ? query.Where(o => o.Deleted == DeletedMark.Deleted) : query.Where(o => o.Deleted == DeletedMark.None);
        return tab switch
        {
            "awaiting-payment" => query.Where(o => o.State == OrderState.AwaitingPayment),
            "payment-processing" => query.Where(o => o.State == OrderState.PaymentReview),
            "awaiting-shipment" => query.Where(o => o.State == OrderState.AwaitingShipment),
            "shipped" => query.Where(o => o.State == OrderState.Shipped),
            "completed" => query.Where(o => o.State == OrderState.Completed),
            "in-dispute" => query.Where(Dispute.OpenOnOrder),
            _ => query,
        };
    }

    private static async Task<Ok<OrderView>> Get(long id, ActorAccessor actors, OrderWriter writer, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await OneAsync(id, await actors.GetAsync(ct), writer, clock, ct));

    /// <summary>One order as <paramref name="actor"/> sees it, with its actions (the API and the order page).</summary>
    public static async Task<OrderView> OneAsync(long id, Actor actor, OrderWriter writer, TimeProvider clock, CancellationToken ct)
    {
        var order = await OrderEndpoints.LoadVisibleAsync(id, actor, writer, ct);
        // A read never shows a state the clock has already left: a deadline the sweeper has not reached yet is
        // fired now, through the same commit step, before the actions are listed.
        if (order.NextDeadlineAt <= clock.GetUtcNow())
            order = await writer.CatchUpAsync(id, ct);
        return OrderView.Of(order, actor, clock.GetUtcNow(), writer.Rules);
    }
}
