namespace Souk.Web.Features.Orders;

/// <summary>
/// Refunds beyond the automatic ones (spec §4): the seller gives part of the money back; the buyer reports a refund
/// that never arrived (an admin case); an admin settles an overdue or reported refund.
/// </summary>
public static class RefundActions
{
    public sealed record RefundPartBody(long? AmountMinor, string? Note);
    public sealed record ReportBody(long? RefundId, string? Message = null);
    public sealed record ResolveBody(long? RefundId, string? Resolution, string? Note);

    public static OrderVerb RefundPartVerb(RefundPartBody body) =>
        (o, actor, now, rules) => o.RefundPart(actor, body.AmountMinor ?? 0, body.Note, now, rules);

    public static OrderVerb ReportVerb(ReportBody body) =>
        (o, actor, now, rules) => o.ReportMissingRefund(actor, body.RefundId ?? 0, body.Message, now, rules);

    public static OrderVerb ResolveVerb(ResolveBody body) =>
        (o, actor, now, rules) => o.ResolveRefund(actor, body.RefundId ?? 0, body.Resolution?.Trim(), body.Note, now, rules);
}
