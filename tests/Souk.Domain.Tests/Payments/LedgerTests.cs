using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Domain.Tests.Orders;

namespace Souk.Domain.Tests.Payments;

/// <summary>Every money movement is a balanced ledger transaction, written once per cause.</summary>
public class LedgerTests
{
    private static readonly Rulebook Rules = AnOrder.Rules;

    private static long Balance(Order order, LedgerAccount account) =>
        order.Ledger.Where(e => e.Account == account).Sum(e => e.AmountMinor);

    private static void AssertBalanced(Order order)
    {
        Assert.Equal(0, order.Ledger.Sum(e => e.AmountMinor));
        foreach (var transaction in order.Ledger.GroupBy(e => e.TransactionKey))
            Assert.Equal(0, transaction.Sum(e => e.AmountMinor));
    }

    [Fact]
    public void Pay_MovesTheTotalFromThePaymentMethodIntoEscrow()
    {
        var order = AnOrder.Paid(AnOrder.Start, method: PaymentMethod.EWallet);

        Assert.Equal(order.TotalMinor, order.EscrowMinor);
        Assert.Equal(-order.TotalMinor, order.Ledger.Single(e => e.Account == LedgerAccount.External).AmountMinor);
        Assert.Equal("EWallet", order.Ledger.Single(e => e.Account == LedgerAccount.External).Party);
        AssertBalanced(order);
    }

    [Fact]
    public void Refund_LeavesEscrowAtOnce_AndReachesTheBuyerWhenRefunded()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Paid(paidAt);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, paidAt + TimeSpan.FromSeconds(30), Rules);

        Assert.Equal(0, order.EscrowMinor);
        Assert.Equal(order.TotalMinor, Balance(order, LedgerAccount.RefundsInTransit));

        order.CatchUp(paidAt + TimeSpan.FromDays(30), Rules);

        Assert.Equal(RefundStage.Refunded, order.Refunds.Single().Stage);
        Assert.Equal(0, Balance(order, LedgerAccount.RefundsInTransit));
        Assert.Equal(0, Balance(order, LedgerAccount.External));
        Assert.Equal(order.Refunds.Single().RefundedAt, order.Ledger.Single(e => e.TransactionKey == "refund:cancellation:paid" && e.AmountMinor > 0).At);
        AssertBalanced(order);
    }

    [Fact]
    public void Received_ReleasesEscrowToTheStore_OnlyAfterTheDisputeWindow()
    {
        var receivedAt = AnOrder.Start + TimeSpan.FromDays(10);
        var order = AnOrder.Received(receivedAt);
        var releaseAt = receivedAt + Rules.Policy.DisputeWindowAfterCompletion;
        Assert.Equal(releaseAt, order.EscrowReleaseAt);
        Assert.Equal(releaseAt, order.NextDeadlineAt);

        order.CatchUp(releaseAt - TimeSpan.FromTicks(1), Rules);
        Assert.Equal(order.TotalMinor, order.EscrowMinor);
        Assert.Equal(MoneyState.Held, order.MoneyState);

        order.CatchUp(releaseAt, Rules);

        Assert.Equal(0, order.EscrowMinor);
        Assert.Equal(MoneyState.ReleasedToSeller, order.MoneyState);
        var payout = order.Ledger.Single(e => e.Account == LedgerAccount.SellerPayable);
        Assert.Equal(order.TotalMinor, payout.AmountMinor);
        Assert.Equal(AnOrder.StoreId.ToString(), payout.Party);
        Assert.Null(order.NextDeadlineAt);
        AssertBalanced(order);
    }

    [Fact]
    public void ClosedNotShipped_RefundsEverything_NothingIsReleased()
    {
        var confirmedAt = AnOrder.Start;
        var order = AnOrder.Confirmed(confirmedAt);

        order.CatchUp(confirmedAt + TimeSpan.FromDays(60), Rules);

        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
        Assert.DoesNotContain(order.Ledger, e => e.Account == LedgerAccount.SellerPayable);
        Assert.Equal(0, order.EscrowMinor);
        Assert.Equal(0, Balance(order, LedgerAccount.External));
        AssertBalanced(order);
    }

    [Fact]
    public void CatchingUpAgain_PostsNothingTwice()
    {
        var order = AnOrder.Received(AnOrder.Start + TimeSpan.FromDays(10));
        var far = AnOrder.Start + TimeSpan.FromDays(100);
        order.CatchUp(far, Rules);
        var entries = order.Ledger.Count;

        Assert.Equal(0, order.CatchUp(far, Rules));
        Assert.Equal(entries, order.Ledger.Count);
        Assert.Single(order.Ledger.Select(e => e.TransactionKey).Where(k => k == "release").Distinct());
    }

    [Fact]
    public void RefundRefusedByTheMethod_GoesToThePlatformBalance_TheMomentProcessingBegins_AndSaysWhy()
    {
        var paidAt = AnOrder.Start;
        var order = AnOrder.Placed(paidAt - TimeSpan.FromHours(1));
        order.Pay(AnOrder.Buyer, AnOrder.Payment(paidAt) with { RefundsRefused = true }, paidAt, Rules);
        order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, paidAt + TimeSpan.FromSeconds(30), Rules);
        var refund = order.Refunds.Single();

        order.CatchUp(refund.ProcessingDueAt - TimeSpan.FromTicks(1), Rules);
        Assert.Equal((RefundStage.AwaitingRefund, RefundDestination.OriginalMethod, null), (refund.Stage, refund.Destination, refund.RedirectReason));
        // The method refuses when processing hands it the money, not days later when its own timing would have ended.
        order.CatchUp(refund.ProcessingDueAt, Rules);

        Assert.Equal(RefundStage.Refunded, refund.Stage);
        Assert.Equal(RefundDestination.PlatformBalance, refund.Destination);
        Assert.Equal("method-refused", refund.RedirectReason);
        Assert.Equal((refund.ProcessingDueAt, refund.ProcessingDueAt), (refund.ProcessingAt, refund.RefundedAt));
        Assert.True(refund.RefundedAt < refund.RefundedDueAt);
        Assert.Equal(order.TotalMinor, Balance(order, LedgerAccount.BuyerBalance));
        Assert.Equal(AnOrder.Buyer.UserId, order.Ledger.Single(e => e.Account == LedgerAccount.BuyerBalance).Party);
        Assert.Equal(-order.TotalMinor, Balance(order, LedgerAccount.External));
        Assert.Contains(order.Timeline, e => e.Kind == "refund.redirected-to-balance");
        AssertBalanced(order);
    }

    [Fact]
    public void UnpaidOrders_HaveNoLedger()
    {
        var order = AnOrder.Placed(AnOrder.Start);
        order.Cancel(AnOrder.Buyer, "ChangeOrder", null, AnOrder.Start + TimeSpan.FromHours(1), Rules);
        Assert.Empty(order.Ledger);
    }
}
