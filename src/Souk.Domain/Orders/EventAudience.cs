namespace Souk.Domain.Orders;

[Flags]
public enum Audience
{
    None = 0,
    Buyer = 1,
    Seller = 2,
    Both = Buyer | Seller,
}

/// <summary>
/// Whom each timeline event concerns (spec §7), from its row in <see cref="OrderEventKinds.Catalogue"/>: they get an
/// in-app notification, except the person who caused it. Events nobody needs to hear about (placing, deleting,
/// restoring) notify no one, and neither does a kind the catalogue does not know.
/// </summary>
public static class EventAudience
{
    public static Audience Of(string kind) => OrderEventKinds.Find(kind)?.Audience ?? Audience.None;
}
