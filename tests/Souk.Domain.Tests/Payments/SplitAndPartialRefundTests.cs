using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Domain.Tests.Orders;

namespace Souk.Domain.Tests.Payments;

/// <summary>Split payments and their proportional refunds, partial refunds, overdue refunds and missing-refund cases (spec §4).</summary>
public class SplitAndPartialRefundTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;
    private static long Sum(Order o, LedgerAccount a) => o.Ledger.Where(e => e.Account == a).Sum(e => e.AmountMinor);

    /// <summary>An order of exactly <paramref name="total"/> minor units (one line, free shipping), confirmed and paid with
    /// <paramref name="fromBalance"/> from the platform balance and the rest by card.</summary>
    private static Order SplitPaid(long total, long fromBalance, bool stall = false)
    {
        var at = AnOrder.Start;
        var order = Order.Place("buyer-1", AnOrder.StoreId, "USD", [new OrderLine(1, "Thing", total, 1, 3, null)], 0, AnOrder.Address, "standard", at, Rules);
        order.Pay(AnOrder.Buyer, AnOrder.Payment(at) with { BalanceMinor = fromBalance, RefundsStall = stall }, at, Rules);
        order.CatchUp(at + TimeSpan.FromMinutes(10), Rules);
        Assert.Equal(OrderState.AwaitingShipment, order.State);
        return order;
    }

    [Fact]
    public void SplitPayment_TakesEachSourceItsPart_AndTheBalanceMovesThroughAnEffect()
    {
        var order = SplitPaid(1_001, 300);

        Assert.Equal(-701, order.Ledger.Single(e => e.Account == LedgerAccount.External).AmountMinor);
        Assert.Equal(-300, Sum(order, LedgerAccount.BuyerBalance));
        Assert.Equal(1_001, order.EscrowMinor);
        Assert.Equal(-300, Assert.Single(order.Effects.OfType<BalanceChanged>()).DeltaMinor);
    }

    [Fact]
    public void FullRefundOfASplitPayment_GivesEachSourceBackWhatItPaid()
    {
        var order = SplitPaid(1_001, 300);
        order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, AnOrder.Start + TimeSpan.FromHours(1), Rules);
        order.ApproveCancellation(AnOrder.Seller, false, AnOrder.Start + TimeSpan.FromHours(2), Rules);

        var refund = Assert.Single(order.Refunds);
        Assert.Equal(1_001, refund.AmountMinor);
        Assert.Equal(300, refund.BalancePartMinor);
        Assert.Equal(701, refund.MethodPartMinor);
        Assert.Equal(0, Sum(order, LedgerAccount.BuyerBalance));
    }

    [Fact]
    public void PartialRefundsOfASplitPayment_AreProportional_WithTheOddUnitOnTheBalance()
    {
        // 3 paid: 1 from the balance, 2 by card. Refunding 1 would be 1/3 balance and 2/3 card: the odd unit goes to the balance.
        var order = SplitPaid(3, 1);
        var first = order.RefundPart(AnOrder.Seller, 1, "Scratched", AnOrder.Start + TimeSpan.FromHours(1), Rules);
        Assert.Equal((1, 0), (first.BalancePartMinor, first.MethodPartMinor));

        var second = order.RefundPart(AnOrder.Seller, 2, "Rest", AnOrder.Start + TimeSpan.FromHours(2), Rules);
        Assert.Equal((0, 2), (second.BalancePartMinor, second.MethodPartMinor));
        Assert.Equal(MoneyState.Refunded, order.MoneyState);
        Assert.Equal(["partial:1", "partial:2"], order.Refunds.Select(r => r.Cause));
    }

    [Fact]
    public void PartialRefunds_NeverExceedWhatWasPaid()
    {
        var order = SplitPaid(1_000, 0);
        var at = AnOrder.Start + TimeSpan.FromHours(1);
        order.RefundPart(AnOrder.Seller, 600, "Half and more", at, Rules);
        Assert.Equal(MoneyState.PartlyRefunded, order.MoneyState);

        // More than escrow still holds is the order's state, not bad input: refused (409), as nothing-held; below 1 is bad input.
        var tooMuch = Assert.Throws<RuleViolationException>(() => order.RefundPart(AnOrder.Seller, 401, "More", at, Rules)).Violation;
        Assert.Equal(("refund-part.more-than-held", ViolationKind.Refused), (tooMuch.Code, tooMuch.Kind));
        Assert.Equal(400L, tooMuch.Arguments["max"]);
        var zero = Assert.Throws<RuleViolationException>(() => order.RefundPart(AnOrder.Seller, 0, "None", at, Rules)).Violation;
        Assert.Equal(("refund-part.amount-out-of-range", ViolationKind.Invalid), (zero.Code, zero.Kind));

        order.RefundPart(AnOrder.Seller, 400, "The rest", at, Rules);
        Assert.Equal(1_000, order.RefundedMinor);
        Assert.Equal("refund-part.nothing-held", OrderActions.Check(order, OrderAction.RefundPart, at, Rules).Refusal?.Code);

        // Cancelling now refunds nothing more: escrow is empty.
        order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, at, Rules);
        order.ApproveCancellation(AnOrder.Seller, false, at, Rules);
        Assert.Equal(1_000, order.RefundedMinor);
        Assert.Equal(2, order.Refunds.Count);
    }

    [Fact]
    public void AfterAPartialRefund_CancellingRefundsTheRest_AndReleaseGivesTheSellerTheRest()
    {
        var cancelled = SplitPaid(1_000, 0);
        cancelled.RefundPart(AnOrder.Seller, 250, "Missing part", AnOrder.Start + TimeSpan.FromHours(1), Rules);
        cancelled.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, AnOrder.Start + TimeSpan.FromHours(2), Rules);
        cancelled.ApproveCancellation(AnOrder.Seller, false, AnOrder.Start + TimeSpan.FromHours(3), Rules);
        Assert.Equal(750, cancelled.Refunds.Single(r => r.Cause == "cancellation").AmountMinor);

        var received = SplitPaid(1_000, 0);
        var at = AnOrder.Start + TimeSpan.FromHours(1);
        received.RefundPart(AnOrder.Seller, 250, "Missing part", at, Rules);
        received.Ship(AnOrder.Seller, "Poste", "RR1", at, Rules);
        received.ConfirmReceipt(AnOrder.Buyer, at, Rules);
        received.CatchUp(at + Rules.Policy.DisputeWindowAfterCompletion + TimeSpan.FromDays(10), Rules);
        Assert.Equal(MoneyState.ReleasedToSeller, received.MoneyState);
        Assert.Equal(750, Sum(received, LedgerAccount.SellerPayable));
        Assert.Equal("refund-part.released-to-seller", OrderActions.Check(received, OrderAction.RefundPart, at + TimeSpan.FromDays(60), Rules).Refusal?.Code);
    }

    [Fact]
    public void StallingRefund_IsFlaggedOverdue_ReportedByTheBuyer_AndCreditedToTheBalanceByAnAdmin()
    {
        var order = SplitPaid(1_000, 0, stall: true);
        var cancelledAt = AnOrder.Start + TimeSpan.FromHours(1);
        order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, cancelledAt, Rules);
        order.ApproveCancellation(AnOrder.Seller, false, cancelledAt, Rules);
        var refund = Assert.Single(order.Refunds);

        // Before the method's maximum time the buyer is told to wait, and until when.
        var early = Assert.Throws<RuleViolationException>(() => order.ReportMissingRefund(AnOrder.Buyer, refund.Id, "Where?", cancelledAt + TimeSpan.FromDays(1), Rules)).Violation;
        Assert.Equal("report-missing-refund.not-yet-due", early.Code);
        // The promise is the policy's RefundTime for cards; a provider that never confirms is flagged only then.
        var promise = cancelledAt + Rules.Policy.RefundTime.Card;
        Assert.Equal((promise, promise, promise), (refund.MaxArrivalAt(Rules.Policy), early.PossibleFrom, refund.RefundedDueAt));

        var later = cancelledAt + TimeSpan.FromDays(30);
        order.CatchUp(later, Rules);
        Assert.Equal(RefundStage.Processing, refund.Stage);
        Assert.Equal(refund.RefundedDueAt, refund.OverdueSince);
        Assert.True(refund.NeedsAdmin);
        Assert.Null(order.NextDeadlineAt);

        order.ReportMissingRefund(AnOrder.Buyer, refund.Id, "Never reached my card", later, Rules);
        Assert.Equal("report-missing-refund.already-reported", OrderActions.Check(order, OrderAction.ReportMissingRefund, later, Rules).Refusal?.Code);

        order.ClearEffects();
        order.ResolveRefund(AnOrder.Admin, refund.Id, "credit-balance", "Card closed; credited", later, Rules);
        Assert.Equal(RefundDestination.PlatformBalance, refund.Destination);
        Assert.Equal(1_000, Sum(order, LedgerAccount.BuyerBalance));
        Assert.Equal(0, Sum(order, LedgerAccount.RefundsInTransit));
        Assert.Equal(1_000, Assert.Single(order.Effects.OfType<BalanceChanged>()).DeltaMinor);
        Assert.False(refund.NeedsAdmin);
        Assert.Equal("resolve-refund.nothing-to-resolve", OrderActions.Check(order, OrderAction.ResolveRefund, later, Rules).Refusal?.Code);
    }

    [Fact]
    public void ReportingAMissingRefund_WaitsForThePolicysPromise_NotForTheProvidersOwnTiming()
    {
        var order = SplitPaid(1_000, 0);
        var at = AnOrder.Start + TimeSpan.FromHours(1);
        var refund = order.RefundPart(AnOrder.Seller, 300, "Chipped", at, Rules);
        var promise = at + Rules.Policy.RefundTime.Card;
        Assert.True(refund.RefundedDueAt < promise);

        // The provider says the money arrived; the buyer who does not see it still waits until the promised date.
        order.CatchUp(refund.RefundedDueAt + TimeSpan.FromDays(1), Rules);
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        var early = OrderActions.Check(order, OrderAction.ReportMissingRefund, refund.RefundedDueAt + TimeSpan.FromDays(1), Rules).Refusal;
        Assert.Equal(("report-missing-refund.not-yet-due", promise), (early?.Code, early?.PossibleFrom));
        Assert.Null(OrderActions.Check(order, OrderAction.ReportMissingRefund, promise, Rules).Refusal);
        order.ReportMissingRefund(AnOrder.Buyer, refund.Id, "Not on my statement", promise, Rules);
        Assert.True(refund.NeedsAdmin);
    }

    [Fact]
    public void ResolvingAStalledRefundAsPaid_PaysItToTheMethod_AndARefundedOneCannotAlsoGoToTheBalance()
    {
        var order = SplitPaid(1_000, 0, stall: true);
        var at = AnOrder.Start + TimeSpan.FromHours(1);
        order.RequestCancellation(AnOrder.Buyer, "NoLongerNeeded", null, at, Rules);
        order.ApproveCancellation(AnOrder.Seller, false, at, Rules);
        var refund = order.Refunds.Single();
        order.CatchUp(at + TimeSpan.FromDays(30), Rules);

        order.ResolveRefund(AnOrder.Admin, refund.Id, "paid-confirmed", "ARN 123", at + TimeSpan.FromDays(30), Rules);
        Assert.Equal(RefundStage.Refunded, refund.Stage);
        Assert.Equal(0, Sum(order, LedgerAccount.RefundsInTransit));
        Assert.Equal(0, order.Ledger.Where(e => e.Account == LedgerAccount.External).Sum(e => e.AmountMinor));

        order.ReportMissingRefund(AnOrder.Buyer, refund.Id, "Still not there", at + TimeSpan.FromDays(31), Rules);
        var refused = Assert.Throws<RuleViolationException>(() =>
            order.ResolveRefund(AnOrder.Admin, refund.Id, "credit-balance", "x", at + TimeSpan.FromDays(31), Rules)).Violation;
        Assert.Equal("resolve-refund.already-refunded", refused.Code);
    }

    [Fact]
    public void OrderWithACoupon_CostsLess_AndGivesTheUseBackOnceWhenCancelled()
    {
        var at = AnOrder.Start;
        var order = Order.Place("buyer-1", AnOrder.StoreId, "USD", [new OrderLine(1, "Thing", 1_000, 2, 3, null)], 150, AnOrder.Address, "standard", at, Rules,
            new AppliedCoupon(7, "SPRING", 200));
        Assert.Equal(2_000 + 150 - 200, order.TotalMinor);

        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, at, Rules);
        Assert.Equal(7, Assert.Single(order.Effects.OfType<CouponUseReturnedEffect>()).CouponId);
        Assert.True(order.CouponUseReturned);
    }
}

