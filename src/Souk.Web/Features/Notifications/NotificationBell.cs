using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Notifications;

/// <summary>
/// The notification bell (spec §7): what happened to the user's orders that concerns them, newest first, with the
/// unread count; marking read. Notifications are written by the commit step with the events they tell about.
/// </summary>
public static partial class NotificationBell
{
    public sealed record Item(long Id, long OrderId, string Kind, string Text, DateTimeOffset At, DateTimeOffset? ReadAt, string Href);
    public sealed record Page(int Unread, IReadOnlyList<Item> Items, long? NextBefore);
    public sealed record ReadBody(long? UpTo = null);

    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List).WithName("list-notifications")
            .WithSummary("Your notifications, newest first, with the unread count (?before=id pages back, ?limit up to 100)")
            .ProducesProblem(400).ProducesProblem(401);
        group.MapPost("/read", MarkRead).WithName("mark-notifications-read")
            .WithSummary("Mark your notifications read: all, or those up to the id given as upTo")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
    }

    private static async Task<Ok<Page>> List(long? before, int? limit, ActorAccessor actors, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await PageAsync((await actors.GetAsync(ct)).UserId!, before, limit, db, ct));

    /// <summary>The bell's read, shared by the API and the notifications page.</summary>
    public static async Task<Page> PageAsync(string userId, long? before, int? limit, SoukDbContext db, CancellationToken ct)
    {
        var take = limit ?? DefaultPageSize;
        if (take is < 1 or > MaxPageSize)
            throw RuleViolation.Invalid("notifications.bad-limit", "limit", ("max", MaxPageSize)).ToException();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (before is { } b) query = query.Where(n => n.Id < b);
        var rows = await query.OrderByDescending(n => n.Id).Take(take + 1).ToListAsync(ct);
        var unread = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
        var items = rows.Take(take).Select(n => new Item(n.Id, n.OrderId, n.Kind, TextOf(n.Kind, n.OrderId), n.At, n.ReadAt, $"/api/orders/{n.OrderId}")).ToList();
        return new Page(unread, items, rows.Count > take ? items[^1].Id : null);
    }

    private static async Task<Ok<Page>> MarkRead(ReadBody? body, ActorAccessor actors, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = (await actors.GetAsync(ct)).UserId!;
        await MarkReadAsync(userId, body?.UpTo, db, clock, ct);
        return TypedResults.Ok(await PageAsync(userId, null, null, db, ct));
    }

    /// <summary>Marks the user's notifications read: all, or those up to <paramref name="upTo"/> (API and page).</summary>
    public static async Task MarkReadAsync(string userId, long? upTo, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var unread = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (upTo is { } last) unread = unread.Where(n => n.Id <= last);
        foreach (var n in await unread.Take(10_000).ToListAsync(ct)) n.ReadAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The unread count the pages' bell shows.</summary>
    public static Task<int> UnreadAsync(string userId, SoukDbContext db, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);

    /// <summary>The sentence the bell shows for an event, in the UI culture (English, or Russian for "ru"; the kind is
    /// the stable key for other languages).</summary>
    public static string TextOf(string kind, long orderId) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? RussianTextOf(kind, orderId) : EnglishTextOf(kind, orderId);

    private static string EnglishTextOf(string kind, long orderId) => $"Order {orderId}: " + kind switch
    {
        "cancellation.requested" => "the buyer asks you to cancel it.",
        "cancellation.approved" or "cancellation.auto-approved" => "your cancellation request was approved; the refund is on its way.",
        "cancellation.refused" => "the seller refused your cancellation request.",
        "cancellation.superseded-by-shipment" => "it shipped before the seller answered your cancellation request.",
        "order.cancelled" or "order.cancelled-instantly" => "the buyer cancelled it.",
        "order.receipt-confirmed" => "the buyer confirmed receipt.",
        "escrow.released" => "the money was released to your store.",
        "order.shipped" => "it has shipped.",
        "tracking.event-added" => "new tracking information.",
        "order.expired-unpaid" => "it was not paid in time and has closed.",
        "payment.rejected" or "payment.review-timed-out" => "the payment did not pass review; it is refunded.",
        "payment.confirmed" => "the payment is confirmed; the handling countdown has started.",
        "order.closed-not-shipped" => "it was not shipped in time and has closed with a full refund.",
        "order.receipt-auto-confirmed" => "buyer protection ended and receipt was confirmed automatically.",
        "order.received-after-dispute" => "the dispute ended and the order is complete.",
        "handling-extension.requested" => "the seller asks for more handling time.",
        "handling-extension.accepted" or "handling.extended" => "the buyer gave you more handling time.",
        "handling-extension.declined" => "the buyer declined more handling time.",
        "protection-extension.requested" => "the buyer asks for longer buyer protection.",
        "protection-extension.accepted" => "the seller extended buyer protection.",
        "protection-extension.declined" or "protection-extension.declined-by-silence" => "buyer protection was not extended.",
        "refund.created" => "a refund was created.",
        "refund.stage-changed" => "your refund moved to its next stage.",
        "refund.redirected-to-balance" => "your refund went to your platform balance.",
        "refund.overdue" => "your refund is late; an admin has been told.",
        "refund.case-resolved" => "an admin settled your refund case.",
        "dispute.opened" => "the buyer opened a dispute.",
        "dispute.proposal-accepted" => "the buyer accepted your proposal.",
        "dispute.withdrawn" => "the buyer withdrew the dispute.",
        "dispute.accepted" or "dispute.accepted-by-silence" => "your dispute was accepted.",
        "dispute.amount-proposed" => "the seller proposed another amount.",
        "dispute.rejected" => "the seller rejected your dispute; you may escalate it.",
        "dispute.escalated" or "dispute.escalated-automatically" => "the dispute went to an admin.",
        "dispute.ruled" => "an admin ruled on the dispute.",
        "dispute.settled" => "the dispute is settled.",
        "dispute.evidence-added" => "new evidence in the dispute.",
        "return.awaited" => "ship the item back to get your refund.",
        "return.shipped" => "the buyer shipped the item back.",
        "return.delivered" => "the return was delivered to you; confirm it.",
        "return.received" or "return.accepted-automatically" => "the return was accepted and the refund paid.",
        "return.lapsed" => "the item was not sent back in time; no refund.",
        "message.sent" => "a new message.",
        "order.placed" => "it was placed and awaits payment.",
        "order.paid" => "the payment was sent and is being reviewed.",
        "refund.reported-missing" => "the buyer reported a missing refund; an admin is looking into it.",
        "order.frozen" => "it is frozen while the store is investigated.",
        "order.unfrozen" => "it is no longer frozen; its countdowns carry on.",
        "order.annulled" => "it was annulled and fully refunded (the store was blocked).",
        "order.moved-to-deleted" => "it was moved to Deleted orders.",
        "order.restored" => "it was restored from Deleted orders.",
        "order.permanently-deleted" => "it was deleted permanently.",
        "warning.payment-window" => "its payment window ends soon; pay it, or it closes unpaid.",
        "warning.handling" => "its handling time ends soon; ship it, or it closes with a full refund.",
        "warning.seller-cancel-response" => "the time to answer the cancellation request ends soon; no answer approves it.",
        "warning.buyer-protection" => "buyer protection ends soon; open a dispute now if something is wrong.",
        "warning.dispute-seller-response" => "the time to answer the dispute ends soon; no answer accepts the buyer's request.",
        "warning.return-ship-window" => "the time to ship the item back ends soon; after it the return lapses.",
        _ => kind,
    };
}
