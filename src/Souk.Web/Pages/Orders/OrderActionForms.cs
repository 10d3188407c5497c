using System.Globalization;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;

namespace Souk.Web.Pages.Orders;

/// <summary>
/// The order page's forms: which actions it renders as a generic form (from the action's <see cref="ActionField"/>s,
/// the same list the API publishes), and how a submitted form becomes the domain verb — the same verb, with the same
/// argument handling, as the action's API endpoint in Features/Orders. The runner and the commit step are shared.
/// </summary>
public static class OrderActionForms
{
    /// <summary>Actions with a page of their own (cancel dialog, delete confirmations, payment, cart) or a row button.</summary>
    public static bool HasOwnPage(string action) =>
        action is "pay" or "cancel" or "request-cancellation" or "delete" or "restore" or "delete-permanently" or "add-to-cart-again";

    /// <summary>Amounts are typed in major units (12.50) and travel in minor units (1250), like every money field of the API.</summary>
    public static bool IsMoney(ActionField field) => field.Type == "integer" && field.Name.EndsWith("Minor", StringComparison.Ordinal);

    public static Action<Order, Actor, DateTimeOffset, Rulebook> Verb(OrderAction action, Func<string, string?> form)
    {
        string? Text(string name) => form(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        // A number that does not parse is passed on as out of range, so the verb refuses it with its own rule.
        long? Minor(string name) => OrderDisplay.ToMinor(Text(name));
        int Int(string name) => int.TryParse(Text(name), out var n) ? n : 0;
        long Long(string name) => long.TryParse(Text(name), out var n) ? n : 0;
        bool Flag(string name) => Text(name) is "true" or "on";

        return action switch
        {
            OrderAction.ApproveCancellation => (o, a, now, r) => o.ApproveCancellation(a, Flag("sellerAtFault"), now, r),
            OrderAction.RefuseCancellation => (o, a, now, r) => o.RefuseCancellation(a, CancelOrder.Trim(Text("message")) ?? "", now, r),
            OrderAction.RequestHandlingExtension => (o, a, now, r) => o.RequestHandlingExtension(a, Int("days"), CancelOrder.Trim(Text("message")) ?? "", now, r),
            OrderAction.AcceptHandlingExtension => (o, a, now, r) => o.AcceptHandlingExtension(a, now, r),
            OrderAction.DeclineHandlingExtension => (o, a, now, r) => o.DeclineHandlingExtension(a, now, r),
            OrderAction.ExtendHandling => (o, a, now, r) => o.ExtendHandling(a, Int("days"), now, r),
            OrderAction.Ship => (o, a, now, r) => o.Ship(a, ShipOrder.Limit(Text("carrier")), ShipOrder.Limit(Text("trackingNumber")), now, r),
            OrderAction.AddTrackingEvent => (o, a, now, r) =>
                o.AddTrackingEvent(a, ShipOrder.Limit(Text("description"), 500), Text("location") is { } l ? ShipOrder.Limit(l, 200) : null, null, now, r),
            OrderAction.ConfirmReceipt => (o, a, now, r) => o.ConfirmReceipt(a, now, r),
            OrderAction.RequestProtectionExtension => (o, a, now, r) => o.RequestProtectionExtension(a, Int("days"), CancelOrder.Trim(Text("message")) ?? "", now, r),
            OrderAction.AcceptProtectionExtension => (o, a, now, r) => o.AcceptProtectionExtension(a, now, r),
            OrderAction.DeclineProtectionExtension => (o, a, now, r) => o.DeclineProtectionExtension(a, now, r),
            OrderAction.RefundPart => (o, a, now, r) => o.RefundPart(a, Minor("amountMinor") ?? 0, OrderEndpoints.RefuseTooLong(Text("note"), "note", 500), now, r),
            OrderAction.ReportMissingRefund => (o, a, now, r) => o.ReportMissingRefund(a, Long("refundId"), OrderEndpoints.RefuseTooLong(Text("message"), "note", 1000), now, r),
            OrderAction.ResolveRefund => (o, a, now, r) => o.ResolveRefund(a, Long("refundId"), Text("resolution"), OrderEndpoints.RefuseTooLong(Text("note"), "note", 1000), now, r),
            OrderAction.OpenDispute => (o, a, now, r) => o.OpenDispute(a, Text("reason") ?? "", OrderEndpoints.RefuseTooLong(Text("comment"), "comment", 2000),
                Minor("amountMinor") ?? 0, Flag("withReturn"), now, r),
            OrderAction.AcceptDispute or OrderAction.ProposeDisputeAmount or OrderAction.RejectDispute =>
                (o, a, now, r) => o.AnswerDispute(a, action, Minor("amountMinor"), OrderEndpoints.RefuseTooLong(Text("message"), "message", 2000), now, r),
            OrderAction.AcceptDisputeProposal => (o, a, now, r) => o.AcceptDisputeProposal(a, now, r),
            OrderAction.WithdrawDispute => (o, a, now, r) => o.WithdrawDispute(a, now, r),
            OrderAction.EscalateDispute => (o, a, now, r) => o.EscalateDispute(a, now, r),
            OrderAction.RuleDispute => (o, a, now, r) => o.RuleDispute(a, Minor("amountMinor") ?? -1, OrderEndpoints.RefuseTooLong(Text("ruling"), "ruling", 4000), now, r),
            OrderAction.ShipReturn => (o, a, now, r) => o.ShipReturn(a, Text("trackingNumber"), now, r),
            OrderAction.MarkReturnDelivered => (o, a, now, r) => o.MarkReturnDelivered(a, now, r),
            OrderAction.ConfirmReturnReceived => (o, a, now, r) => o.ConfirmReturnReceived(a, now, r),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "This action has a page of its own."),
        };
    }

    /// <summary>The action an action name (as in <see cref="ActionView.Action"/>) stands for.</summary>
    public static OrderAction? Parse(string? name) =>
        Enum.GetValues<OrderAction>().Where(a => a != OrderAction.AddToCartAgain).Cast<OrderAction?>()
            .FirstOrDefault(a => OrderActions.Name(a!.Value) == name);
}
