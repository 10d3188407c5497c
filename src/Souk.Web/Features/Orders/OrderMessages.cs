using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Data.Webhooks;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Orders;

/// <summary>
/// The message thread of an order between its buyer and its store's seller, with read marks (spec §3, Messages).
/// Admins read it once the order's dispute is escalated, so they can rule with the whole conversation.
/// </summary>
public static class OrderMessages
{
    public sealed record Body(string? Text);
    public sealed record MessageView(long Id, string From, string Text, DateTimeOffset At, DateTimeOffset? ReadAt);
    public sealed record ThreadView(IReadOnlyList<MessageView> Messages, int Unread);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapGet("/{id:long}/messages", Read).WithName("read-order-messages")
            .WithSummary("The order's message thread, oldest first, with how many messages to you are unread").WithProblems();
        orders.MapPost("/{id:long}/messages", Send).WithName("send-order-message")
            .WithSummary("Send a message to the other party of the order (at most 2,000 characters)").WithProblems().ProducesProblem(429);
        orders.MapPost("/{id:long}/messages/read", MarkRead).WithName("mark-order-messages-read")
            .WithSummary("Mark every message the other party sent you as read").WithProblems();
    }

    private static async Task<Ok<ThreadView>> Read(long id, ActorAccessor actors, OrderWriter writer, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(id, await actors.GetAsync(ct), writer, db, ct));

    /// <summary>The thread as <paramref name="actor"/> may read it (the API and the order page).</summary>
    public static async Task<ThreadView> ReadAsync(long id, Actor actor, OrderWriter writer, SoukDbContext db, CancellationToken ct)
    {
        var order = await OrderEndpoints.LoadVisibleAsync(id, actor, writer, ct);
        if (actor.Role == ActorRole.Admin && order.Dispute?.EscalatedAt is null)
            throw RuleViolation.Refused("messages.admin-after-escalation").ToException();
        var messages = await db.OrderMessages.AsNoTracking().Where(m => m.OrderId == id).OrderBy(m => m.Id).Take(1000).ToListAsync(ct);
        var mine = actor.Role.ToString();
        return new ThreadView(
            messages.Select(m => new MessageView(m.Id, m.SenderRole.ToLowerInvariant(), m.Text, m.At, m.ReadAt)).ToList(),
            messages.Count(m => m.SenderRole != mine && m.ReadAt is null && actor.Role != ActorRole.Admin));
    }

    private static async Task<Created<MessageView>> Send(long id, Body body, ActorAccessor actors, OrderWriter writer, SoukDbContext db, TimeProvider clock,
        CancellationToken ct) =>
        TypedResults.Created($"/api/orders/{id}/messages", await SendAsync(id, await actors.GetAsync(ct), body.Text, writer, db, clock, ct));

    /// <summary>The store's orders whose buyer wrote something the seller has not read, newest first, with how many.</summary>
    public static async Task<IReadOnlyList<(long OrderId, int Unread, DateTimeOffset Latest)>> UnreadForStoreAsync(long storeId, SoukDbContext db, CancellationToken ct)
    {
        var buyer = ActorRole.Buyer.ToString();
        var rows = await db.OrderMessages.AsNoTracking()
            .Where(m => m.SenderRole == buyer && m.ReadAt == null && db.Orders.Any(o => o.Id == m.OrderId && o.StoreId == storeId))
            .GroupBy(m => m.OrderId).Select(g => new { OrderId = g.Key, Unread = g.Count(), Latest = g.Max(m => m.Id) })
            .OrderByDescending(g => g.Latest).Take(100).ToListAsync(ct);
        var times = await db.OrderMessages.AsNoTracking().Where(m => rows.Select(r => r.Latest).Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.At, ct);
        return rows.Select(r => (r.OrderId, r.Unread, times[r.Latest])).ToList();
    }

    /// <summary>Sends <paramref name="text"/> to the order's other party (the API and the order page).</summary>
    public static async Task<MessageView> SendAsync(long id, Actor actor, string? text, OrderWriter writer, SoukDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var order = await OrderEndpoints.LoadVisibleAsync(id, actor, writer, ct);
        if (actor.Role is not (ActorRole.Buyer or ActorRole.Seller)) throw RuleViolation.Refused("messages.parties-only").ToException();
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > OrderMessage.MaxLength)
            throw RuleViolation.Invalid("messages.text-invalid", "text", ("max", OrderMessage.MaxLength)).ToException();
        var message = new OrderMessage { OrderId = id, SenderRole = actor.Role.ToString(), SenderId = actor.UserId ?? "", Text = text, At = clock.GetUtcNow() };
        // The message, the other party's bell and the webhook deliveries commit together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrderMessages.Add(message);
        // The other party's bell, in the same save as the message.
        var to = actor.Role == ActorRole.Buyer
            ? await db.Stores.Where(s => s.Id == order.StoreId).Select(s => s.OwnerId).FirstOrDefaultAsync(ct)
            : order.BuyerId;
        if (to is not null) db.Notifications.Add(new Notification { UserId = to, OrderId = id, Kind = OrderEventKinds.MessageSent, At = message.At });
        await db.SaveChangesAsync(ct);
        // The text stays in Souk (fetch the thread with the endpoint's owner's token); the event says who wrote and which message.
        await WebhookOutbox.EnqueueAsync(db, [new OutboxEvent(order, OrderEventKinds.MessageSent, message.At, message.SenderRole,
            new Dictionary<string, string> { ["messageId"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })], message.At, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MessageView(message.Id, message.SenderRole.ToLowerInvariant(), message.Text, message.At, null);
    }

    private static async Task<Ok<ThreadView>> MarkRead(long id, ActorAccessor actors, OrderWriter writer, SoukDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await MarkReadAsync(id, await actors.GetAsync(ct), writer, db, clock, ct));

    /// <summary>Marks what the other party sent <paramref name="actor"/> as read and returns the thread.</summary>
    public static async Task<ThreadView> MarkReadAsync(long id, Actor actor, OrderWriter writer, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await OrderEndpoints.LoadVisibleAsync(id, actor, writer, ct);
        if (actor.Role is not (ActorRole.Buyer or ActorRole.Seller)) throw RuleViolation.Refused("messages.parties-only").ToException();
        var mine = actor.Role.ToString();
        var now = clock.GetUtcNow();
        var unread = await db.OrderMessages.Where(m => m.OrderId == id && m.SenderRole != mine && m.ReadAt == null).ToListAsync(ct);
        foreach (var m in unread) m.ReadAt = now;
        await db.SaveChangesAsync(ct);
        return await ReadAsync(id, actor, writer, db, ct);
    }
}
