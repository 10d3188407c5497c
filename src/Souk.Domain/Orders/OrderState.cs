namespace Souk.Domain.Orders;

/// <summary>The main state (spec §2). Everything else — money, requests, deleted mark — has its own small state.</summary>
public enum OrderState
{
    AwaitingPayment,
    PaymentReview,
    AwaitingShipment,
    Shipped,
    Completed,
}

/// <summary>Why a <see cref="OrderState.Completed"/> order completed.</summary>
public enum OrderOutcome
{
    Received,
    CancelledByBuyer,
    ExpiredUnpaid,
    PaymentFailed,
    ClosedNotShipped,
    RefundedInDispute,
    Annulled,
}

public enum MoneyState
{
    Unpaid,
    Held,
    PartlyRefunded,
    Refunded,
    ReleasedToSeller,
}

/// <summary>Who a cancellation counts against (the reason table's responsibility, or the seller's admission).</summary>
public enum Responsibility
{
    Buyer,
    Seller,
    Platform,
}

/// <summary>The buyer-side view mark: "Deleted orders" and, past that, gone for the buyer for good.</summary>
public enum DeletedMark
{
    None,
    Deleted,
    PermanentlyDeleted,
}
