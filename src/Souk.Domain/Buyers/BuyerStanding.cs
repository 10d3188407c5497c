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
