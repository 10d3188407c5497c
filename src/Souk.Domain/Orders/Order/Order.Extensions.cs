using Souk.Domain.Payments;

namespace Souk.Domain.Orders;

// Handling and protection extensions: the seller asking for more handling time, the buyer giving it, the buyer asking
// for more buyer protection, and the answers (silence declines a protection request).
public sealed partial class Order
{
    /// <summary>The seller asks the buyer for more handling time.</summary>
    public void RequestHandlingExtension(Actor actor, int days, string? message, DateTimeOffset now, Rulebook rules)
    {
        message = TextLimits.Clean(message, "message", TextLimits.ExtensionMessage);
        Require(OrderAction.RequestHandlingExtension, now, rules);
        RequireDays(days, HandlingExtensionDaysLeft(rules.Policy));
        RequireMessage(message);
        HandlingExtension = new ExtensionRequest(days, message ?? "", now, null);
        Record(now, "handling-extension.requested", actor, ("days", days.ToString()), ("message", message));
        RecomputeNextDeadline();
    }

    public void AcceptHandlingExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.AcceptHandlingExtension, now, rules);
        var days = HandlingExtension!.Days;
        HandlingExtension.End(ExtensionStatus.Accepted, now);
        ExtendHandlingDeadline(days);
        Record(now, "handling-extension.accepted", actor, ("days", days.ToString()), ("handlingDueAt", HandlingDueAt!.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    public void DeclineHandlingExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.DeclineHandlingExtension, now, rules);
        HandlingExtension!.End(ExtensionStatus.Declined, now);
        Record(now, "handling-extension.declined", actor);
        RecomputeNextDeadline();
    }

    /// <summary>The buyer gives the seller more time on their own initiative.</summary>
    public void ExtendHandling(Actor actor, int days, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.ExtendHandling, now, rules);
        RequireDays(days, HandlingExtensionDaysLeft(rules.Policy));
        ExtendHandlingDeadline(days);
        Record(now, "handling.extended", actor, ("days", days.ToString()), ("handlingDueAt", HandlingDueAt!.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    /// <summary>The buyer asks the seller for more buyer protection; silence past ProtectionExtensionResponse declines.</summary>
    public void RequestProtectionExtension(Actor actor, int days, string? message, DateTimeOffset now, Rulebook rules)
    {
        message = TextLimits.Clean(message, "message", TextLimits.ExtensionMessage);
        Require(OrderAction.RequestProtectionExtension, now, rules);
        RequireDays(days, ProtectionExtensionDaysLeft(rules.Policy));
        RequireMessage(message);
        ProtectionExtension = new ExtensionRequest(days, message ?? "", now, now + rules.Policy.ProtectionExtensionResponse);
        Record(now, "protection-extension.requested", actor, ("days", days.ToString()), ("message", message));
        RecomputeNextDeadline();
    }

    public void AcceptProtectionExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.AcceptProtectionExtension, now, rules);
        var days = ProtectionExtension!.Days;
        ProtectionExtension.End(ExtensionStatus.Accepted, now);
        ProtectionExtendedDays += days;
        ProtectionEndsAt = ProtectionEndsAt!.Value + TimeSpan.FromDays(days);
        Record(now, "protection-extension.accepted", actor, ("days", days.ToString()), ("protectionEndsAt", ProtectionEndsAt.Value.ToString("O")));
        RecomputeNextDeadline();
    }

    public void DeclineProtectionExtension(Actor actor, DateTimeOffset now, Rulebook rules)
    {
        Require(OrderAction.DeclineProtectionExtension, now, rules);
        ProtectionExtension!.End(ExtensionStatus.Declined, now);
        Record(now, "protection-extension.declined", actor);
        RecomputeNextDeadline();
    }

    private void ExtendHandlingDeadline(int days)
    {
        HandlingExtendedDays += days;
        HandlingDueAt = HandlingDueAt!.Value + TimeSpan.FromDays(days);
    }

    private static void RequireDays(int days, int daysLeft)
    {
        if (days < 1 || days > daysLeft)
            throw RuleViolation.Invalid("extension.days-out-of-range", "days", ("days", days), ("max", daysLeft)).ToException();
    }

    /// <summary>Spec §3: an extension is asked with days and a message saying why.</summary>
    private static void RequireMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw RuleViolation.Invalid("extension.message-required", "message").ToException();
    }

    /// <summary>The seller's silence declines the protection extension.</summary>
    private void FireProtectionExtensionResponse(DateTimeOffset at)
    {
        ProtectionExtension!.End(ExtensionStatus.DeclinedBySilence, at);
        Record(at, "protection-extension.declined-by-silence", Actor.System);
    }
}
