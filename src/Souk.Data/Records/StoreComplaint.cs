using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>A buyer's complaint against a store, for admins to read and, if needed, open an investigation.</summary>
public sealed class StoreComplaint
{
    public long Id { get; set; }
    public long StoreId { get; set; }
    public string BuyerId { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class StoreComplaintConfiguration : IEntityTypeConfiguration<StoreComplaint>
{
    public void Configure(EntityTypeBuilder<StoreComplaint> c)
    {
        c.Property(x => x.BuyerId).HasMaxLength(64);
        c.Property(x => x.Reason).HasMaxLength(40);
        c.Property(x => x.Text).HasMaxLength(2000);
        c.HasIndex(x => new { x.StoreId, x.Id });
    }
}
