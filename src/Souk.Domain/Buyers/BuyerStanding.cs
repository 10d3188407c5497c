namespace Souk.Domain.Buyers;

/// <summary>
/// A buyer's standing for ordering: blocked after too many orders expired unpaid (spec §3, Place order),
/// until an admin lifts the block.
/// </summary>
public sealed class BuyerStanding
{
    private BuyerStanding() { BuyerId = ""; }

    public BuyerStanding(string buyerId) => BuyerId = buyerId;

    public string BuyerId { get; private set; }
    public DateTimeOffset? BlockedAt { get; private set; }
    public DateTimeOffset? BlockLiftedAt { get; private set; }
    public string? LiftedBy { get; private set; }
    public int Version { get; private set; }

    public bool IsBlocked => BlockedAt is not null;

    /// <summary>
    /// Counts expiries since the window start (or since the last lift, so a lifted buyer starts afresh) and
    /// blocks at the threshold.
    /// </summary>
    public bool RecordUnpaidExpiries(int expiriesInWindow, DateTimeOffset at, Policy policy)
    {
        Version++;
        if (IsBlocked || expiriesInWindow < policy.UnpaidExpiryBlockThreshold) return false;
        BlockedAt = at;
        return true;
    }

    /// <summary>
    /// One of the buyer's orders expired unpaid at <paramref name="at"/>: counts it with the buyer's other unpaid expiries
    /// in the window (<see cref="CountExpiriesFrom"/>) and blocks at the threshold. The commit step hands over the facts:
    /// <paramref name="saved"/>, when the buyer's other orders expired unpaid as already saved (it may leave out those
    /// before <see cref="CountExpiriesFrom"/>), and <paramref name="sameCommit"/>, when other orders of the buyer expire
    /// in the same commit (a sweep batch, saved together at its end). Those of the same commit count only up to this one,
    /// so each expiry of a batch counts the ones before it, as if the batch were saved order by order; every saved one in
    /// the window counts, as it did when it was saved.
    /// </summary>
    public bool RecordUnpaidExpiry(DateTimeOffset at, IEnumerable<DateTimeOffset> saved, IEnumerable<DateTimeOffset> sameCommit, Policy policy)
    {
        var from = CountExpiriesFrom(at, policy);
        var inWindow = saved.Count(t => t >= from) + sameCommit.Count(t => t >= from && t <= at);
        return RecordUnpaidExpiries(inWindow + 1, at, policy);
    }

    /// <summary>Where to start counting expiries for the block.</summary>
    public DateTimeOffset CountExpiriesFrom(DateTimeOffset at, Policy policy)
    {
        var windowStart = at - policy.UnpaidExpiryBlockPeriod;
        return BlockLiftedAt is { } lifted && lifted > windowStart ? lifted : windowStart;
    }

    public void LiftBlock(string adminId, DateTimeOffset now)
    {
        if (!IsBlocked) throw RuleViolation.Refused("buyer-block.not-blocked").ToException();
        BlockedAt = null;
        BlockLiftedAt = now;
        LiftedBy = adminId;
        Version++;
    }
}
