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

    public void Rename(string name) => Name = RequireName(name);

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100
            ? throw RuleViolation.Invalid("store.name-invalid", "name", ("maxLength", 100)).ToException()
            : name.Trim();
}
