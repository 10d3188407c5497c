using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>An in-app notification: an order event that concerns this user (spec §7), written by the commit that caused it.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long OrderId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.Property(x => x.UserId).HasMaxLength(64);
        n.Property(x => x.Kind).HasMaxLength(60);
        // A user's bell: newest first, and the unread count.
        n.HasIndex(x => new { x.UserId, x.Id });
        n.HasIndex(x => new { x.UserId, x.ReadAt });
    }
}
