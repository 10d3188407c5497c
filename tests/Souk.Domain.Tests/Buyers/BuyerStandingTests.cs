using Souk.Domain.Buyers;

namespace Souk.Domain.Tests.Buyers;

public class BuyerStandingTests
{
    private static readonly Policy Policy = new();
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordUnpaidExpiries_BelowTheThreshold_DoesNotBlock()
    {
        var standing = new BuyerStanding("buyer-1");

        var blocked = standing.RecordUnpaidExpiries(Policy.UnpaidExpiryBlockThreshold - 1, Start, Policy);

        Assert.False(blocked);
        Assert.False(standing.IsBlocked);
    }

    [Fact]
    public void RecordUnpaidExpiries_AtTheThreshold_BlocksTheBuyer()
    {
        var standing = new BuyerStanding("buyer-1");

        var blocked = standing.RecordUnpaidExpiries(Policy.UnpaidExpiryBlockThreshold, Start, Policy);

        Assert.True(blocked);
        Assert.True(standing.IsBlocked);
        Assert.Equal(Start, standing.BlockedAt);
    }

    [Fact]
    public void RecordUnpaidExpiries_WhenAlreadyBlocked_KeepsTheFirstBlock()
    {
        var standing = new BuyerStanding("buyer-1");
        standing.RecordUnpaidExpiries(20, Start, Policy);

        var blockedAgain = standing.RecordUnpaidExpiries(25, Start + TimeSpan.FromDays(1), Policy);

        Assert.False(blockedAgain);
        Assert.Equal(Start, standing.BlockedAt);
    }

    [Fact]
    public void RecordUnpaidExpiries_UsesThePolicysThreshold()
    {
        var strict = Policy with { UnpaidExpiryBlockThreshold = 2 };
        var standing = new BuyerStanding("buyer-1");

        Assert.True(standing.RecordUnpaidExpiries(2, Start, strict));
    }

    [Fact]
    public void LiftBlock_UnblocksAndRestartsTheCountFromTheLift()
    {
        var standing = new BuyerStanding("buyer-1");
        standing.RecordUnpaidExpiries(20, Start, Policy);
        var liftedAt = Start + TimeSpan.FromDays(2);

        standing.LiftBlock("admin-1", liftedAt);

        Assert.False(standing.IsBlocked);
        Assert.Equal((liftedAt, "admin-1"), (standing.BlockLiftedAt, standing.LiftedBy));
        Assert.Equal(liftedAt, standing.CountExpiriesFrom(liftedAt + TimeSpan.FromDays(5), Policy));
    }

    [Fact]
    public void CountExpiriesFrom_LongAfterALift_IsTheStartOfTheWindow()
    {
        var standing = new BuyerStanding("buyer-1");
        standing.RecordUnpaidExpiries(20, Start, Policy);
        standing.LiftBlock("admin-1", Start);
        var now = Start + TimeSpan.FromDays(45);

        Assert.Equal(now - Policy.UnpaidExpiryBlockPeriod, standing.CountExpiriesFrom(now, Policy));
    }

    [Fact]
    public void RecordUnpaidExpiry_CountsThisOneWithTheOthersInTheWindow()
    {
        var standing = new BuyerStanding("buyer-1");
        var at = Start + TimeSpan.FromDays(40);
        var threshold = Policy.UnpaidExpiryBlockThreshold;
        // Before the window: not counted.
        var old = Enumerable.Repeat(at - Policy.UnpaidExpiryBlockPeriod - TimeSpan.FromHours(1), threshold).ToList();
        var saved = Enumerable.Repeat(at - TimeSpan.FromDays(1), threshold - 2).ToList();

        Assert.False(standing.RecordUnpaidExpiry(at, saved.Concat(old), [], Policy));
        Assert.True(standing.RecordUnpaidExpiry(at, saved, [at - TimeSpan.FromHours(1)], Policy));
        Assert.Equal(at, standing.BlockedAt);
    }

    [Fact]
    public void RecordUnpaidExpiry_SameCommitExpiriesCountOnlyUpToThisOne()
    {
        var standing = new BuyerStanding("buyer-1");
        var at = Start + TimeSpan.FromDays(40);
        var saved = Enumerable.Repeat(at - TimeSpan.FromDays(1), Policy.UnpaidExpiryBlockThreshold - 2).ToList();

        // A later expiry of the same batch counts when its own turn comes, not before.
        Assert.False(standing.RecordUnpaidExpiry(at, saved, [at + TimeSpan.FromHours(1)], Policy));
        Assert.True(standing.RecordUnpaidExpiry(at + TimeSpan.FromHours(1), saved, [at], Policy));
    }

    [Fact]
    public void LiftBlock_WhenNotBlocked_IsRefused()
    {
        var standing = new BuyerStanding("buyer-1");

        Assert.Equal("buyer-block.not-blocked", Expect.Violation(() => standing.LiftBlock("admin-1", Start)).Code);
        Assert.Null(standing.BlockLiftedAt);
    }
}
