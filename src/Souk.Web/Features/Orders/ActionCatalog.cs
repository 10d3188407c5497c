using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Orders;

/// <summary>
/// An order action as the API and the pages offer it: its route under <c>/api/orders/{id}/</c>, the summary in the
/// OpenAPI document, the button label (English, translated like every page word), how it is called
/// (<see cref="ActionCall"/>: the body and the verb), the fields the "actions" list publishes for it when allowed, and
/// whether the order page shows it as a generic form or it has a page (or button) of its own.
/// </summary>
public sealed record ActionRow(
    OrderAction Action,
    string Path,
    string Summary,
    string Label,
    ActionCall Call,
    Func<Order, DateTimeOffset, Rulebook, IReadOnlyList<ActionField>>? Fields = null,
    bool OwnPage = false)
{
    public string Name => OrderActions.Name(Action);
}

/// <summary>
/// Every order action, one row each, in the order of <see cref="OrderAction"/>: the routes (<see cref="Map"/>), the
/// "actions" list of <see cref="OrderView"/>, the order page's forms and labels and the OpenAPI examples all read
/// this table. Who may take an action and when is the domain's row in <see cref="OrderActions.Table"/>.
/// <c>ActionCatalogTests</c> fails when an action lacks a row.
/// </summary>
public static class ActionCatalog
{
    public static readonly IReadOnlyList<ActionRow> Rows =
    [
        new(OrderAction.Pay, "pay",
            "Pay an order awaiting payment: card, e-wallet, phone, the platform balance, or balance plus one method", "Pay",
            ActionCall.Own(PayOrder.Map, typeof(PayOrder.Body), new PayOrder.Body(PaymentMethod.Card, "4242 4242 4242 4242", null)),
            (o, now, r) => [ActionField.Choice("method", true, Enum.GetNames<PaymentMethod>(), "Balance pays it all from the platform balance"),
                ActionField.Text("account", false, "card number, wallet id or phone number; required unless the method is Balance"),
                ActionField.Integer("balanceMinor", false, 0, Math.Max(0, o.TotalMinor - 1), "the platform balance's part of a split payment")],
            OwnPage: true),
        new(OrderAction.Cancel, "cancel", "Cancel at once: an unpaid order, or a paid one inside the instant-cancel window", "Cancel order",
            ActionCall.Body<CancelOrder.Body>(CancelOrder.CancelVerb, new("NoLongerNeeded", "Bought one at a market")),
            CancelFields, OwnPage: true),
        new(OrderAction.RequestCancellation, "cancellation-request", "Ask the seller to cancel a confirmed order, with a reason", "Request cancellation",
            ActionCall.Body<CancelOrder.Body>(CancelOrder.RequestVerb, new("NoLongerNeeded", "Bought one at a market")),
            CancelFields, OwnPage: true),
        new(OrderAction.ApproveCancellation, "cancellation-request/approve", "Approve the buyer's cancellation request (full refund)", "Approve cancellation",
            ActionCall.OptionalBody<AnswerCancellation.ApproveBody>(AnswerCancellation.ApproveVerb, new(false)),
            (o, now, r) => [ActionField.Flag("sellerAtFault", false, "true when the cause was yours (out of stock, cannot ship); it then counts against the store")]),
        new(OrderAction.RefuseCancellation, "cancellation-request/refuse", "Refuse the buyer's cancellation request with a message", "Refuse cancellation",
            ActionCall.Body<AnswerCancellation.RefuseBody>(AnswerCancellation.RefuseVerb, new("It is already packed and leaves today.")),
            (o, now, r) => [ActionField.Text("message", true)]),
        new(OrderAction.RequestHandlingExtension, "handling-extension-request", "Seller asks the buyer for more handling time", "Ask for more handling time",
            ActionCall.Body<ExtendHandling.RequestBody>(ExtendHandling.RequestVerb, new(2, "The engraving takes two more days.")),
            (o, now, r) => [ActionField.Integer("days", true, 1, Math.Max(0, o.HandlingExtensionDaysLeft(r.Policy))), ActionField.Text("message", true)]),
        new(OrderAction.AcceptHandlingExtension, "handling-extension-request/accept", "Buyer accepts the seller's request for more handling time",
            "Give more handling time", ActionCall.Nothing((o, a, now, r) => o.AcceptHandlingExtension(a, now, r))),
        new(OrderAction.DeclineHandlingExtension, "handling-extension-request/decline", "Buyer declines the seller's request for more handling time",
            "Decline more handling time", ActionCall.Nothing((o, a, now, r) => o.DeclineHandlingExtension(a, now, r))),
        new(OrderAction.ExtendHandling, "extend-handling", "Buyer gives the seller more handling time", "Extend handling time",
            ActionCall.Body<ExtendHandling.ExtendBody>(ExtendHandling.ExtendVerb, new(2)),
            (o, now, r) => [ActionField.Integer("days", true, 1, Math.Max(0, o.HandlingExtensionDaysLeft(r.Policy)))]),
        new(OrderAction.Ship, "ship", "Ship the order with carrier and tracking number; buyer protection starts", "Ship",
            ActionCall.Body<ShipOrder.ShipBody>(ShipOrder.ShipVerb, new("PostNL", "3SABCD1234567")),
            (o, now, r) => [ActionField.Text("carrier", true), ActionField.Text("trackingNumber", true)]),
        new(OrderAction.AddTrackingEvent, "tracking-events", "Add a carrier tracking event the buyer sees under \"Check tracking\"", "Add tracking event",
            ActionCall.Body<ShipOrder.TrackingBody>(ShipOrder.TrackVerb, new("Arrived at the sorting centre", "Utrecht", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))),
            (o, now, r) => [ActionField.Text("description", true), ActionField.Text("location", false),
                new("at", "string", false, null, "when it happened, not in the future; now when left out", Format: "date-time")]),
        new(OrderAction.ConfirmReceipt, "confirm-receipt", "Confirm the goods arrived; the order completes as Received", "Confirm receipt",
            ActionCall.Nothing((o, a, now, r) => o.ConfirmReceipt(a, now, r))),
        new(OrderAction.RequestProtectionExtension, "protection-extension-request", "Ask the seller to extend buyer protection", "Ask for longer buyer protection",
            ActionCall.Body<ConfirmReceipt.ExtensionBody>(ConfirmReceipt.RequestVerb, new(5, "The parcel is stuck at customs.")),
            (o, now, r) => [ActionField.Integer("days", true, 1, Math.Max(0, o.ProtectionExtensionDaysLeft(r.Policy))), ActionField.Text("message", true)]),
        new(OrderAction.AcceptProtectionExtension, "protection-extension-request/accept", "Seller accepts extending buyer protection", "Extend buyer protection",
            ActionCall.Nothing((o, a, now, r) => o.AcceptProtectionExtension(a, now, r))),
        new(OrderAction.DeclineProtectionExtension, "protection-extension-request/decline", "Seller declines extending buyer protection",
            "Decline longer buyer protection", ActionCall.Nothing((o, a, now, r) => o.DeclineProtectionExtension(a, now, r))),
        new(OrderAction.Delete, "delete", "Move a completed order to Deleted orders (the seller still sees it)", "Delete",
            ActionCall.Nothing((o, a, now, r) => o.MoveToDeleted(a, now, r)), OwnPage: true),
        new(OrderAction.Restore, "restore", "Restore an order from Deleted orders", "Restore",
            ActionCall.Nothing((o, a, now, r) => o.Restore(a, now, r)), OwnPage: true),
        new(OrderAction.DeletePermanently, "delete-permanently",
            "Delete an order permanently: it can never be restored, viewed or disputed. Requires \"confirm\": true", "Delete permanently",
            ActionCall.OptionalBody<DeleteOrder.PermanentBody>(DeleteOrder.PurgeVerb, new(true)),
            (o, now, r) => [new("confirm", "boolean", true, [true], "the order can never be restored, viewed or disputed again")], OwnPage: true),
        new(OrderAction.AddToCartAgain, "add-to-cart-again", "Put the order's items in the cart again, skipping what is no longer sold", "Add to cart again",
            ActionCall.Own(AddToCartAgain.Map), OwnPage: true),
        new(OrderAction.RefundPart, "refunds", "Give part of the order's money back to the buyer (several allowed; never more than was paid)", "Refund part",
            ActionCall.Body<RefundActions.RefundPartBody>(RefundActions.RefundPartVerb, new(250, "One cup was chipped")),
            (o, now, r) => [ActionField.Integer("amountMinor", true, 1, o.EscrowMinor, $"{o.Currency} minor units"), ActionField.Text("note", true, "why, shown to the buyer")]),
        new(OrderAction.ReportMissingRefund, "refunds/report-missing", "Report a refund that never arrived: opens an admin case with the refund's history",
            "Report a missing refund",
            ActionCall.Body<RefundActions.ReportBody>(RefundActions.ReportVerb, new(41, "Nothing has reached my card after ten days.")),
            (o, now, r) => [new("refundId", "integer", true, o.Refunds.Where(f => Order.ReportRefusal(f, now, r.Policy) is null).Select(f => (object)f.Id).ToList()),
                ActionField.Text("message", false)]),
        new(OrderAction.ResolveRefund, "refunds/resolve", "Admin: settle an overdue or reported refund (paid-confirmed or credit-balance)", "Settle the refund case",
            ActionCall.Body<RefundActions.ResolveBody>(RefundActions.ResolveVerb, new(41, "credit-balance", "The bank confirmed the card is closed.")),
            (o, now, r) => [new("refundId", "integer", true, o.Refunds.Where(f => f.NeedsAdmin).Select(f => (object)f.Id).ToList()),
                ActionField.Choice("resolution", true, ["paid-confirmed", "credit-balance"]), ActionField.Text("note", true)]),
        new(OrderAction.OpenDispute, "dispute", "Open a dispute: a reason, what went wrong, the refund asked, with or without returning the item", "Open dispute",
            ActionCall.Body<DisputeOrder.OpenBody>(DisputeOrder.OpenVerb, new("NotAsDescribed", "Plastic, not brass", 500, false)),
            (o, now, r) => [ActionField.Choice("reason", true, OrderActions.DisputeReasonsFor(o, now, r.Policy)), ActionField.Text("comment", true, "what went wrong"),
                ActionField.Integer("amountMinor", true, 1, o.EscrowMinor, $"{o.Currency} minor units"),
                ActionField.Flag("withReturn", false, "true to send the item back for the refund")]),
        new(OrderAction.AcceptDispute, "dispute/accept", "Accept the buyer's dispute request (the refund is paid, or the return is awaited)", "Accept the request",
            ActionCall.OptionalBody<DisputeOrder.AnswerBody>(b => DisputeOrder.AnswerVerb(OrderAction.AcceptDispute, b), DisputeOrder.AnswerExample),
            (o, now, r) => [ActionField.Text("message", false)]),
        new(OrderAction.ProposeDisputeAmount, "dispute/propose", "Propose another refund amount to the buyer, with a message", "Propose another amount",
            ActionCall.Body<DisputeOrder.AnswerBody>(b => DisputeOrder.AnswerVerb(OrderAction.ProposeDisputeAmount, b), DisputeOrder.AnswerExample),
            (o, now, r) => [ActionField.Integer("amountMinor", true, 0, o.EscrowMinor, "not the amount asked"), ActionField.Text("message", true)]),
        new(OrderAction.RejectDispute, "dispute/reject", "Reject the dispute with the reasons; the buyer may then escalate", "Reject the dispute",
            ActionCall.Body<DisputeOrder.AnswerBody>(b => DisputeOrder.AnswerVerb(OrderAction.RejectDispute, b), DisputeOrder.AnswerExample),
            (o, now, r) => [ActionField.Text("message", true, "why, with the evidence in words")]),
        new(OrderAction.AcceptDisputeProposal, "dispute/accept-proposal", "Accept the seller's proposed amount", "Accept the proposal",
            ActionCall.Nothing((o, a, now, r) => o.AcceptDisputeProposal(a, now, r))),
        new(OrderAction.WithdrawDispute, "dispute/withdraw", "Withdraw the dispute; the order carries on", "Withdraw the dispute",
            ActionCall.Nothing((o, a, now, r) => o.WithdrawDispute(a, now, r))),
        new(OrderAction.EscalateDispute, "dispute/escalate", "Ask an admin to decide (after a rejection, or once EscalationAllowedAfter has passed)",
            "Ask an admin to decide", ActionCall.Nothing((o, a, now, r) => o.EscalateDispute(a, now, r))),
        new(OrderAction.RuleDispute, "dispute/rule", "Admin: rule on an escalated dispute — full, partial or no refund, with a written ruling", "Rule",
            ActionCall.Body<DisputeOrder.RuleBody>(DisputeOrder.RuleVerb, new(300, "The listing did not say the handle is plastic.")),
            (o, now, r) => [ActionField.Integer("amountMinor", true, 0, o.EscrowMinor, "0 is no refund, the maximum a full refund"), ActionField.Text("ruling", true, "both sides see it")]),
        new(OrderAction.ShipReturn, "dispute/return/ship", "Ship the item back (a settlement with return), with its tracking number", "Send the item back",
            ActionCall.Body<DisputeOrder.ReturnBody>(DisputeOrder.ShipReturnVerb, new("RR123456789NL")),
            (o, now, r) => [ActionField.Text("trackingNumber", true)]),
        new(OrderAction.MarkReturnDelivered, "dispute/return/delivered",
            "Say the carrier delivered the return; the refund is paid automatically after ReturnAutoAccept", "The return was delivered",
            ActionCall.Nothing((o, a, now, r) => o.MarkReturnDelivered(a, now, r))),
        new(OrderAction.ConfirmReturnReceived, "dispute/return/received", "Confirm the returned item arrived; the settled refund is paid", "I received the return",
            ActionCall.Nothing((o, a, now, r) => o.ConfirmReturnReceived(a, now, r))),
    ];

    private static IReadOnlyList<ActionField> CancelFields(Order o, DateTimeOffset now, Rulebook rules) =>
        [ActionField.Choice("reason", true, rules.Reasons.All.Select(r => r.Code)),
         ActionField.Text("comment", false, "required for " + string.Join(", ", rules.Reasons.All.Where(r => r.RequiresComment).Select(r => r.Code)))];

    private static readonly Dictionary<OrderAction, ActionRow> ByAction = Rows.ToDictionary(r => r.Action);
    private static readonly Dictionary<string, ActionRow> ByName = Rows.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static ActionRow Row(OrderAction action) => ByAction[action];

    /// <summary>The row of an action name as the API spells it (<see cref="ActionView.Action"/>); null for an unknown name.</summary>
    public static ActionRow? Find(string? name) => name is not null && ByName.TryGetValue(name, out var row) ? row : null;

    /// <summary>Declares every order action's route, with the problem responses they share.</summary>
    public static void Map(RouteGroupBuilder orders)
    {
        foreach (var row in Rows)
            row.Call.Map(orders, $"/{{id:long}}/{row.Path}", row.Action)
                .WithName(row.Name)
                .WithSummary(row.Summary)
                .WithProblems();
    }

    /// <summary>The actions a viewer sees on an order: each allowed (with how to call it) or refused (with the rule).</summary>
    public static IReadOnlyList<ActionView> ActionsFor(Order o, Actor viewer, DateTimeOffset now, Rulebook rules)
    {
        if (viewer.Role is not (ActorRole.Buyer or ActorRole.Seller or ActorRole.Admin)) return [];
        return OrderActions.For(viewer.Role).Select(action =>
        {
            var row = Row(action);
            var d = OrderActions.Check(o, action, now, rules);
            var href = $"/api/orders/{o.Id}/{row.Path}";
            return d.Refusal is { } r
                ? new ActionView(row.Name, false, r.Code, r.Arguments, RefusalMessages.Render(r), r.PossibleFrom, null, "POST", href, [])
                : new ActionView(row.Name, true, null, null, null, null, d.PossibleUntil, "POST", href, row.Fields?.Invoke(o, now, rules) ?? []);
        }).ToList();
    }
}
