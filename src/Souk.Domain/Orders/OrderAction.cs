namespace Souk.Domain.Orders;

/// <summary>Everything a person can do to an order. Which role does which is in <see cref="OrderActions.RoleOf"/>.</summary>
public enum OrderAction
{
    Pay,
    Cancel,
    RequestCancellation,
    ApproveCancellation,
    RefuseCancellation,
    RequestHandlingExtension,
    AcceptHandlingExtension,
    DeclineHandlingExtension,
    ExtendHandling,
    Ship,
    AddTrackingEvent,
    ConfirmReceipt,
    RequestProtectionExtension,
    AcceptProtectionExtension,
    DeclineProtectionExtension,
    Delete,
    Restore,
    DeletePermanently,
    AddToCartAgain,
    RefundPart,
    ReportMissingRefund,
    ResolveRefund,
    OpenDispute,
    AcceptDispute,
    ProposeDisputeAmount,
    RejectDispute,
    AcceptDisputeProposal,
    WithdrawDispute,
    EscalateDispute,
    RuleDispute,
    ShipReturn,
    MarkReturnDelivered,
    ConfirmReturnReceived,
}

/// <summary>The answer to "may I do this now?": allowed (maybe until a time) or refused with the rule.</summary>
public readonly record struct Decision(RuleViolation? Refusal, DateTimeOffset? PossibleUntil)
{
    public bool Allowed => Refusal is null;

    public static Decision Allow(DateTimeOffset? until = null) => new(null, until);
    public static Decision Refuse(RuleViolation violation) => new(violation, null);
}

/// <summary>An action's row in <see cref="OrderActions.Table"/>: its API name, who takes it, and the rule that decides it.</summary>
public sealed record ActionRule(OrderAction Action, string Name, ActorRole Role, Func<Order, DateTimeOffset, Policy, Decision> Rule);
