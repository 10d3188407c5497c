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

    /// <summary>An option's value as a form sends it: typed in the API's JSON (a refund id is a number), text in a form.</summary>
    public static string FormValue(object option) => Convert.ToString(option, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The submitted form as the body the action's API endpoint takes, and that endpoint's verb: the argument
    /// handling (trimming, length limits, defaults) lives with the verb in Features/Orders, once.</summary>
    public static OrderVerb Verb(OrderAction action, Func<string, string?> form) =>
        // Amounts are read in the order's currency (its minor digits), known once the order is loaded.
        (order, actor, now, rules) => Verb(action, form, order.Currency)(order, actor, now, rules);

    private static OrderVerb Verb(OrderAction action, Func<string, string?> form, string currency)
    {
        // A form sends every field, empty or not; an empty one is a missing one, and a typed one loses its stray spaces.
        string? Text(string name) => form(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        // Amounts are typed in major units; one that does not parse is passed on as out of range, so the verb refuses it
        // with its own rule. A number that does not parse is missing, as in a JSON body without it.
        long? Minor(string name) => Text(name) is null ? null : OrderDisplay.ToMinor(Text(name), currency) ?? -1;
        int? Int(string name) => int.TryParse(Text(name), out var n) ? n : null;
        long? Long(string name) => long.TryParse(Text(name), out var n) ? n : null;
        bool Flag(string name) => Text(name) is "true" or "on";

        return action switch
        {
            OrderAction.ApproveCancellation => AnswerCancellation.ApproveVerb(new(Flag("sellerAtFault"))),
            OrderAction.RefuseCancellation => AnswerCancellation.RefuseVerb(new(Text("message"))),
            OrderAction.RequestHandlingExtension => ExtendHandling.RequestVerb(new(Int("days"), Text("message"))),
            OrderAction.AcceptHandlingExtension => (o, a, now, r) => o.AcceptHandlingExtension(a, now, r),
            OrderAction.DeclineHandlingExtension => (o, a, now, r) => o.DeclineHandlingExtension(a, now, r),
            OrderAction.ExtendHandling => ExtendHandling.ExtendVerb(new(Int("days"))),
            OrderAction.Ship => ShipOrder.ShipVerb(new(Text("carrier"), Text("trackingNumber"))),
            OrderAction.AddTrackingEvent => ShipOrder.TrackVerb(new(Text("description"), Text("location"), null)),
            OrderAction.ConfirmReceipt => (o, a, now, r) => o.ConfirmReceipt(a, now, r),
            OrderAction.RequestProtectionExtension => ConfirmReceipt.RequestVerb(new(Int("days"), Text("message"))),
            OrderAction.AcceptProtectionExtension => (o, a, now, r) => o.AcceptProtectionExtension(a, now, r),
            OrderAction.DeclineProtectionExtension => (o, a, now, r) => o.DeclineProtectionExtension(a, now, r),
            OrderAction.RefundPart => RefundActions.RefundPartVerb(new(Minor("amountMinor"), Text("note"))),
            OrderAction.ReportMissingRefund => RefundActions.ReportVerb(new(Long("refundId"), Text("message"))),
            OrderAction.ResolveRefund => RefundActions.ResolveVerb(new(Long("refundId"), Text("resolution"), Text("note"))),
            OrderAction.OpenDispute => DisputeOrder.OpenVerb(new(Text("reason"), Text("comment"), Minor("amountMinor"), Flag("withReturn"))),
            OrderAction.AcceptDispute or OrderAction.ProposeDisputeAmount or OrderAction.RejectDispute =>
                DisputeOrder.AnswerVerb(action, new(Minor("amountMinor"), Text("message"))),
            OrderAction.AcceptDisputeProposal => (o, a, now, r) => o.AcceptDisputeProposal(a, now, r),
            OrderAction.WithdrawDispute => (o, a, now, r) => o.WithdrawDispute(a, now, r),
            OrderAction.EscalateDispute => (o, a, now, r) => o.EscalateDispute(a, now, r),
            OrderAction.RuleDispute => DisputeOrder.RuleVerb(new(Minor("amountMinor"), Text("ruling"))),
            OrderAction.ShipReturn => DisputeOrder.ShipReturnVerb(new(Text("trackingNumber"))),
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
