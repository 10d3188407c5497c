using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// Disputes and returns (spec §3, Dispute): the buyer opens one, the seller accepts, proposes or rejects, the buyer
/// accepts a proposal, withdraws or escalates, an admin rules; a settlement with return has the buyer ship the item back.
/// </summary>
public static class DisputeOrder
{
    public sealed record OpenBody(string? Reason, string? Comment, long? AmountMinor, bool? WithReturn = null);
    public sealed record AnswerBody(long? AmountMinor = null, string? Message = null);
    public sealed record RuleBody(long? AmountMinor, string? Ruling);
    public sealed record ReturnBody(string? TrackingNumber);

    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapAction(OrderAction.OpenDispute, "Open a dispute: a reason, what went wrong, the refund asked, with or without returning the item", Open);
        orders.MapAction(OrderAction.AcceptDispute, "Accept the buyer's dispute request (the refund is paid, or the return is awaited)",
            (long id, AnswerBody? body, OrderActionRunner runner, CancellationToken ct) => Answer(id, OrderAction.AcceptDispute, body, runner, ct));
        orders.MapAction(OrderAction.ProposeDisputeAmount, "Propose another refund amount to the buyer, with a message",
            (long id, AnswerBody body, OrderActionRunner runner, CancellationToken ct) => Answer(id, OrderAction.ProposeDisputeAmount, body, runner, ct));
        orders.MapAction(OrderAction.RejectDispute, "Reject the dispute with the reasons; the buyer may then escalate",
            (long id, AnswerBody body, OrderActionRunner runner, CancellationToken ct) => Answer(id, OrderAction.RejectDispute, body, runner, ct));
        orders.MapAction(OrderAction.AcceptDisputeProposal, "Accept the seller's proposed amount", (long id, NoBody? body, OrderActionRunner runner, CancellationToken ct) =>
            Run(id, OrderAction.AcceptDisputeProposal, (o, a, now, rules) => o.AcceptDisputeProposal(a, now, rules), runner, ct));
        orders.MapAction(OrderAction.WithdrawDispute, "Withdraw the dispute; the order carries on", (long id, NoBody? body, OrderActionRunner runner, CancellationToken ct) =>
            Run(id, OrderAction.WithdrawDispute, (o, a, now, rules) => o.WithdrawDispute(a, now, rules), runner, ct));
        orders.MapAction(OrderAction.EscalateDispute, "Ask an admin to decide (after a rejection, or once EscalationAllowedAfter has passed)",
            (long id, NoBody? body, OrderActionRunner runner, CancellationToken ct) =>
                Run(id, OrderAction.EscalateDispute, (o, a, now, rules) => o.EscalateDispute(a, now, rules), runner, ct));
        orders.MapAction(OrderAction.RuleDispute, "Admin: rule on an escalated dispute — full, partial or no refund, with a written ruling",
            (long id, RuleBody body, OrderActionRunner runner, CancellationToken ct) =>
                Run(id, OrderAction.RuleDispute, RuleVerb(body), runner, ct));
        orders.MapAction(OrderAction.ShipReturn, "Ship the item back (a settlement with return), with its tracking number",
            (long id, ReturnBody body, OrderActionRunner runner, CancellationToken ct) =>
                Run(id, OrderAction.ShipReturn, ShipReturnVerb(body), runner, ct));
        orders.MapAction(OrderAction.MarkReturnDelivered, "Say the carrier delivered the return; the refund is paid automatically after ReturnAutoAccept",
            (long id, NoBody? body, OrderActionRunner runner, CancellationToken ct) =>
                Run(id, OrderAction.MarkReturnDelivered, (o, a, now, rules) => o.MarkReturnDelivered(a, now, rules), runner, ct));
        orders.MapAction(OrderAction.ConfirmReturnReceived, "Confirm the returned item arrived; the settled refund is paid",
            (long id, NoBody? body, OrderActionRunner runner, CancellationToken ct) =>
                Run(id, OrderAction.ConfirmReturnReceived, (o, a, now, rules) => o.ConfirmReturnReceived(a, now, rules), runner, ct));
    }

    private static async Task<Ok<OrderView>> Open(long id, OpenBody body, OrderActionRunner runner, CancellationToken ct) =>
        await Run(id, OrderAction.OpenDispute, OpenVerb(body), runner, ct);

    private static Task<Ok<OrderView>> Answer(long id, OrderAction answer, AnswerBody? body, OrderActionRunner runner, CancellationToken ct) =>
        Run(id, answer, AnswerVerb(answer, body), runner, ct);

    // The verbs with their arguments as the API reads them; the order page's forms build the same bodies.
    public static OrderVerb OpenVerb(OpenBody body) =>
        (o, a, now, rules) => o.OpenDispute(a, body.Reason ?? "", OrderEndpoints.RefuseTooLong(body.Comment, "comment", 2000), body.AmountMinor ?? 0,
            body.WithReturn ?? false, now, rules);

    public static OrderVerb AnswerVerb(OrderAction answer, AnswerBody? body) =>
        (o, a, now, rules) => o.AnswerDispute(a, answer, body?.AmountMinor, OrderEndpoints.RefuseTooLong(body?.Message, "message", 2000), now, rules);

    public static OrderVerb RuleVerb(RuleBody body) =>
        (o, a, now, rules) => o.RuleDispute(a, body.AmountMinor ?? -1, OrderEndpoints.RefuseTooLong(body.Ruling, "ruling", 4000), now, rules);

    public static OrderVerb ShipReturnVerb(ReturnBody body) => (o, a, now, rules) => o.ShipReturn(a, body.TrackingNumber, now, rules);

    private static async Task<Ok<OrderView>> Run(long id, OrderAction action, OrderVerb verb,
        OrderActionRunner runner, CancellationToken ct) =>
        TypedResults.Ok(await runner.RunAsync(id, action, verb, ct));

}
