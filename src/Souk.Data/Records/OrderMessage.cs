using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>One message in an order's thread between its buyer and its seller (admins read it once a dispute is escalated).</summary>
public sealed class OrderMessage
{
    public const int MaxLength = 2000;

    public long Id { get; set; }
    public long OrderId { get; set; }
    public string SenderRole { get; set; } = "";
    public string SenderId { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>When the other party read it; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

public sealed class OrderMessageConfiguration : IEntityTypeConfiguration<OrderMessage>
{
    public void Configure(EntityTypeBuilder<OrderMessage> m)
    {
        m.Property(x => x.SenderRole).HasMaxLength(20);
        m.Property(x => x.SenderId).HasMaxLength(64);
        m.Property(x => x.Text).HasMaxLength(OrderMessage.MaxLength);
        m.HasIndex(x => new { x.OrderId, x.Id });
    }
}
