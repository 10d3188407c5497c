using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data.Configurations;

public sealed class DisputeEvidenceConfiguration : IEntityTypeConfiguration<DisputeEvidence>
{
    public void Configure(EntityTypeBuilder<DisputeEvidence> e)
    {
        e.Property(x => x.UploadedByRole).HasMaxLength(20);
        e.Property(x => x.UploadedById).HasMaxLength(64);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(40);
        e.HasIndex(x => x.OrderId);
    }
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
