namespace Souk.Data;

/// <summary>An address in a buyer's address book.</summary>
public sealed class AddressBookEntry
{
    public long Id { get; set; }
    public string BuyerId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";
    public string? Phone { get; set; }
}

/// <summary>A listing and quantity in a buyer's cart. Prices are read at checkout, not stored here.</summary>
public sealed class CartItem
{
    public long Id { get; set; }
    public string BuyerId { get; set; } = "";
    public long ListingId { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>Single-row settings shared by every Souk process (the development clock offset).</summary>
public sealed class SharedSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

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
