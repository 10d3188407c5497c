using System.Globalization;
using Microsoft.Extensions.Localization;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages.Orders;

/// <summary>How orders read on the pages: status words, money, the deadline that matters now, action labels.</summary>
public static class OrderDisplay
{
    public static readonly (string Tab, string Label)[] Tabs =
    [
        ("all", "All"), ("awaiting-payment", "Awaiting payment"), ("payment-processing", "Payment processing"),
        ("awaiting-shipment", "Awaiting shipment"), ("shipped", "Shipped"), ("completed", "Completed"), ("in-dispute", "In dispute"),
    ];

    public static string Status(IStringLocalizer<SharedResource> l, OrderState state, OrderOutcome? outcome) => (state, outcome) switch
    {
        (OrderState.AwaitingPayment, _) => l["Awaiting payment"],
        (OrderState.PaymentReview, _) => l["Payment processing"],
        (OrderState.AwaitingShipment, _) => l["Awaiting shipment"],
        (OrderState.Shipped, _) => l["Shipped"],
        (_, OrderOutcome.Received) => l["Completed: received"],
        (_, OrderOutcome.CancelledByBuyer) => l["Completed: cancelled"],
        (_, OrderOutcome.ExpiredUnpaid) => l["Completed: not paid in time"],
        (_, OrderOutcome.PaymentFailed) => l["Completed: payment failed"],
        (_, OrderOutcome.ClosedNotShipped) => l["Completed: closed, not shipped in time"],
        (_, OrderOutcome.RefundedInDispute) => l["Completed: refunded after a dispute"],
        (_, OrderOutcome.Annulled) => l["Completed: annulled"],
        _ => l["Completed"],
    };

    /// <summary>An amount typed in major units ("12.50", or "12,50" in Russian) as minor units of the currency; null when it
    /// is not a number (<see cref="MoneyText.ToMinor"/>).</summary>
    public static long? ToMinor(string? major, string? currency) => MoneyText.ToMinor(major, currency);

    /// <summary>Minor units as a form field's value in major units, without group separators, so <see cref="ToMinor"/> reads it back.</summary>
    public static string Major(long minor, string currency) => MoneyText.Major(minor, currency);

    /// <summary>Money as the viewer reads it: "12.99 USD", "12,99 USD" in Russian (<see cref="MoneyText"/>, the one formatter).</summary>
    public static string Money(long minor, string currency) => MoneyText.Format(minor, currency);

    /// <summary>An instant in the viewer's time zone (their profile's; UTC by default), with the zone's offset.</summary>
    public static string Time(DateTimeOffset at)
    {
        var zone = DisplayZone.Zone;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset == TimeSpan.Zero ? "UTC" : "UTC" + local.ToString("zzz", CultureInfo.InvariantCulture);
        return local.DateTime.ToString("g", CultureInfo.CurrentCulture) + " " + offset;
    }

    /// <summary>An instant as a <c>datetime-local</c> input's value, in the viewer's time zone.</summary>
    public static string LocalInput(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, DisplayZone.Zone).DateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value typed in the viewer's time zone, as an instant; null when it is not a time
    /// that exists there (empty, malformed, or inside a daylight-saving gap).</summary>
    public static DateTimeOffset? FromLocalInput(string? value)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        var zone = DisplayZone.Zone;
        if (zone.IsInvalidTime(local)) return null;
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The one countdown a row shows: what the viewer (or the other side) must do before when.</summary>
    public static (string Label, DateTimeOffset At)? DeadlineNow(IStringLocalizer<SharedResource> l, OrderView order)
    {
        if (order.FrozenSince is not null) return null;
        var cancel = order.Actions.FirstOrDefault(a => a.Action == "cancel");
        if (order.State != OrderState.AwaitingPayment && cancel is { Allowed: true, PossibleUntil: { } instantUntil })
            return (l["Instant cancel ends in"], instantUntil);
        return MainDeadline(l, order.State) is { } main && order.Deadlines.FirstOrDefault(d => d.Kind == main.Kind) is { } due
            ? (main.Label, due.At) : null;
    }

    /// <summary>The same countdown on a frozen order: paused, with the time it had left when the order froze.</summary>
    public static (string Label, TimeSpan Left)? PausedNow(IStringLocalizer<SharedResource> l, OrderView order) =>
        MainDeadline(l, order.State) is { } main && order.PausedDeadlines.FirstOrDefault(d => d.Kind == main.Kind) is { } paused
            ? (main.Label, paused.Left) : null;

    /// <summary>The deadline a row counts down to in each state, with its words.</summary>
    private static (string Kind, string Label)? MainDeadline(IStringLocalizer<SharedResource> l, OrderState state) => state switch
    {
        OrderState.AwaitingPayment => ("payment-window", l["Time left to pay"]),
        OrderState.PaymentReview => ("payment-review-timeout", l["Payment review ends in"]),
        OrderState.AwaitingShipment => ("handling", l["Seller must ship within"]),
        OrderState.Shipped => ("buyer-protection", l["Buyer protection left"]),
        _ => null,
    };

