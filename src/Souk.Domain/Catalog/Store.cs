namespace Souk.Domain.Catalog;

/// <summary>A seller's shop. One store per seller account.</summary>
public sealed class Store
{
    private Store() { Name = ""; OwnerId = ""; }

    public Store(string ownerId, string name, DateTimeOffset now)
    {
        OwnerId = ownerId;
        Name = RequireName(name);
        OpenedAt = now;
    }

    public long Id { get; private set; }
    public string OwnerId { get; private set; }
    public string Name { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>Blocked after an investigation: its listings are hidden and nothing can be bought from it.</summary>
    public DateTimeOffset? BlockedAt { get; private set; }

    public bool IsBlocked => BlockedAt is not null;

    public void Rename(string name) => Name = RequireName(name);

    public void Block(DateTimeOffset now) => BlockedAt ??= now;

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100
            ? throw RuleViolation.Invalid("store.name-invalid", "name", ("maxLength", 100)).ToException()
            : name.Trim();
}
