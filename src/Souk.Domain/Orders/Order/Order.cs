using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Core state and the verbs every dimension uses: the order's fields, Place, Complete (ends the order and stops
// every countdown), Require (each verb's check against OrderActions.Check) and Record (the timeline). The other
// dimensions are the partial files beside this one (Order.Payment.cs, Order.Cancellation.cs, …).
/// <summary>
/// One store's part of a checkout, from placement to completion. Every change goes through a verb below;
/// each verb first asks <see cref="OrderActions.Check"/> and refuses with a <see cref="RuleViolation"/>.
/// Deadlines are stored on the order and fired by <see cref="CatchUp"/>, each effective at its due time.
/// </summary>
public sealed partial class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<Refund> _refunds = [];
    private readonly List<OrderEvent> _timeline = [];
    private readonly List<TrackingEvent> _tracking = [];
    private readonly List<LedgerEntry> _ledger = [];
    private readonly List<IOrderEffect> _effects = [];

    private Order()
    {
        BuyerId = "";
        Currency = "";
        ShippingMethod = "";
        Address = null!;
    }

    public long Id { get; private set; }
    public string BuyerId { get; private set; }
    public long StoreId { get; private set; }
    public string Currency { get; private set; }

    public OrderState State { get; private set; }
    public OrderOutcome? Outcome { get; private set; }
    public MoneyState MoneyState { get; private set; }
    public DeletedMark Deleted { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Who the order's failure counts against when it was cancelled or closed (seller performance, buyer strikes).</summary>
    public Responsibility? CountsAgainst { get; private set; }

    public long ItemsTotalMinor { get; private set; }
    public long ShippingTotalMinor { get; private set; }

    /// <summary>The store coupon's discount, part of the order's price (spec §4, Coupons).</summary>
    public long DiscountMinor { get; private set; }
    public long? CouponId { get; private set; }
    public string? CouponCode { get; private set; }

    /// <summary>The coupon's use was given back (the order ended without the buyer receiving it); at most once.</summary>
    public bool CouponUseReturned { get; private set; }

    public long TotalMinor => ItemsTotalMinor + ShippingTotalMinor - DiscountMinor;
    public Money Total => new(TotalMinor, Currency);

    /// <summary>The longest handling time of the order's lines (spec §2).</summary>
    public int HandlingDays { get; private set; }

    /// <summary>The longest delivery estimate of the lines; null when the shipping method gives none.</summary>
    public int? DeliveryDays { get; private set; }

    public ShippingAddress Address { get; private set; }
    public string ShippingMethod { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }
    public DateTimeOffset? PaymentConfirmedAt { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public PaymentRecord? Payment { get; private set; }
    public CancellationRequest? Cancellation { get; private set; }
    public ExtensionRequest? HandlingExtension { get; private set; }
    public ExtensionRequest? ProtectionExtension { get; private set; }

    /// <summary>Deadlines already warned about (<c>Handling@ticks;…</c>), so each warning is given once per deadline.</summary>
    public string WarnedFor { get; private set; } = "";

    // How long before a deadline its warning goes out (Policy.DeadlineWarning), taken from the rulebook by every verb
    // and catch-up; not stored.
    private TimeSpan _warningLead;

    /// <summary>Since when the order is frozen by an investigation of its store (null when not frozen).</summary>
    public DateTimeOffset? FrozenSince { get; private set; }

    public bool IsFrozen => FrozenSince is not null;

    /// <summary>The order's dispute, if the buyer opened one (one per order).</summary>
    public Dispute? Dispute { get; private set; }
    public int HandlingExtendedDays { get; private set; }
    public int ProtectionExtendedDays { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }

    // The stored deadlines. Each is set when its countdown starts and cleared when it fires or stops mattering; each has
    // its row in Order.DeadlineKinds.cs, which reads, moves on and clears it.
    public DateTimeOffset? PaymentDueAt { get; private set; }
    public DateTimeOffset? ReviewDueAt { get; private set; }
    public DateTimeOffset? HandlingDueAt { get; private set; }
    public DateTimeOffset? ProtectionEndsAt { get; private set; }

    /// <summary>When escrow goes to the seller: completion as Received + DisputeWindowAfterCompletion (spec §4).</summary>
    public DateTimeOffset? EscrowReleaseAt { get; private set; }

    /// <summary>The earliest pending deadline of the order or its refunds; the sweeper's index.</summary>
    public DateTimeOffset? NextDeadlineAt { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every commit; a stale writer loses with a 409.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<Refund> Refunds => _refunds;
    public IReadOnlyList<OrderEvent> Timeline => _timeline;
    public IReadOnlyList<TrackingEvent> Tracking => _tracking;

    /// <summary>The order's money movements: double-entry, append-only.</summary>
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>What the platform still holds for this order.</summary>
    public long EscrowMinor => _ledger.Where(e => e.Account == LedgerAccount.Escrow).Sum(e => e.AmountMinor);

    /// <summary>What the commit step must do outside the order in the same transaction (stock, buyer strikes).</summary>
    public IReadOnlyList<IOrderEffect> Effects => _effects;

    public DateTimeOffset? InstantCancelUntil(Policy p) => Payment is null ? null : Payment.PaidAt + p.InstantCancelWindow;
    public int HandlingExtensionDaysLeft(Policy p) => (int)p.MaxHandlingExtension.TotalDays - HandlingExtendedDays;
    public int ProtectionExtensionDaysLeft(Policy p) => (int)p.MaxProtectionExtension.TotalDays - ProtectionExtendedDays;
    public long RefundedMinor => _refunds.Sum(r => r.AmountMinor);

    /// <summary>Places an order for one store's lines. Stock is reserved (and the coupon's use taken) by the caller in the same commit.</summary>
    public static Order Place(string buyerId, long storeId, string currency, IReadOnlyList<OrderLine> lines, long shippingTotalMinor,
        ShippingAddress address, string shippingMethod, DateTimeOffset now, Rulebook rules, AppliedCoupon? coupon = null)
    {
        if (lines.Count == 0) throw RuleViolation.Invalid("checkout.no-lines", "lines").ToException();
        var itemsTotal = lines.Sum(l => l.LineTotalMinor);
        if (coupon is not null && (coupon.DiscountMinor < 0 || coupon.DiscountMinor > itemsTotal))
            throw new ArgumentOutOfRangeException(nameof(coupon), "A coupon's discount is at most the items' total.");
        var order = new Order
        {
            BuyerId = buyerId,
            StoreId = storeId,
            Currency = currency,
            ItemsTotalMinor = itemsTotal,
            ShippingTotalMinor = shippingTotalMinor,
            DiscountMinor = coupon?.DiscountMinor ?? 0,
            CouponId = coupon?.CouponId,
            CouponCode = coupon?.Code,
            HandlingDays = lines.Max(l => l.HandlingDays),
            DeliveryDays = lines.All(l => l.DeliveryDays is not null) ? lines.Max(l => l.DeliveryDays) : null,
            Address = address,
            ShippingMethod = shippingMethod,
            State = OrderState.AwaitingPayment,
            MoneyState = MoneyState.Unpaid,
            PlacedAt = now,
            PaymentDueAt = now + rules.Policy.PaymentWindow,
        };
        order._lines.AddRange(lines);
        order._warningLead = rules.Policy.DeadlineWarning;
        order.Record(now, "order.placed", Actor.Buyer(buyerId), ("total", order.TotalMinor.ToString()), ("currency", currency),
            ("coupon", coupon?.Code), ("discount", coupon?.DiscountMinor.ToString()));
        order.RecomputeNextDeadline();
        return order;
    }

    /// <summary>Ends the order and stops every countdown. Goods that never left the store go back into stock.</summary>
    private void Complete(OrderOutcome outcome, DateTimeOffset at, Responsibility? against, Rulebook rules)
    {
        State = OrderState.Completed;
        Outcome = outcome;
        CompletedAt = at;
        CountsAgainst = against;
        ClearDeadlinesOnCompletion(at);
        if (outcome != OrderOutcome.Received && ShippedAt is null)
            _effects.Add(new StockReleased(_lines.Select(l => (l.ListingId, l.Quantity)).ToList()));
        // An order that ended without the buyer receiving it gives its coupon use back (spec §4, Coupons).
        if (outcome != OrderOutcome.Received && CouponId is { } couponId && !CouponUseReturned)
        {
            CouponUseReturned = true;
            _effects.Add(new CouponUseReturnedEffect(couponId));
        }
        // Escrow stays until a late dispute can no longer be opened, so it can still be refunded from escrow.
        if (outcome == OrderOutcome.Received && EscrowMinor > 0)
            EscrowReleaseAt = at + rules.Policy.DisputeWindowAfterCompletion;
    }

    public void ClearEffects() => _effects.Clear();

    private void Require(OrderAction action, DateTimeOffset now, Rulebook rules)
    {
        _warningLead = rules.Policy.DeadlineWarning;
        var decision = OrderActions.Check(this, action, now, rules);
        if (decision.Refusal is { } refusal) throw refusal.ToException();
    }

    private void Record(DateTimeOffset at, string kind, Actor actor, params (string Key, string? Value)[] data) =>
        _timeline.Add(new OrderEvent(at, kind, actor,
            data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!)));
}

/// <summary>Something the commit step must apply outside the order, in the same transaction.</summary>
public interface IOrderEffect;

/// <summary>The order ended before shipping: put its quantities back on the listings.</summary>
public sealed record StockReleased(IReadOnlyList<(long ListingId, int Quantity)> Lines) : IOrderEffect;

/// <summary>An unpaid order expired: counts towards the buyer's ordering block.</summary>
public sealed record BuyerOrderExpiredUnpaid(string BuyerId, DateTimeOffset At) : IOrderEffect;

/// <summary>The buyer's platform balance moved (the ledger has the same movement); applied to their wallet, never below zero.</summary>
public sealed record BalanceChanged(string BuyerId, string Currency, long DeltaMinor) : IOrderEffect;

/// <summary>The order ended without being received: its coupon can be used once more.</summary>
public sealed record CouponUseReturnedEffect(long CouponId) : IOrderEffect;

/// <summary>
/// A deadline took effect at <paramref name="DueAt"/>. Nothing to apply: the commit step reports it (with how late the
/// firing was) to the operators' metrics once the transaction is committed.
/// </summary>
public sealed record DeadlineFired(DeadlineKind Kind, DateTimeOffset DueAt) : IOrderEffect;

/// <summary>A refund left <paramref name="Stage"/> after <paramref name="Took"/> (reported to metrics, like <see cref="DeadlineFired"/>).</summary>
public sealed record RefundStageEnded(PaymentMethod Method, RefundStage Stage, TimeSpan Took) : IOrderEffect;

/// <summary>A refund was not confirmed by its method's maximum time and now waits for an admin (reported to metrics).</summary>
public sealed record RefundFlaggedOverdue(PaymentMethod Method) : IOrderEffect;

/// <summary>A file of evidence, as checked and re-encoded by the web layer (its type is what the bytes are).</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);

/// <summary>Evidence was attached to the order's dispute: the commit step stores the file beside the order (not loaded with it).</summary>
public sealed record DisputeEvidenceAttached(Actor By, EvidenceFile File, DateTimeOffset At) : IOrderEffect;

/// <summary>A store coupon applied at checkout, with the discount it gives this order.</summary>
public sealed record AppliedCoupon(long CouponId, string Code, long DiscountMinor);
