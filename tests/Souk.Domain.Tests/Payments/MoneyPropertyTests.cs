using CsCheck;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Domain.Tests.Orders;

namespace Souk.Domain.Tests.Payments;

/// <summary>
/// Random sequences of actions and clock moves over a few orders (CsCheck, fixed seed, stated number of runs). After
/// every step: the ledger balances, no account that must not go negative does, refunds never exceed what was paid,
/// escrow of a released or fully refunded order is empty, and the rule table and the verbs agree.
/// </summary>
public class MoneyPropertyTests
{
    private const string Seed = "0N0XIzNsQ0O2";
    private const int Runs = 400;
    private const int Orders = 3;
    private static readonly Rulebook Rules = AnOrder.Rules;

    private enum Op
    {
        PayApproved, PayRejected, PaySilent, PayClosedCard, Cancel, RequestCancellation, Approve, Refuse, Ship, ConfirmReceipt,
        AskProtection, AcceptProtection, AskHandling, AcceptHandling, Delete, AdvanceMinutes, AdvanceHours, AdvanceDays,
    }

    private static readonly Gen<(Op Op, int Order, int Amount)> Step =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, Orders - 1], Gen.Int[1, 40]);

    [Fact]
    public void RandomHistories_KeepEveryMoneyInvariant() =>
        Step.Array[1, 60].Sample(Run, seed: Seed, iter: Runs, threads: 1,
            print: steps => string.Join(", ", steps.Select(s => $"{s.Op}#{s.Order}({s.Amount})")));

    private static void Run((Op Op, int Order, int Amount)[] steps)
    {
        var now = AnOrder.Start;
        var orders = Enumerable.Range(0, Orders).Select(_ => AnOrder.Placed(now)).ToArray();
        foreach (var (op, index, amount) in steps)
        {
            var order = orders[index];
            switch (op)
            {
                case Op.AdvanceMinutes: now += TimeSpan.FromMinutes(amount); break;
                case Op.AdvanceHours: now += TimeSpan.FromHours(amount); break;
                case Op.AdvanceDays: now += TimeSpan.FromDays(amount); break;
                default: Act(order, op, amount, now); break;
            }
            foreach (var o in orders)
            {
                o.CatchUp(now, Rules);
                AssertInvariants(o, now);
            }
        }
    }

    /// <summary>Runs the verb; whether it may run must be exactly what the rule table said.</summary>
    private static void Act(Order order, Op op, int amount, DateTimeOffset now)
    {
        var (action, verb) = op switch
        {
            Op.PayApproved => (OrderAction.Pay, (Action)(() => order.Pay(AnOrder.Buyer, Submission(now, ReviewAnswer.Approved), now, Rules))),
            Op.PayRejected => (OrderAction.Pay, () => order.Pay(AnOrder.Buyer, Submission(now, ReviewAnswer.Rejected), now, Rules)),
            Op.PaySilent => (OrderAction.Pay, () => order.Pay(AnOrder.Buyer, Submission(now, ReviewAnswer.None), now, Rules)),
            Op.PayClosedCard => (OrderAction.Pay, () => order.Pay(AnOrder.Buyer, Submission(now, ReviewAnswer.Approved) with { RefundsRefused = true }, now, Rules)),
            Op.Cancel => (OrderAction.Cancel, () => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, now, Rules)),
            Op.RequestCancellation => (OrderAction.RequestCancellation, () => order.RequestCancellation(AnOrder.Buyer, "ChangeOrder", null, now, Rules)),
            Op.Approve => (OrderAction.ApproveCancellation, () => order.ApproveCancellation(AnOrder.Seller, amount % 2 == 0, now, Rules)),
            Op.Refuse => (OrderAction.RefuseCancellation, () => order.RefuseCancellation(AnOrder.Seller, "Packed already", now, Rules)),
            Op.Ship => (OrderAction.Ship, () => order.Ship(AnOrder.Seller, "Poste", "RR1", now, Rules)),
            Op.ConfirmReceipt => (OrderAction.ConfirmReceipt, () => order.ConfirmReceipt(AnOrder.Buyer, now, Rules)),
            Op.AskProtection => (OrderAction.RequestProtectionExtension, () => order.RequestProtectionExtension(AnOrder.Buyer, 1 + amount % 10, "Customs", now, Rules)),
            Op.AcceptProtection => (OrderAction.AcceptProtectionExtension, () => order.AcceptProtectionExtension(AnOrder.Seller, now, Rules)),
            Op.AskHandling => (OrderAction.RequestHandlingExtension, () => order.RequestHandlingExtension(AnOrder.Seller, 1 + amount % 10, "Stock", now, Rules)),
            Op.AcceptHandling => (OrderAction.AcceptHandlingExtension, () => order.AcceptHandlingExtension(AnOrder.Buyer, now, Rules)),
            Op.Delete => (OrderAction.Delete, () => order.MoveToDeleted(AnOrder.Buyer, now, Rules)),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        var decision = OrderActions.Check(order, action, now, Rules);
        var ledgerBefore = order.Ledger.Count;
        try
        {
            verb();
            Assert.True(decision.Allowed, $"{action} ran although the rule table refused it with {decision.Refusal?.Code}");
        }
        catch (RuleViolationException e) when (e.Violation.Kind == ViolationKind.Refused)
        {
            Assert.Equal(decision.Refusal?.Code, e.Violation.Code);
            Assert.Equal(ledgerBefore, order.Ledger.Count);
        }
    }

    private static PaymentSubmission Submission(DateTimeOffset now, ReviewAnswer answer) =>
        new(PaymentMethod.Card, "card •••• 4242", "P", answer, answer == ReviewAnswer.None ? null : now + TimeSpan.FromMinutes(10));

    private static void AssertInvariants(Order o, DateTimeOffset now)
    {
        long Sum(LedgerAccount a) => o.Ledger.Where(e => e.Account == a).Sum(e => e.AmountMinor);

        Assert.Equal(0, o.Ledger.Sum(e => e.AmountMinor));
        Assert.All(o.Ledger.GroupBy(e => e.TransactionKey), t => Assert.Equal(0, t.Sum(e => e.AmountMinor)));
        Assert.All(o.Ledger, e => Assert.Equal(o.Currency, e.Currency));
        Assert.True(Sum(LedgerAccount.Escrow) >= 0, "escrow went negative");
        Assert.True(Sum(LedgerAccount.RefundsInTransit) >= 0, "refunds in transit went negative");
        Assert.True(Sum(LedgerAccount.SellerPayable) >= 0, "seller payable went negative");
        Assert.True(Sum(LedgerAccount.BuyerBalance) >= 0, "a buyer balance went negative");
        Assert.Equal(o.Refunds.Where(r => r.Destination == RefundDestination.PlatformBalance).Sum(r => r.AmountMinor), Sum(LedgerAccount.BuyerBalance));

        var paid = o.Payment?.AmountMinor ?? 0;
        Assert.True(o.RefundedMinor <= paid, $"refunded {o.RefundedMinor} of {paid}");
        Assert.Equal(o.Refunds.Count, o.Refunds.Select(r => r.Cause).Distinct().Count());
        Assert.Equal(-paid + o.Refunds.Where(r => r.Stage == RefundStage.Refunded && r.Destination == RefundDestination.OriginalMethod).Sum(r => r.AmountMinor),
            Sum(LedgerAccount.External));
        if (o.MoneyState is MoneyState.ReleasedToSeller or MoneyState.Refunded) Assert.Equal(0, Sum(LedgerAccount.Escrow));
        if (o.MoneyState == MoneyState.ReleasedToSeller) Assert.Empty(o.Refunds);
        if (o.Outcome is OrderOutcome.CancelledByBuyer or OrderOutcome.PaymentFailed or OrderOutcome.ClosedNotShipped)
            Assert.Equal(paid, o.RefundedMinor);
        Assert.True(o.NextDeadlineAt is null || o.NextDeadlineAt > now, "a due deadline was left unfired");
    }
}
