using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>Whether the first request with an <c>Idempotency-Key</c> is still running or has its answer stored.</summary>
public enum IdempotencyStatus
{
    InProgress,
    Completed,
}

/// <summary>
/// One <c>Idempotency-Key</c> of one user (<see cref="Scope"/>: the user id, or "anonymous"): the request it was
/// first used for (<see cref="Fingerprint"/>) and, once that request finished, its answer, replayed verbatim to
/// every retry until <see cref="ExpiresAt"/>. Kept in the database so any Souk process answers the retry.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    public long Id { get; set; }
    public string Scope { get; set; } = "";
    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of method, path and body: the same key with another request is refused.</summary>
    public string Fingerprint { get; set; } = "";
    public IdempotencyStatus Status { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }

    /// <summary>The <c>Location</c> of a 201, so a replayed creation still says where the created thing is.</summary>
    public string? ResponseLocation { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

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
