namespace Souk.Web.Features.Orders;

/// <summary>
/// The buyer cancels: at once while unpaid or inside the instant-cancel window after paying; otherwise by asking
/// the seller (a cancellation request, answered in AnswerCancellation.cs or approved by the seller's silence).
/// </summary>
public static class CancelOrder
{
    public sealed record Body(string? Reason, string? Comment = null);

    public static OrderVerb CancelVerb(Body body) =>
        (o, actor, now, rules) => o.Cancel(actor, body.Reason ?? "", body.Comment, now, rules);

    public static OrderVerb RequestVerb(Body body) =>
        (o, actor, now, rules) => o.RequestCancellation(actor, body.Reason ?? "", body.Comment, now, rules);
}
