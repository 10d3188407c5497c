using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Deadlines: catching up (every due deadline fired at its own time, earliest first), what is pending, paused and next,
// the warnings before deadlines someone must act on, and Fire; what each kind is and does is its row in
// Order.DeadlineKinds.cs.
public sealed partial class Order
{
    /// <summary>
    /// Fires every deadline due by <paramref name="now"/>, earliest first, each effective at its own due time, so
    /// a late sweep (or a clock jump) replays the chain and the order ends where it would have. Returns how many fired.
    /// </summary>
    public int CatchUp(DateTimeOffset now, Rulebook rules)
    {
        _warningLead = rules.Policy.DeadlineWarning;
        RecomputeNextDeadline();
        var fired = 0;
        while (NextDue(now) is { } due)
        {
            Fire(due, rules);
            _effects.Add(new DeadlineFired(due.Kind, due.At));
            // Warnings are notices, not deadlines: the count is of deadlines that took effect.
            if (due.Kind != DeadlineKind.Warning) fired++;
            RecomputeNextDeadline();
        }
        return fired;
    }

    /// <summary>The deadlines still pending, earliest first (for the read model and the countdowns).</summary>
    public IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> PendingDeadlines() =>
        AllPending().Where(d => d.Kind != DeadlineKind.Warning).OrderBy(d => d.At).ThenBy(d => d.Kind).Select(d => (d.Kind, d.At));

    /// <summary>
    /// While frozen, the order's own deadlines that wait, each with the time it had left when the order froze (it gets all
    /// of it back when the order thaws); empty when not frozen.
    /// </summary>
    public IEnumerable<(DeadlineKind Kind, TimeSpan Left)> PausedDeadlines() => FrozenSince is { } since
        ? OwnDeadlines().Select(d => (d.Kind, Left: d.At > since ? d.At - since : TimeSpan.Zero)).OrderBy(d => d.Left).ThenBy(d => d.Kind)
        : [];

    /// <summary>
    /// The next thing that will happen to the order unless someone acts: its earliest pending deadline (as
    /// <see cref="PendingDeadlines"/>; a warning is never one), with when the warning before it fires if one is still to
    /// come (<paramref name="warningLead"/> is <c>Policy.DeadlineWarning</c>). Null when nothing is pending.
    /// </summary>
    public (DeadlineKind Kind, DateTimeOffset At, DateTimeOffset? WarningAt)? NextDeadline(TimeSpan warningLead)
    {
        if (PendingDeadlines().Select(d => ((DeadlineKind Kind, DateTimeOffset At)?)d).FirstOrDefault() is not var (kind, at)) return null;
        var warning = DueWarnings(warningLead).Where(w => w.Kind == DeadlineName(kind) && w.DueAt == at).Select(w => (DateTimeOffset?)w.WarnAt).FirstOrDefault();
        return (kind, at, warning);
    }

    private (DeadlineKind Kind, DateTimeOffset At, Refund? Refund)? NextDue(DateTimeOffset now)
    {
        (DeadlineKind Kind, DateTimeOffset At, Refund? Refund)? best = null;
        foreach (var d in AllPending())
        {
            if (d.At > now) continue;
            // Ties fire in DeadlineKind order: e.g. the handling deadline wins over the seller's silence (spec §3).
            if (best is null || d.At < best.Value.At || (d.At == best.Value.At && d.Kind < best.Value.Kind)) best = d;
        }
        return best;
    }

    private IEnumerable<(DeadlineKind Kind, DateTimeOffset At, Refund? Refund)> AllPending()
    {
        // Frozen: the order's own countdowns wait (they are moved on when it thaws); refunds already on their way go on.
        if (!IsFrozen)
            foreach (var (kind, at) in OwnDeadlines()) yield return (kind, at, null);
        foreach (var r in _refunds)
            if (r.NextStageAt is { } stage) yield return (DeadlineKind.RefundStage, stage, r);
        foreach (var w in DueWarnings()) yield return (DeadlineKind.Warning, w.WarnAt, null);
    }

    /// <summary>
    /// The order's own deadlines (not its refunds' stages, not warnings): the ones a freeze pauses. The stored ones and
    /// what each part yields (the cancellation request, the protection request, the dispute), in <see cref="DeadlineKind"/>
    /// order, so warnings due at the same instant go out in that order too.
    /// </summary>
    private IEnumerable<(DeadlineKind Kind, DateTimeOffset At)> OwnDeadlines() =>
        StoredDeadlineRows.Select(r => (r.Kind, At: r.Stored!.Pending(this))).Where(d => d.At is not null).Select(d => (d.Kind, d.At!.Value))
            .Concat(DeadlineParts().SelectMany(p => p.Pending))
            .OrderBy(d => d.Kind);

    /// <summary>
    /// The warnings still to give (spec §7: <c>DeadlineWarning</c> before a deadline that someone must act on). A warning
    /// never predates the order's latest event, so one for a deadline set closer than the lead goes out when it is set.
    /// </summary>
    private IEnumerable<(string Key, string Kind, DateTimeOffset WarnAt, DateTimeOffset DueAt)> DueWarnings(TimeSpan? lead = null)
    {
        var warningLead = lead ?? _warningLead;
        if (warningLead <= TimeSpan.Zero || IsFrozen) yield break;
        var latest = _timeline.Count == 0 ? PlacedAt : _timeline.Max(e => e.At);
        var warned = WarnedFor.Split(';');
        foreach (var (kind, due) in Warnable())
        {
            var key = $"{kind}@{due.UtcTicks}";
            if (warned.Contains(key)) continue;
            var warnAt = due - warningLead;
            yield return (key, kind, warnAt < latest ? latest : warnAt, due);
        }
    }

    /// <summary>
    /// The deadlines worth a warning: the ones a person must act before, i.e. the pending own deadlines whose row is
    /// <c>Warned</c>, under the kind's name — one list, so a deadline and its warning can never disagree.
    /// </summary>
    private IEnumerable<(string Kind, DateTimeOffset Due)> Warnable() =>
        OwnDeadlines().Where(d => DeadlineRows[d.Kind].Warned).Select(d => (DeadlineName(d.Kind), d.At));

    /// <summary>Fires a due deadline: what its kind's row says (each a <c>Fire…</c> method in its dimension's file).</summary>
    private void Fire((DeadlineKind Kind, DateTimeOffset At, Refund? Refund) due, Rulebook rules) =>
        DeadlineRows[due.Kind].Fire(this, due.At, due.Refund, rules);

    private void RecomputeNextDeadline() => NextDeadlineAt = AllPending().Select(d => (DateTimeOffset?)d.At).Min();

    /// <summary>A warning before a deadline someone must act on: only a timeline event (a notification).</summary>
    private void FireWarning(DateTimeOffset at)
    {
        var warning = DueWarnings().First(w => w.WarnAt == at);
        // Keep only the keys of deadlines still pending, so the list stays short.
        var pending = Warnable().Select(w => $"{w.Kind}@{w.Due.UtcTicks}").ToHashSet();
        WarnedFor = string.Join(';', WarnedFor.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(pending.Contains).Append(warning.Key));
        Record(at, $"warning.{warning.Kind}", Actor.System, ("dueAt", warning.DueAt.ToString("O")));
    }
}
