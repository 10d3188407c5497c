using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// Disputes and returns (spec §3, Dispute): the buyer opens one, the seller accepts, proposes or rejects, the buyer
/// accepts a proposal, withdraws or escalates, an admin rules; a settlement with return has the buyer ship the item back.
/// The actions without a body are rows of <see cref="ActionCatalog"/> alone.
/// </summary>
public static class DisputeOrder
{
    public sealed record OpenBody(string? Reason, string? Comment, long? AmountMinor, bool? WithReturn = null);
    public sealed record AnswerBody(long? AmountMinor = null, string? Message = null);
    public sealed record RuleBody(long? AmountMinor, string? Ruling);
    public sealed record ReturnBody(string? TrackingNumber);

    public static readonly AnswerBody AnswerExample = new(300, "The lid is brass; the handle is not.");

    public static OrderVerb OpenVerb(OpenBody body) =>
        (o, a, now, rules) => o.OpenDispute(a, body.Reason ?? "", body.Comment, body.AmountMinor ?? 0, body.WithReturn ?? false, now, rules);

    /// <summary>The seller's three answers share a body: an amount for a proposal, a message for a proposal or a rejection.</summary>
    public static OrderVerb AnswerVerb(OrderAction answer, AnswerBody? body) =>
        (o, a, now, rules) => o.AnswerDispute(a, answer, body?.AmountMinor, body?.Message, now, rules);

    public static OrderVerb RuleVerb(RuleBody body) =>
        (o, a, now, rules) => o.RuleDispute(a, body.AmountMinor ?? -1, body.Ruling, now, rules);

    public static OrderVerb ShipReturnVerb(ReturnBody body) => (o, a, now, rules) => o.ShipReturn(a, body.TrackingNumber, now, rules);
}
