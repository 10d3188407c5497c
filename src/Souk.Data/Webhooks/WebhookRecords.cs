namespace Souk.Data.Webhooks;

/// <summary>
/// Where an integrator wants order events sent (spec §7): a store's endpoint receives its store's orders' events, a
/// platform endpoint (registered by an admin, <see cref="StoreId"/> null) every order's. Each delivery is signed with
/// <see cref="Secret"/>, which Souk must keep readable to sign with; it is shown to its owner only when set.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2000;

    public long Id { get; set; }

    /// <summary>The store whose events this endpoint receives; null for a platform endpoint (all stores).</summary>
    public long? StoreId { get; set; }

    public string CreatedById { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>The subscriptions, space-separated: <c>*</c>, a group such as <c>dispute.*</c>, or single kinds.</summary>
    public string Events { get; set; } = "";

    public string Secret { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }

    public IReadOnlyList<string> Subscriptions => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (or for an earlier event of the same order to be delivered first).</summary>
    Pending = 0,
    Delivered = 1,

    /// <summary>Retries ran out; later events of the same order to this endpoint wait until it is replayed or skipped.</summary>
    DeadLettered = 2,

    /// <summary>An operator gave up on it; later events of its order flow again.</summary>
    Skipped = 3,
}

/// <summary>
/// The outbox: one event for one endpoint, written in the same transaction as the change it tells about, then sent
/// by the dispatcher until the receiver answers 2xx. Events of one order reach an endpoint in the order they were
/// written (by <see cref="Id"/>): a delivery is only attempted when none before it for that order and endpoint is
/// still pending or dead-lettered.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long EndpointId { get; set; }
    public long OrderId { get; set; }

    /// <summary>The event's id, the same for every endpoint that receives it; receivers use it to drop duplicates.</summary>
    public string EventId { get; set; } = "";

    public string EventType { get; set; } = "";

    /// <summary>The exact JSON sent, fixed when the event happened; the signature covers these bytes.</summary>
    public string Body { get; set; } = "";

    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Start of the retry window: when the event was written, or when an operator replayed it.</summary>
    public DateTimeOffset RetryFrom { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A dispatcher that claimed this delivery owns it until then; if it dies, another takes it over.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    /// <summary>The address the last attempt's request was sent to (null when it never connected: then
    /// <see cref="LastError"/> names each address refused).</summary>
    public string? LastAddress { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