    /// <summary>"paused — 2 d 4 h left": a paused deadline's time left, in days and hours (hours and minutes under a day).</summary>
    public static string PausedLeft(IStringLocalizer<SharedResource> l, TimeSpan left) =>
        l["paused — {0} left", left.TotalDays >= 1 ? l["{0} d {1} h", (int)left.TotalDays, left.Hours]
            : left.TotalHours >= 1 ? l["{0} h {1} min", left.Hours, left.Minutes]
            : l["{0} min", (int)Math.Ceiling(left.TotalMinutes)]];

    /// <summary>The words for a deadline of the API's <c>deadlines</c> and <c>pausedDeadlines</c>.</summary>
    public static string DeadlineLabel(IStringLocalizer<SharedResource> l, string kind) => kind switch
    {
        "payment-window" => l["Time to pay"],
        "payment-review-answer" => l["Payment provider's answer"],
        "payment-review-timeout" => l["End of the payment review"],
        "handling" => l["Handling deadline"],
        "seller-cancel-response" => l["Seller's answer to the cancellation request"],
        "protection-extension-response" => l["Seller's answer to the protection extension"],
        "buyer-protection" => l["End of buyer protection"],
        "escrow-release" => l["Payment released to the store"],
        "dispute-seller-response" => l["Seller's answer to the dispute"],
        "dispute-auto-escalation" => l["The dispute goes to an admin"],
        "return-ship-window" => l["Time to send the item back"],
        "return-auto-accept" => l["The return is accepted automatically"],
        _ => kind,
    };

    /// <summary>The label of an action's form field (the API's field name is the key).</summary>
    public static string FieldLabel(IStringLocalizer<SharedResource> l, string field) => field switch
    {
        "message" => l["Message"],
        "comment" => l["What went wrong"],
        "ruling" => l["Ruling (both sides see it)"],
        "amountMinor" => l["Amount"],
        "days" => l["Days"],
        "carrier" => l["Carrier"],
        "trackingNumber" => l["Tracking number"],
        "sellerAtFault" => l["The cause was mine (out of stock, cannot ship); it counts against my store"],
        "withReturn" => l["I will send the item back"],
        "reason" => l["Reason"],
        "refundId" => l["Refund"],
        "resolution" => l["Resolution"],
        "note" => l["Note"],
        "description" => l["Description"],
        "location" => l["Location"],
        _ => field,
    };

    /// <summary>Words for the fixed values of a field or status (dispute reasons and states, refund resolutions).</summary>
    public static string OptionLabel(IStringLocalizer<SharedResource> l, string option) => option switch
    {
        "NotReceived" => l["The item did not arrive"],
        "RefusedOrReturned" => l["The parcel was refused or sent back"],
        "NotAsDescribed" => l["The item is not as described"],
        "QualityProblem" => l["Quality problem"],
        "SellerDidNotAgreeToCancel" => l["Seller did not agree to cancel"],
        "Other" => l["Other"],
        "paid-confirmed" => l["The refund was paid (confirmed)"],
        "credit-balance" => l["Credit the platform balance instead"],
        "AwaitingSeller" => l["waiting for the seller"],
        "ProposalMade" => l["the seller proposed another amount"],
        "Rejected" => l["rejected by the seller"],
        "ReturnShipped" => l["the item is on its way back"],
        "Escalated" => l["with an admin"],
        "AwaitingReturn" => l["waiting for the item to be sent back"],
        "Settled" => l["settled"],
        "Withdrawn" => l["withdrawn"],
        "ReturnLapsed" => l["return not sent in time"],
        _ => option,
    };

    /// <summary>Who wrote a message or added evidence ("buyer", "Seller"…).</summary>
    public static string RoleLabel(IStringLocalizer<SharedResource> l, string role) => role.ToLowerInvariant() switch
    {
        "buyer" => l["Buyer"],
        "seller" => l["Seller"],
        "admin" => l["Admin"],
        _ => l["Souk"],
    };

    public static string MethodLabel(IStringLocalizer<SharedResource> l, Souk.Domain.Payments.PaymentMethod method) => method switch
    {
        Souk.Domain.Payments.PaymentMethod.Card => l["Card"],
        Souk.Domain.Payments.PaymentMethod.EWallet => l["E-wallet"],
        Souk.Domain.Payments.PaymentMethod.Phone => l["Phone"],
        _ => l["Platform balance"],
    };

    /// <summary>The button label of an action (its row in <see cref="Features.Orders.ActionCatalog"/>), in the viewer's language.</summary>
    public static string ActionLabel(IStringLocalizer<SharedResource> l, string action) =>
        Features.Orders.ActionCatalog.Find(action) is { } row ? l[row.Label] : action;
}
