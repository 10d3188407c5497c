using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Orders;

/// <summary>
/// Builds orders by calling the real verbs, never by setting state. Each method's <c>at</c> is the moment the
/// order reached the named situation; the steps before it happened earlier, at the fixed offsets below.
/// </summary>
public static class AnOrder
{
    public const long StoreId = 7;
    public const long ListingId = 101;
    public const long UnitPriceMinor = 1_500;
    public const int Quantity = 2;
    public const long ShippingMinor = 500;
    public const long TotalMinor = UnitPriceMinor * Quantity + ShippingMinor;
    public const string Currency = "EUR";
    public const int HandlingDays = 3;

    /// <summary>A Monday morning; tests move a plain clock variable forward from here.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    // Deadline warnings off: these tests read NextDeadlineAt as the next deadline itself. WarningTests and the money
    // property test run with the default rulebook, warnings on.
    public static readonly Rulebook Rules = Rulebook.Default with { Policy = new Policy { DeadlineWarning = TimeSpan.Zero } };
    public static readonly Policy Policy = Rules.Policy;
    public static readonly Actor Buyer = Actor.Buyer("buyer-1");
    public static readonly Actor Seller = Actor.Seller("seller-1", StoreId);
    public static readonly Actor Admin = Actor.Admin("admin-1");

    public static readonly ShippingAddress Address = new("Amal Haddad", "12 Rue des Souks", null, "Tunis", "1000", "TN", null);

    /// <summary>How long the sandbox payment provider takes to answer a review.</summary>
    public static readonly TimeSpan ReviewDelay = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan PaidAfterPlacing = TimeSpan.FromHours(1);
    public static readonly TimeSpan ShippedAfterConfirmation = TimeSpan.FromHours(12);
    public static readonly TimeSpan ReceivedAfterShipping = TimeSpan.FromDays(7);

    public static Order Placed(DateTimeOffset at, int handlingDays = HandlingDays, int? deliveryDays = null, Rulebook? rules = null)
    {
        var line = new OrderLine(ListingId, "Brass teapot", UnitPriceMinor, Quantity, handlingDays, deliveryDays);
        return Order.Place(Buyer.UserId!, StoreId, Currency, [line], ShippingMinor, Address, "standard", at, rules ?? Rules);
    }

    /// <summary>Paid at <paramref name="at"/>; the provider's answer arrives <see cref="ReviewDelay"/> later (none for <see cref="ReviewAnswer.None"/>).</summary>
    public static Order Paid(DateTimeOffset at, ReviewAnswer answer = ReviewAnswer.Approved, PaymentMethod method = PaymentMethod.Card,
        int handlingDays = HandlingDays, int? deliveryDays = null, Rulebook? rules = null)
    {
        var order = Placed(at - PaidAfterPlacing, handlingDays, deliveryDays, rules);
        order.Pay(Buyer, Payment(at, answer, method), at, rules ?? Rules);
        return order;
    }

    public static PaymentSubmission Payment(DateTimeOffset paidAt, ReviewAnswer answer = ReviewAnswer.Approved, PaymentMethod method = PaymentMethod.Card) =>
        new(method, AccountOf(method), "PAY-0001", answer, answer == ReviewAnswer.None ? null : paidAt + ReviewDelay);

    public static string AccountOf(PaymentMethod method) => method switch
    {
        PaymentMethod.Card => "**** 4242",
        PaymentMethod.EWallet => "Z123456789012",
        PaymentMethod.Phone => "+216 20 000 000",
        _ => "balance",
    };

    /// <summary>Payment confirmed at <paramref name="at"/>: the seller's handling countdown starts here.</summary>
    public static Order Confirmed(DateTimeOffset at, PaymentMethod method = PaymentMethod.Card, int handlingDays = HandlingDays,
        int? deliveryDays = null, Rulebook? rules = null)
    {
        var order = Paid(at - ReviewDelay, ReviewAnswer.Approved, method, handlingDays, deliveryDays, rules);
        order.CatchUp(at, rules ?? Rules);
        return order;
    }