public class CouponTests
{
    private static readonly DateTimeOffset Now = AnOrder.Start;
    private static CouponTerms Terms(CouponKind kind = CouponKind.Percent, long value = 10, long min = 0, int? limit = null) =>
        new(kind, value, min, Now - TimeSpan.FromDays(1), Now + TimeSpan.FromDays(1), limit);

    [Fact]
    public void Discounts_AreFixedOrAPercentRoundedDown_NeverMoreThanTheItems()
    {
        Assert.Equal(99, new Coupon(1, "p10", "", Terms(value: 10), Now).DiscountFor(999));
        Assert.Equal(500, new Coupon(1, "f5", "USD", Terms(CouponKind.FixedAmount, 500), Now).DiscountFor(2_000));
        Assert.Equal(300, new Coupon(1, "f5", "USD", Terms(CouponKind.FixedAmount, 500), Now).DiscountFor(300));
        Assert.Equal("SPRING-26", new Coupon(1, " spring-26 ", "", Terms(), Now).Code);
    }

    [Fact]
    public void Limits_AreEnforced_AndAUseGivenBackCanBeTakenAgain()
    {
        var coupon = new Coupon(1, "ONCE", "USD", Terms(CouponKind.FixedAmount, 100, min: 1_000, limit: 1), Now);
        Assert.Equal("coupon.minimum-not-met", coupon.RefusalFor(999, "USD", Now)?.Code);
        Assert.Equal("coupon.wrong-currency", coupon.RefusalFor(5_000, "EUR", Now)?.Code);
        Assert.Equal("coupon.not-yet-valid", coupon.RefusalFor(5_000, "USD", Now - TimeSpan.FromDays(2))?.Code);
        Assert.Equal(Now - TimeSpan.FromDays(1), coupon.RefusalFor(5_000, "USD", Now - TimeSpan.FromDays(2))?.PossibleFrom);
        Assert.Equal("coupon.expired", coupon.RefusalFor(5_000, "USD", Now + TimeSpan.FromDays(1))?.Code);

        Assert.Equal(100, coupon.Use(5_000, "USD", Now));
        Assert.Equal("coupon.used-up", Assert.Throws<RuleViolationException>(() => coupon.Use(5_000, "USD", Now)).Violation.Code);
        coupon.GiveBackUse();
        Assert.Equal(100, coupon.Use(5_000, "USD", Now));

        coupon.Deactivate();
        Assert.Equal("coupon.inactive", coupon.RefusalFor(5_000, "USD", Now)?.Code);
    }

    [Theory]
    [InlineData(CouponKind.Percent, 0, "coupon.value-out-of-range")]
    [InlineData(CouponKind.Percent, 101, "coupon.value-out-of-range")]
    [InlineData(CouponKind.FixedAmount, -5, "coupon.value-out-of-range")]
    public void BadTerms_AreRefused(CouponKind kind, long value, string code) =>
        Assert.Equal(code, Assert.Throws<RuleViolationException>(() => new Coupon(1, "X", "USD", Terms(kind, value), Now)).Violation.Code);

    [Fact]
    public void AFixedCoupon_NeedsACurrency_AndALimitCannotDropBelowTheUses()
    {
        Assert.Equal("coupon.currency-required", Assert.Throws<RuleViolationException>(() => new Coupon(1, "X", "", Terms(CouponKind.FixedAmount, 5), Now)).Violation.Code);
        var coupon = new Coupon(1, "X", "USD", Terms(limit: 5), Now);
        coupon.Use(100, "USD", Now);
        coupon.Use(100, "USD", Now);
        Assert.Equal("coupon.limit-below-used", Assert.Throws<RuleViolationException>(() => coupon.Update(Terms(limit: 1))).Violation.Code);
    }
}
