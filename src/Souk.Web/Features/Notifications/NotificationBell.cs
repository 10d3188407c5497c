using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Notifications;

/// <summary>
/// The notification bell (spec §7): what happened to the user's orders that concerns them, newest first, with the
/// unread count; marking read. Notifications are written by the commit step with the events they tell about.
/// </summary>
public static class NotificationBell
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

    /// <summary>The sentence the bell shows for an event, in the UI culture: the order, then the kind's notification words
    /// (<see cref="OrderEventTexts"/>).</summary>
    public static string TextOf(string kind, long orderId) =>
        (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? $"Заказ {orderId}: " : $"Order {orderId}: ") + OrderEventTexts.Of(kind).Notification;
}
