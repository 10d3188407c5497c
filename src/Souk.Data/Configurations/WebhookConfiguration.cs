using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Data.Webhooks;

namespace Souk.Data.Configurations;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> e)
    {
        e.Property(x => x.CreatedById).HasMaxLength(64);
        e.Property(x => x.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        e.Property(x => x.Events).HasMaxLength(4000);
        e.Property(x => x.Secret).HasMaxLength(200);
        // The commit step looks up the endpoints of the stores it touches (and the platform's, StoreId null).
        e.HasIndex(x => new { x.StoreId, x.IsActive });
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> d)
    {
        d.Property(x => x.EventId).HasMaxLength(40);
        d.Property(x => x.EventType).HasMaxLength(60);
        d.Property(x => x.LastError).HasMaxLength(500);
        d.Property(x => x.LastAddress).HasMaxLength(64);
        d.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId);
        // The dispatcher's claim: pending deliveries due now.
        d.HasIndex(x => new { x.Status, x.NextAttemptAt });
        // "Is an earlier event of this order still in the way?"
        d.HasIndex(x => new { x.EndpointId, x.OrderId, x.Id });
        // The delivery log, newest first.
        d.HasIndex(x => new { x.EndpointId, x.Id });
    }
}
