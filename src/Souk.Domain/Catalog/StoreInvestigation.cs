namespace Souk.Domain.Catalog;

public enum InvestigationStatus
{
    /// <summary>Opened; the store has InvestigationEvidenceWindow to submit evidence (none in time = blocked).</summary>
    AwaitingEvidence,
    EvidenceSubmitted,
    Cleared,
    Blocked,
}

/// <summary>
/// An admin's investigation of a store after complaints (spec §3, Complaints and frozen orders). While it is open the
/// store's orders with money held are frozen; it ends cleared (orders thaw) or blocked (listings hidden, frozen and
/// unpaid orders annulled with full refunds) — blocked by itself when the store sends no evidence in time.
/// </summary>
public sealed class StoreInvestigation
{
    private StoreInvestigation() { OpenedBy = ""; Reason = ""; }

    public StoreInvestigation(long storeId, string openedBy, string reason, DateTimeOffset now, Policy policy)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000)
            throw RuleViolation.Invalid("investigation.reason-required", "reason").ToException();
        StoreId = storeId;
        OpenedBy = openedBy;
        Reason = reason.Trim();
        OpenedAt = now;
        EvidenceDueAt = now + policy.InvestigationEvidenceWindow;
        Status = InvestigationStatus.AwaitingEvidence;
    }

    public long Id { get; private set; }
    public long StoreId { get; private set; }
    public string OpenedBy { get; private set; }
    public string Reason { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset EvidenceDueAt { get; private set; }
    public InvestigationStatus Status { get; private set; }
    public string? Evidence { get; private set; }
    public DateTimeOffset? EvidenceAt { get; private set; }
    public string? Decision { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status is InvestigationStatus.AwaitingEvidence or InvestigationStatus.EvidenceSubmitted;

    /// <summary>When the sweeper must block the store for want of evidence; null once evidence came or it closed.</summary>
    public DateTimeOffset? NextDeadlineAt => Status == InvestigationStatus.AwaitingEvidence ? EvidenceDueAt : null;

    public void SubmitEvidence(string? evidence, DateTimeOffset now)
    {
        if (!IsOpen) throw RuleViolation.Refused("investigation.closed", null, ("status", Status)).ToException();
        if (Status == InvestigationStatus.AwaitingEvidence && now >= EvidenceDueAt)
            throw RuleViolation.Refused("investigation.evidence-too-late", null, ("evidenceDueAt", EvidenceDueAt)).ToException();
        if (string.IsNullOrWhiteSpace(evidence) || evidence.Trim().Length > 10_000)
            throw RuleViolation.Invalid("investigation.evidence-required", "evidence", ("max", 10_000)).ToException();
        Evidence = evidence.Trim();
        EvidenceAt = now;
        Status = InvestigationStatus.EvidenceSubmitted;
        Version++;
    }

    /// <summary>The admin decides (or the evidence window passes: <paramref name="blocked"/> with the decision said so).</summary>
    public void Close(bool blocked, string? decision, DateTimeOffset now)
    {
        if (!IsOpen) throw RuleViolation.Refused("investigation.closed", null, ("status", Status)).ToException();
        if (string.IsNullOrWhiteSpace(decision)) throw RuleViolation.Invalid("investigation.decision-required", "decision").ToException();
        Status = blocked ? InvestigationStatus.Blocked : InvestigationStatus.Cleared;
        Decision = decision.Trim();
        ClosedAt = now;
        Version++;
    }
}
