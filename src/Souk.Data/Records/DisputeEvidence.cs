using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>
/// A file of evidence in a dispute, stored in the database so every Souk process serves it. Its content type is what
/// the bytes are (checked on upload), never what the uploader claimed.
/// </summary>
public sealed class DisputeEvidence
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public string UploadedByRole { get; set; } = "";
    public string UploadedById { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset At { get; set; }
}

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
