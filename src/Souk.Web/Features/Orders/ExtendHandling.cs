namespace Souk.Web.Features.Orders;

/// <summary>More handling time: the seller asks and the buyer accepts or declines, or the buyer grants it unasked.</summary>
public static class ExtendHandling
{
    public sealed record RequestBody(int? Days, string? Message);
    public sealed record ExtendBody(int? Days);

    public static OrderVerb RequestVerb(RequestBody body) =>
        (o, actor, now, rules) => o.RequestHandlingExtension(actor, body.Days ?? 0, body.Message, now, rules);

    public static OrderVerb ExtendVerb(ExtendBody body) => (o, actor, now, rules) => o.ExtendHandling(actor, body.Days ?? 0, now, rules);
}
