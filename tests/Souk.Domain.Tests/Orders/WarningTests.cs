using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>Warnings DeadlineWarning (24 h) before a deadline someone must act on (spec §7): once per deadline, at their
/// own time in a replay, never before the event that set the deadline, and never counted as a deadline that fired.</summary>
public class WarningTests
{
    private static readonly Rulebook Rules = Rulebook.Default;

    [Fact]
    public void TheSellerIsWarnedADayBeforeTheHandlingDeadline_Once()
    {
        var at = AnOrder.Start;
        var order = AnOrder.Paid(at, rules: Rules);
        order.CatchUp(at + TimeSpan.FromMinutes(10), Rules);
        var due = order.HandlingDueAt!.Value;
        Assert.Equal(due - TimeSpan.FromHours(24), order.NextDeadlineAt);
        // The sweeper wakes for the warning; the deadline itself (what a list row shows) is the handling deadline.
        Assert.Equal((DeadlineKind.Handling, due, due - TimeSpan.FromHours(24)), order.NextDeadline(Rules.Policy.DeadlineWarning));

        Assert.Equal(0, order.CatchUp(due - TimeSpan.FromHours(1), Rules));
        var warning = Assert.Single(order.Timeline, e => e.Kind == "warning.handling");
        Assert.Equal(due - TimeSpan.FromHours(24), warning.At);
        Assert.Equal(Audience.Seller, EventAudience.Of(warning.Kind));
        Assert.Equal(due, order.NextDeadlineAt);
        Assert.Equal((DeadlineKind.Handling, due, (DateTimeOffset?)null), order.NextDeadline(Rules.Policy.DeadlineWarning));

        Assert.Equal(1, order.CatchUp(due, Rules));
        Assert.Single(order.Timeline, e => e.Kind == "warning.handling");
        Assert.Equal(OrderOutcome.ClosedNotShipped, order.Outcome);
    }

    [Fact]
    public void AMovedDeadlineIsWarnedAgain_AndAShortOneAtOnce_NeverBeforeItWasSet()
    {
        var at = AnOrder.Start;
        var order = AnOrder.Paid(at, handlingDays: 1, rules: Rules);
        var confirmedAt = at + AnOrder.ReviewDelay;
        order.CatchUp(confirmedAt, Rules);
        // One day of handling: the warning goes out when the countdown starts, not a moment before.
        Assert.Equal(confirmedAt, order.Timeline.Single(e => e.Kind == "warning.handling").At);

        order.ExtendHandling(AnOrder.Buyer, 2, confirmedAt + TimeSpan.FromHours(1), Rules);
        order.CatchUp(order.HandlingDueAt!.Value - TimeSpan.FromHours(2), Rules);
        Assert.Equal(2, order.Timeline.Count(e => e.Kind == "warning.handling"));
    }
}
