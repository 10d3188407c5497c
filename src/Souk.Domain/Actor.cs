namespace Souk.Domain;

public enum ActorRole
{
    Buyer,
    Seller,
    Admin,

    /// <summary>Souk itself: a deadline that fired, a payment provider's answer.</summary>
    System,
}

/// <summary>Who does something: a role and, for people, their user id (and the seller's store).</summary>
public sealed record Actor(ActorRole Role, string? UserId, long? StoreId = null)
{
    public static readonly Actor System = new(ActorRole.System, null);

    public static Actor Buyer(string userId) => new(ActorRole.Buyer, userId);
    public static Actor Seller(string userId, long storeId) => new(ActorRole.Seller, userId, storeId);
    public static Actor Admin(string userId) => new(ActorRole.Admin, userId);
}
