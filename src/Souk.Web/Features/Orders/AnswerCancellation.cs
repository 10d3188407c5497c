namespace Souk.Web.Features.Orders;

/// <summary>The seller approves (full refund) or refuses (with a message) the buyer's cancellation request.</summary>
public static class AnswerCancellation
{
    public sealed record ApproveBody(bool? SellerAtFault = null);
    public sealed record RefuseBody(string? Message);

    public static OrderVerb ApproveVerb(ApproveBody? body) =>
        (o, actor, now, rules) => o.ApproveCancellation(actor, body?.SellerAtFault ?? false, now, rules);

    public static OrderVerb RefuseVerb(RefuseBody body) =>
        (o, actor, now, rules) => o.RefuseCancellation(actor, body.Message, now, rules);
}
