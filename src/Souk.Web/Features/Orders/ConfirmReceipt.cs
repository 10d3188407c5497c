namespace Souk.Web.Features.Orders;

/// <summary>The buyer confirms receipt (a row in <see cref="ActionCatalog"/>), or asks for more buyer protection, which the
/// seller accepts or declines.</summary>
public static class ConfirmReceipt
{
    public sealed record ExtensionBody(int? Days, string? Message);

    public static OrderVerb RequestVerb(ExtensionBody body) =>
        (o, actor, now, rules) => o.RequestProtectionExtension(actor, body.Days ?? 0, body.Message, now, rules);
}
