using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Payment and payment review: paying, the provider's answer (now or later, as a deadline) and what an approval or a
// rejection does. The payment window itself is a deadline (Order.Deadlines.cs); its firing is here.
public sealed partial class Order
{
    /// <summary>Pays the order; it waits in payment review until the provider answers (at most PaymentReviewMax).</summary>
    public void Pay(Actor actor, PaymentSubmission submission, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.Pay, now, rules);
        // The balance pays all (method Balance) or part (a split with one method); the commit step refuses a balance
        // that does not cover it (BuyerWallet).
        var fromBalance = submission.Method == PaymentMethod.Balance ? TotalMinor : submission.BalanceMinor;
        if (fromBalance < 0 || fromBalance > TotalMinor || (fromBalance == TotalMinor && submission.Method != PaymentMethod.Balance && TotalMinor > 0))
            throw RuleViolation.Invalid("pay.balance-part-out-of-range", "balanceMinor", ("max", TotalMinor - 1), ("total", TotalMinor), ("currency", Currency)).ToException();
        submission = submission with { BalanceMinor = fromBalance };
        // An answer can never arrive before the payment it answers.
        if (submission.AnswerAt < now) submission = submission with { AnswerAt = now };
        Payment = new PaymentRecord(submission, TotalMinor, now);
        State = OrderState.PaymentReview;
        MoneyState = MoneyState.Held;
        PaymentDueAt = null;
        ReviewDueAt = now + rules.Policy.PaymentReviewMax;
        var fromMethod = TotalMinor - fromBalance;
        Post(now, "payment", [
            .. fromMethod > 0 ? [(LedgerAccount.External, submission.Method.ToString(), -fromMethod)] : Array.Empty<(LedgerAccount, string, long)>(),
            .. fromBalance > 0 ? [(LedgerAccount.BuyerBalance, BuyerId, -fromBalance)] : Array.Empty<(LedgerAccount, string, long)>(),
            (LedgerAccount.Escrow, "", TotalMinor)]);
        if (fromBalance > 0) _effects.Add(new BalanceChanged(BuyerId, Currency, -fromBalance));
        Record(now, "order.paid", actor, ("method", submission.Method.ToString()), ("reference", submission.Reference),
            ("fromBalance", fromBalance > 0 ? fromBalance.ToString() : null));
        // The platform's own balance needs no provider review.
        if (submission.Method == PaymentMethod.Balance) ApplyReviewAnswer(true, now, rules);
        RecomputeNextDeadline();
    }

    /// <summary>A provider's answer that arrives later (real providers); the sandbox's answers arrive as a deadline.</summary>
    public void RecordReviewAnswer(bool approved, DateTimeOffset now, Rulebook rules)
    {
        if (State != OrderState.PaymentReview)
            throw RuleViolation.Refused("review.not-under-review").ToException();
        ApplyReviewAnswer(approved, now, rules);
        RecomputeNextDeadline();
    }

    private void ApplyReviewAnswer(bool approved, DateTimeOffset at, Rulebook rules)
    {
        Payment!.AnswerAt = null;
        if (approved)
        {
            State = OrderState.AwaitingShipment;
            PaymentConfirmedAt = at;
            ReviewDueAt = null;
            // The seller's countdown starts at confirmation, not at payment (spec §3, Payment review).
            HandlingDueAt = at + TimeSpan.FromDays(HandlingDays);
            Record(at, "payment.confirmed", Actor.System, ("handlingDueAt", HandlingDueAt.Value.ToString("O")));
        }
        else
        {
            Record(at, "payment.rejected", Actor.System);
            CloseWithRefund(OrderOutcome.PaymentFailed, "payment-failed", Responsibility.Platform, at, rules);
        }
    }

    /// <summary>The buyer did not pay in time: the order expires, counting towards their ordering block.</summary>
    private void FirePaymentWindow(DateTimeOffset at, Rulebook rules)
    {
        Record(at, "order.expired-unpaid", Actor.System);
        Complete(OrderOutcome.ExpiredUnpaid, at, Responsibility.Buyer, rules);
        _effects.Add(new BuyerOrderExpiredUnpaid(BuyerId, at));
    }

    /// <summary>The sandbox provider's answer arrives.</summary>
    private void FireReviewAnswer(DateTimeOffset at, Rulebook rules)
    {
        ApplyReviewAnswer(Payment!.Answer == ReviewAnswer.Approved, at, rules);
    }

    /// <summary>The provider never answered within PaymentReviewMax: the payment fails and is refunded.</summary>
    private void FireReviewTimeout(DateTimeOffset at, Rulebook rules)
    {
        Record(at, "payment.review-timed-out", Actor.System);
        Payment!.AnswerAt = null;
        CloseWithRefund(OrderOutcome.PaymentFailed, "payment-failed", Responsibility.Platform, at, rules);
    }
}