    public static Order WithOpenCancellationRequest(DateTimeOffset at, string reason = "NoLongerNeeded", int handlingDays = HandlingDays,
        Rulebook? rules = null)
    {
        var order = Confirmed(at - TimeSpan.FromHours(1), handlingDays: handlingDays, rules: rules);
        order.RequestCancellation(Buyer, reason, null, at, rules ?? Rules);
        return order;
    }

    public static Order WithPendingHandlingExtension(DateTimeOffset at, int days = 5)
    {
        var order = Confirmed(at - TimeSpan.FromHours(1));
        order.RequestHandlingExtension(Seller, days, "Waiting for the supplier", at, Rules);
        return order;
    }

    public static Order Shipped(DateTimeOffset at, int? deliveryDays = null, PaymentMethod method = PaymentMethod.Card)
    {
        var order = Confirmed(at - ShippedAfterConfirmation, method, deliveryDays: deliveryDays);
        order.Ship(Seller, "La Poste", "RR123456789TN", at, Rules);
        return order;
    }

    public static Order WithPendingProtectionExtension(DateTimeOffset at, int days = 10)
    {
        var order = Shipped(at - TimeSpan.FromDays(1));
        order.RequestProtectionExtension(Buyer, days, "The parcel is stuck in customs", at, Rules);
        return order;
    }

    /// <summary>The seed's story: the buyer asked to cancel, the seller refused and shipped at <paramref name="at"/>.</summary>
    public static Order ShippedAfterCancellationRefused(DateTimeOffset at)
    {
        var order = WithOpenCancellationRequest(at - TimeSpan.FromHours(2));
        order.RefuseCancellation(Seller, "Already packed", at - TimeSpan.FromHours(1), Rules);
        order.Ship(Seller, "La Poste", "RR123456789TN", at, Rules);
        return order;
    }

    /// <summary>Shipped, and the buyer opened a dispute at <paramref name="at"/>, once the usual window had opened.</summary>
    public static Order WithOpenDispute(DateTimeOffset at)
    {
        var order = Shipped(at - Policy.DisputeOpensAfterShipment);
        order.OpenDispute(Buyer, "NotAsDescribed", "Wrong colour", 1_000, false, at, Rules);
        return order;
    }

    /// <summary>Confirmed an hour before <paramref name="at"/>, then frozen at <paramref name="at"/> by an investigation of its store.</summary>
    public static Order Frozen(DateTimeOffset at)
    {
        var order = Confirmed(at - TimeSpan.FromHours(1));
        order.Freeze(Actor.System, at);
        return order;
    }

    /// <summary>A dispute with return opened at <paramref name="at"/> and accepted by the seller: the buyer must ship the item back.</summary>
    public static Order AwaitingReturn(DateTimeOffset at)
    {
        var order = Shipped(at - Policy.DisputeOpensAfterShipment);
        order.OpenDispute(Buyer, "NotAsDescribed", "Wrong colour", 1_000, true, at, Rules);
        order.AnswerDispute(Seller, OrderAction.AcceptDispute, null, null, at, Rules);
        return order;
    }

    /// <summary>As <see cref="AwaitingReturn"/>, and the buyer shipped the item back at <paramref name="at"/>.</summary>
    public static Order ReturnShipped(DateTimeOffset at)
    {
        var order = AwaitingReturn(at);
        order.ShipReturn(Buyer, "RR000111222TN", at, Rules);
        return order;
    }

    public static Order Received(DateTimeOffset at)
    {
        var order = Shipped(at - ReceivedAfterShipping);
        order.ConfirmReceipt(Buyer, at, Rules);
        return order;
    }

    /// <summary>Cancelled by the buyer before paying.</summary>
    public static Order Cancelled(DateTimeOffset at)
    {
        var order = Placed(at - TimeSpan.FromHours(1));
        order.Cancel(Buyer, "NoLongerNeeded", null, at, Rules);
        return order;
    }

    /// <summary>A received order the buyer moved to "Deleted orders".</summary>
    public static Order Deleted(DateTimeOffset at)
    {
        var order = Received(at - TimeSpan.FromDays(1));
        order.MoveToDeleted(Buyer, at, Rules);
        return order;
    }

    public static Order PermanentlyDeleted(DateTimeOffset at)
    {
        var order = Deleted(at - TimeSpan.FromHours(1));
        order.DeletePermanently(Buyer, confirmed: true, at, Rules);
        return order;
    }
}
