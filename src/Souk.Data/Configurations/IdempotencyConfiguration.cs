using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data.Configurations;

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> r)
    {
        r.Property(x => x.Scope).HasMaxLength(64);
        r.Property(x => x.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        r.Property(x => x.Fingerprint).HasMaxLength(64);
        r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.ResponseContentType).HasMaxLength(200);
        r.Property(x => x.ResponseLocation).HasMaxLength(2000);
        // The index decides races: of two requests inserting the same key at once, exactly one wins.
        r.HasIndex(x => new { x.Scope, x.Key }).IsUnique();
        r.HasIndex(x => x.ExpiresAt);
    }
}
