namespace Souk.Web.Features.Orders;

/// <summary>"Deleted orders": moving a completed order there and restoring it are rows of <see cref="ActionCatalog"/>;
/// deleting it permanently asks for an explicit confirm.</summary>
public static class DeleteOrder
{
    public sealed record PermanentBody(bool? Confirm);

    public static OrderVerb PurgeVerb(PermanentBody? body) =>
        (o, actor, now, rules) => o.DeletePermanently(actor, body?.Confirm == true, now, rules);
}
