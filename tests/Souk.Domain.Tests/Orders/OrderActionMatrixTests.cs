using Souk.Domain.Orders;
using static Souk.Domain.Orders.OrderAction;

namespace Souk.Domain.Tests.Orders;

/// <summary>
/// The whole (situation × action) rule table, read against spec §3. Each row checks both the "actions" view
/// (<see cref="OrderActions.Check"/>) and the verb itself, because the pages and the API rely on the two agreeing.
/// </summary>
public class OrderActionMatrixTests
{
    public enum Situation
    {
        AwaitingPayment,
        PaymentReviewInsideInstantWindow,
        PaymentReviewAfterInstantWindow,
        AwaitingShipment,
        AwaitingShipmentWithOpenCancellationRequest,
        AwaitingShipmentWithPendingHandlingExtension,
        Shipped,
        ShippedWithPendingProtectionExtension,
        ShippedAfterCancellationRefused,
        ShippedWithOpenDispute,
        ShippedAwaitingReturn,
        ShippedReturnShipped,
        AwaitingShipmentFrozen,
        CompletedReceived,
        CompletedCancelledByBuyer,
        Deleted,
        PermanentlyDeleted,
    }

    private const string Allowed = "allowed";

    private static readonly (Situation Situation, OrderAction Action, string Expected)[] Table =
    [
        (Situation.AwaitingPayment, Pay, Allowed),
        (Situation.AwaitingPayment, Cancel, Allowed),
        (Situation.AwaitingPayment, RequestCancellation, "request-cancellation.not-paid-cancel-directly"),
        (Situation.AwaitingPayment, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingPayment, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingPayment, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.AwaitingPayment, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingPayment, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingPayment, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.AwaitingPayment, Ship, "ship.not-paid"),
        (Situation.AwaitingPayment, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.AwaitingPayment, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.AwaitingPayment, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.AwaitingPayment, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingPayment, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingPayment, Delete, "delete.order-not-completed"),
        (Situation.AwaitingPayment, Restore, "restore.not-in-deleted-orders"),
        (Situation.AwaitingPayment, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.AwaitingPayment, AddToCartAgain, Allowed),
        (Situation.AwaitingPayment, RefundPart, "refund-part.not-paid"),
        (Situation.AwaitingPayment, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.AwaitingPayment, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.AwaitingPayment, OpenDispute, "dispute.not-shipped"),
        (Situation.AwaitingPayment, AcceptDispute, "dispute.none-open"),
        (Situation.AwaitingPayment, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.AwaitingPayment, RejectDispute, "dispute.none-open"),
        (Situation.AwaitingPayment, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.AwaitingPayment, WithdrawDispute, "dispute.none-open"),
        (Situation.AwaitingPayment, EscalateDispute, "dispute.none-open"),
        (Situation.AwaitingPayment, RuleDispute, "dispute.not-escalated"),
        (Situation.AwaitingPayment, ShipReturn, "return.not-awaited"),
        (Situation.AwaitingPayment, MarkReturnDelivered, "return.not-shipped"),
        (Situation.AwaitingPayment, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.PaymentReviewInsideInstantWindow, Pay, "pay.already-paid-or-closed"),
        (Situation.PaymentReviewInsideInstantWindow, Cancel, Allowed),
        (Situation.PaymentReviewInsideInstantWindow, RequestCancellation, "request-cancellation.instant-cancel-available"),
        (Situation.PaymentReviewInsideInstantWindow, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.PaymentReviewInsideInstantWindow, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.PaymentReviewInsideInstantWindow, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.PaymentReviewInsideInstantWindow, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.PaymentReviewInsideInstantWindow, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.PaymentReviewInsideInstantWindow, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.PaymentReviewInsideInstantWindow, Ship, "ship.payment-under-review"),
        (Situation.PaymentReviewInsideInstantWindow, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.PaymentReviewInsideInstantWindow, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.PaymentReviewInsideInstantWindow, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.PaymentReviewInsideInstantWindow, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.PaymentReviewInsideInstantWindow, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.PaymentReviewInsideInstantWindow, Delete, "delete.order-not-completed"),
        (Situation.PaymentReviewInsideInstantWindow, Restore, "restore.not-in-deleted-orders"),
        (Situation.PaymentReviewInsideInstantWindow, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.PaymentReviewInsideInstantWindow, AddToCartAgain, Allowed),
        (Situation.PaymentReviewInsideInstantWindow, RefundPart, "refund-part.payment-not-confirmed"),
        (Situation.PaymentReviewInsideInstantWindow, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.PaymentReviewInsideInstantWindow, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.PaymentReviewInsideInstantWindow, OpenDispute, "dispute.not-shipped"),
        (Situation.PaymentReviewInsideInstantWindow, AcceptDispute, "dispute.none-open"),
        (Situation.PaymentReviewInsideInstantWindow, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.PaymentReviewInsideInstantWindow, RejectDispute, "dispute.none-open"),
        (Situation.PaymentReviewInsideInstantWindow, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.PaymentReviewInsideInstantWindow, WithdrawDispute, "dispute.none-open"),
        (Situation.PaymentReviewInsideInstantWindow, EscalateDispute, "dispute.none-open"),
        (Situation.PaymentReviewInsideInstantWindow, RuleDispute, "dispute.not-escalated"),
        (Situation.PaymentReviewInsideInstantWindow, ShipReturn, "return.not-awaited"),
        (Situation.PaymentReviewInsideInstantWindow, MarkReturnDelivered, "return.not-shipped"),
        (Situation.PaymentReviewInsideInstantWindow, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.PaymentReviewAfterInstantWindow, Pay, "pay.already-paid-or-closed"),
        (Situation.PaymentReviewAfterInstantWindow, Cancel, "cancel.payment-under-review"),
        (Situation.PaymentReviewAfterInstantWindow, RequestCancellation, "request-cancellation.payment-under-review"),
        (Situation.PaymentReviewAfterInstantWindow, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.PaymentReviewAfterInstantWindow, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.PaymentReviewAfterInstantWindow, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.PaymentReviewAfterInstantWindow, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.PaymentReviewAfterInstantWindow, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.PaymentReviewAfterInstantWindow, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.PaymentReviewAfterInstantWindow, Ship, "ship.payment-under-review"),
        (Situation.PaymentReviewAfterInstantWindow, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.PaymentReviewAfterInstantWindow, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.PaymentReviewAfterInstantWindow, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.PaymentReviewAfterInstantWindow, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.PaymentReviewAfterInstantWindow, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.PaymentReviewAfterInstantWindow, Delete, "delete.order-not-completed"),
        (Situation.PaymentReviewAfterInstantWindow, Restore, "restore.not-in-deleted-orders"),
        (Situation.PaymentReviewAfterInstantWindow, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.PaymentReviewAfterInstantWindow, AddToCartAgain, Allowed),
        (Situation.PaymentReviewAfterInstantWindow, RefundPart, "refund-part.payment-not-confirmed"),
        (Situation.PaymentReviewAfterInstantWindow, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.PaymentReviewAfterInstantWindow, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.PaymentReviewAfterInstantWindow, OpenDispute, "dispute.not-shipped"),
        (Situation.PaymentReviewAfterInstantWindow, AcceptDispute, "dispute.none-open"),
        (Situation.PaymentReviewAfterInstantWindow, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.PaymentReviewAfterInstantWindow, RejectDispute, "dispute.none-open"),
        (Situation.PaymentReviewAfterInstantWindow, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.PaymentReviewAfterInstantWindow, WithdrawDispute, "dispute.none-open"),
        (Situation.PaymentReviewAfterInstantWindow, EscalateDispute, "dispute.none-open"),
        (Situation.PaymentReviewAfterInstantWindow, RuleDispute, "dispute.not-escalated"),
        (Situation.PaymentReviewAfterInstantWindow, ShipReturn, "return.not-awaited"),
        (Situation.PaymentReviewAfterInstantWindow, MarkReturnDelivered, "return.not-shipped"),
        (Situation.PaymentReviewAfterInstantWindow, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.AwaitingShipment, Pay, "pay.already-paid-or-closed"),
        (Situation.AwaitingShipment, Cancel, "cancel.needs-seller-approval"),
        (Situation.AwaitingShipment, RequestCancellation, Allowed),
        (Situation.AwaitingShipment, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingShipment, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingShipment, RequestHandlingExtension, Allowed),
        (Situation.AwaitingShipment, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingShipment, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingShipment, ExtendHandling, Allowed),
        (Situation.AwaitingShipment, Ship, Allowed),
        (Situation.AwaitingShipment, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.AwaitingShipment, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.AwaitingShipment, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.AwaitingShipment, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipment, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipment, Delete, "delete.order-not-completed"),
        (Situation.AwaitingShipment, Restore, "restore.not-in-deleted-orders"),
        (Situation.AwaitingShipment, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.AwaitingShipment, AddToCartAgain, Allowed),
        (Situation.AwaitingShipment, RefundPart, Allowed),
        (Situation.AwaitingShipment, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.AwaitingShipment, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.AwaitingShipment, OpenDispute, "dispute.not-shipped"),
        (Situation.AwaitingShipment, AcceptDispute, "dispute.none-open"),
        (Situation.AwaitingShipment, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.AwaitingShipment, RejectDispute, "dispute.none-open"),
        (Situation.AwaitingShipment, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.AwaitingShipment, WithdrawDispute, "dispute.none-open"),
        (Situation.AwaitingShipment, EscalateDispute, "dispute.none-open"),
        (Situation.AwaitingShipment, RuleDispute, "dispute.not-escalated"),
        (Situation.AwaitingShipment, ShipReturn, "return.not-awaited"),
        (Situation.AwaitingShipment, MarkReturnDelivered, "return.not-shipped"),
        (Situation.AwaitingShipment, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.AwaitingShipmentWithOpenCancellationRequest, Pay, "pay.already-paid-or-closed"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, Cancel, "cancel.needs-seller-approval"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RequestCancellation, "request-cancellation.already-open"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ApproveCancellation, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RefuseCancellation, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RequestHandlingExtension, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ExtendHandling, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, Ship, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, Delete, "delete.order-not-completed"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, Restore, "restore.not-in-deleted-orders"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, AddToCartAgain, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RefundPart, Allowed),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, OpenDispute, "dispute.not-shipped"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, AcceptDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RejectDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, WithdrawDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, EscalateDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, RuleDispute, "dispute.not-escalated"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ShipReturn, "return.not-awaited"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, MarkReturnDelivered, "return.not-shipped"),
        (Situation.AwaitingShipmentWithOpenCancellationRequest, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.AwaitingShipmentWithPendingHandlingExtension, Pay, "pay.already-paid-or-closed"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, Cancel, "cancel.needs-seller-approval"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RequestCancellation, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RequestHandlingExtension, "handling-extension.request-pending"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, AcceptHandlingExtension, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, DeclineHandlingExtension, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ExtendHandling, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, Ship, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, Delete, "delete.order-not-completed"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, Restore, "restore.not-in-deleted-orders"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, AddToCartAgain, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RefundPart, Allowed),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, OpenDispute, "dispute.not-shipped"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, AcceptDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RejectDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, WithdrawDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, EscalateDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, RuleDispute, "dispute.not-escalated"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ShipReturn, "return.not-awaited"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, MarkReturnDelivered, "return.not-shipped"),
        (Situation.AwaitingShipmentWithPendingHandlingExtension, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.Shipped, Pay, "pay.already-paid-or-closed"),
        (Situation.Shipped, Cancel, "cancel.already-shipped"),
        (Situation.Shipped, RequestCancellation, "request-cancellation.already-shipped"),
        (Situation.Shipped, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.Shipped, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.Shipped, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.Shipped, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.Shipped, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.Shipped, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.Shipped, Ship, "ship.already-shipped"),
        (Situation.Shipped, AddTrackingEvent, Allowed),
        (Situation.Shipped, ConfirmReceipt, Allowed),
        (Situation.Shipped, RequestProtectionExtension, Allowed),
        (Situation.Shipped, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.Shipped, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.Shipped, Delete, "delete.order-not-completed"),
        (Situation.Shipped, Restore, "restore.not-in-deleted-orders"),
        (Situation.Shipped, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.Shipped, AddToCartAgain, Allowed),
        (Situation.Shipped, RefundPart, Allowed),
        (Situation.Shipped, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.Shipped, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.Shipped, OpenDispute, "dispute.too-early"),
        (Situation.Shipped, AcceptDispute, "dispute.none-open"),
        (Situation.Shipped, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.Shipped, RejectDispute, "dispute.none-open"),
        (Situation.Shipped, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.Shipped, WithdrawDispute, "dispute.none-open"),
        (Situation.Shipped, EscalateDispute, "dispute.none-open"),
        (Situation.Shipped, RuleDispute, "dispute.not-escalated"),
        (Situation.Shipped, ShipReturn, "return.not-awaited"),
        (Situation.Shipped, MarkReturnDelivered, "return.not-shipped"),
        (Situation.Shipped, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.ShippedWithPendingProtectionExtension, Pay, "pay.already-paid-or-closed"),
        (Situation.ShippedWithPendingProtectionExtension, Cancel, "cancel.already-shipped"),
        (Situation.ShippedWithPendingProtectionExtension, RequestCancellation, "request-cancellation.already-shipped"),
        (Situation.ShippedWithPendingProtectionExtension, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.ShippedWithPendingProtectionExtension, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.ShippedWithPendingProtectionExtension, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedWithPendingProtectionExtension, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedWithPendingProtectionExtension, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedWithPendingProtectionExtension, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedWithPendingProtectionExtension, Ship, "ship.already-shipped"),
        (Situation.ShippedWithPendingProtectionExtension, AddTrackingEvent, Allowed),
        (Situation.ShippedWithPendingProtectionExtension, ConfirmReceipt, Allowed),
        (Situation.ShippedWithPendingProtectionExtension, RequestProtectionExtension, "protection-extension.request-pending"),
        (Situation.ShippedWithPendingProtectionExtension, AcceptProtectionExtension, Allowed),
        (Situation.ShippedWithPendingProtectionExtension, DeclineProtectionExtension, Allowed),
        (Situation.ShippedWithPendingProtectionExtension, Delete, "delete.order-not-completed"),
        (Situation.ShippedWithPendingProtectionExtension, Restore, "restore.not-in-deleted-orders"),
        (Situation.ShippedWithPendingProtectionExtension, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.ShippedWithPendingProtectionExtension, AddToCartAgain, Allowed),
        (Situation.ShippedWithPendingProtectionExtension, RefundPart, Allowed),
        (Situation.ShippedWithPendingProtectionExtension, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.ShippedWithPendingProtectionExtension, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.ShippedWithPendingProtectionExtension, OpenDispute, "dispute.too-early"),
        (Situation.ShippedWithPendingProtectionExtension, AcceptDispute, "dispute.none-open"),
        (Situation.ShippedWithPendingProtectionExtension, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.ShippedWithPendingProtectionExtension, RejectDispute, "dispute.none-open"),
        (Situation.ShippedWithPendingProtectionExtension, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.ShippedWithPendingProtectionExtension, WithdrawDispute, "dispute.none-open"),
        (Situation.ShippedWithPendingProtectionExtension, EscalateDispute, "dispute.none-open"),
        (Situation.ShippedWithPendingProtectionExtension, RuleDispute, "dispute.not-escalated"),
        (Situation.ShippedWithPendingProtectionExtension, ShipReturn, "return.not-awaited"),
        (Situation.ShippedWithPendingProtectionExtension, MarkReturnDelivered, "return.not-shipped"),
        (Situation.ShippedWithPendingProtectionExtension, ConfirmReturnReceived, "return.not-shipped"),

        // The seller refused the buyer's cancellation request and shipped: a dispute opens at once, for that reason (issue 15).
        (Situation.ShippedAfterCancellationRefused, Pay, "pay.already-paid-or-closed"),
        (Situation.ShippedAfterCancellationRefused, Cancel, "cancel.already-shipped"),
        (Situation.ShippedAfterCancellationRefused, RequestCancellation, "request-cancellation.already-shipped"),
        (Situation.ShippedAfterCancellationRefused, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.ShippedAfterCancellationRefused, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.ShippedAfterCancellationRefused, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedAfterCancellationRefused, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedAfterCancellationRefused, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedAfterCancellationRefused, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedAfterCancellationRefused, Ship, "ship.already-shipped"),
        (Situation.ShippedAfterCancellationRefused, AddTrackingEvent, Allowed),
        (Situation.ShippedAfterCancellationRefused, ConfirmReceipt, Allowed),
        (Situation.ShippedAfterCancellationRefused, RequestProtectionExtension, Allowed),
        (Situation.ShippedAfterCancellationRefused, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedAfterCancellationRefused, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedAfterCancellationRefused, Delete, "delete.order-not-completed"),
        (Situation.ShippedAfterCancellationRefused, Restore, "restore.not-in-deleted-orders"),
        (Situation.ShippedAfterCancellationRefused, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.ShippedAfterCancellationRefused, AddToCartAgain, Allowed),
        (Situation.ShippedAfterCancellationRefused, RefundPart, Allowed),
        (Situation.ShippedAfterCancellationRefused, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.ShippedAfterCancellationRefused, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.ShippedAfterCancellationRefused, OpenDispute, Allowed),
        (Situation.ShippedAfterCancellationRefused, AcceptDispute, "dispute.none-open"),
        (Situation.ShippedAfterCancellationRefused, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.ShippedAfterCancellationRefused, RejectDispute, "dispute.none-open"),
        (Situation.ShippedAfterCancellationRefused, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.ShippedAfterCancellationRefused, WithdrawDispute, "dispute.none-open"),
        (Situation.ShippedAfterCancellationRefused, EscalateDispute, "dispute.none-open"),
        (Situation.ShippedAfterCancellationRefused, RuleDispute, "dispute.not-escalated"),
        (Situation.ShippedAfterCancellationRefused, ShipReturn, "return.not-awaited"),
        (Situation.ShippedAfterCancellationRefused, MarkReturnDelivered, "return.not-shipped"),
        (Situation.ShippedAfterCancellationRefused, ConfirmReturnReceived, "return.not-shipped"),

        // Receipt is not confirmed over an open dispute: completing would release the escrow it is about (issue 15).
        (Situation.ShippedWithOpenDispute, Pay, "pay.already-paid-or-closed"),
        (Situation.ShippedWithOpenDispute, Cancel, "cancel.already-shipped"),
        (Situation.ShippedWithOpenDispute, RequestCancellation, "request-cancellation.already-shipped"),
        (Situation.ShippedWithOpenDispute, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.ShippedWithOpenDispute, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.ShippedWithOpenDispute, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedWithOpenDispute, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedWithOpenDispute, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedWithOpenDispute, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedWithOpenDispute, Ship, "ship.already-shipped"),
        (Situation.ShippedWithOpenDispute, AddTrackingEvent, Allowed),
        (Situation.ShippedWithOpenDispute, ConfirmReceipt, "confirm-receipt.dispute-open"),
        (Situation.ShippedWithOpenDispute, RequestProtectionExtension, "protection-extension.dispute-open"),
        (Situation.ShippedWithOpenDispute, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedWithOpenDispute, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedWithOpenDispute, Delete, "delete.order-not-completed"),
        (Situation.ShippedWithOpenDispute, Restore, "restore.not-in-deleted-orders"),
        (Situation.ShippedWithOpenDispute, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.ShippedWithOpenDispute, AddToCartAgain, Allowed),
        (Situation.ShippedWithOpenDispute, RefundPart, Allowed),
        (Situation.ShippedWithOpenDispute, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.ShippedWithOpenDispute, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.ShippedWithOpenDispute, OpenDispute, "dispute.already-opened"),
        (Situation.ShippedWithOpenDispute, AcceptDispute, Allowed),
        (Situation.ShippedWithOpenDispute, ProposeDisputeAmount, Allowed),
        (Situation.ShippedWithOpenDispute, RejectDispute, Allowed),
        (Situation.ShippedWithOpenDispute, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.ShippedWithOpenDispute, WithdrawDispute, Allowed),
        (Situation.ShippedWithOpenDispute, EscalateDispute, "dispute.escalation-too-early"),
        (Situation.ShippedWithOpenDispute, RuleDispute, "dispute.not-escalated"),
        (Situation.ShippedWithOpenDispute, ShipReturn, "return.not-awaited"),
        (Situation.ShippedWithOpenDispute, MarkReturnDelivered, "return.not-shipped"),
        (Situation.ShippedWithOpenDispute, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.ShippedAwaitingReturn, Pay, "pay.already-paid-or-closed"),
        (Situation.ShippedAwaitingReturn, Cancel, "cancel.already-shipped"),
        (Situation.ShippedAwaitingReturn, RequestCancellation, "request-cancellation.already-shipped"),
        (Situation.ShippedAwaitingReturn, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.ShippedAwaitingReturn, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.ShippedAwaitingReturn, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedAwaitingReturn, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedAwaitingReturn, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedAwaitingReturn, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedAwaitingReturn, Ship, "ship.already-shipped"),
        (Situation.ShippedAwaitingReturn, AddTrackingEvent, Allowed),
        (Situation.ShippedAwaitingReturn, ConfirmReceipt, "confirm-receipt.dispute-open"),
        (Situation.ShippedAwaitingReturn, RequestProtectionExtension, "protection-extension.dispute-open"),
        (Situation.ShippedAwaitingReturn, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedAwaitingReturn, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedAwaitingReturn, Delete, "delete.order-not-completed"),
        (Situation.ShippedAwaitingReturn, Restore, "restore.not-in-deleted-orders"),
        (Situation.ShippedAwaitingReturn, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.ShippedAwaitingReturn, AddToCartAgain, Allowed),
        (Situation.ShippedAwaitingReturn, RefundPart, Allowed),
        (Situation.ShippedAwaitingReturn, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.ShippedAwaitingReturn, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.ShippedAwaitingReturn, OpenDispute, "dispute.already-opened"),
        (Situation.ShippedAwaitingReturn, AcceptDispute, "dispute.seller-already-answered"),
        (Situation.ShippedAwaitingReturn, ProposeDisputeAmount, "dispute.seller-already-answered"),
        (Situation.ShippedAwaitingReturn, RejectDispute, "dispute.seller-already-answered"),
        (Situation.ShippedAwaitingReturn, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.ShippedAwaitingReturn, WithdrawDispute, "dispute.already-settled"),
        (Situation.ShippedAwaitingReturn, EscalateDispute, "dispute.already-settled"),
        (Situation.ShippedAwaitingReturn, RuleDispute, "dispute.not-escalated"),
        (Situation.ShippedAwaitingReturn, ShipReturn, Allowed),
        (Situation.ShippedAwaitingReturn, MarkReturnDelivered, "return.not-shipped"),
        (Situation.ShippedAwaitingReturn, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.ShippedReturnShipped, Pay, "pay.already-paid-or-closed"),
        (Situation.ShippedReturnShipped, Cancel, "cancel.already-shipped"),
        (Situation.ShippedReturnShipped, RequestCancellation, "request-cancellation.already-shipped"),
        (Situation.ShippedReturnShipped, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.ShippedReturnShipped, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.ShippedReturnShipped, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedReturnShipped, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedReturnShipped, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.ShippedReturnShipped, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.ShippedReturnShipped, Ship, "ship.already-shipped"),
        (Situation.ShippedReturnShipped, AddTrackingEvent, Allowed),
        (Situation.ShippedReturnShipped, ConfirmReceipt, "confirm-receipt.dispute-open"),
        (Situation.ShippedReturnShipped, RequestProtectionExtension, "protection-extension.dispute-open"),
        (Situation.ShippedReturnShipped, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedReturnShipped, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.ShippedReturnShipped, Delete, "delete.order-not-completed"),
        (Situation.ShippedReturnShipped, Restore, "restore.not-in-deleted-orders"),
        (Situation.ShippedReturnShipped, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.ShippedReturnShipped, AddToCartAgain, Allowed),
        (Situation.ShippedReturnShipped, RefundPart, Allowed),
        (Situation.ShippedReturnShipped, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.ShippedReturnShipped, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.ShippedReturnShipped, OpenDispute, "dispute.already-opened"),
        (Situation.ShippedReturnShipped, AcceptDispute, "dispute.seller-already-answered"),
        (Situation.ShippedReturnShipped, ProposeDisputeAmount, "dispute.seller-already-answered"),
        (Situation.ShippedReturnShipped, RejectDispute, "dispute.seller-already-answered"),
        (Situation.ShippedReturnShipped, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.ShippedReturnShipped, WithdrawDispute, "dispute.already-settled"),
        (Situation.ShippedReturnShipped, EscalateDispute, "dispute.already-settled"),
        (Situation.ShippedReturnShipped, RuleDispute, "dispute.not-escalated"),
        (Situation.ShippedReturnShipped, ShipReturn, "return.not-awaited"),
        (Situation.ShippedReturnShipped, MarkReturnDelivered, Allowed),
        (Situation.ShippedReturnShipped, ConfirmReturnReceived, Allowed),

        (Situation.AwaitingShipmentFrozen, Pay, "pay.already-paid-or-closed"),
        (Situation.AwaitingShipmentFrozen, Cancel, "order.frozen"),
        (Situation.AwaitingShipmentFrozen, RequestCancellation, "order.frozen"),
        (Situation.AwaitingShipmentFrozen, ApproveCancellation, "order.frozen"),
        (Situation.AwaitingShipmentFrozen, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.AwaitingShipmentFrozen, RequestHandlingExtension, Allowed),
        (Situation.AwaitingShipmentFrozen, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingShipmentFrozen, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.AwaitingShipmentFrozen, ExtendHandling, Allowed),
        (Situation.AwaitingShipmentFrozen, Ship, Allowed),
        (Situation.AwaitingShipmentFrozen, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.AwaitingShipmentFrozen, ConfirmReceipt, "confirm-receipt.not-shipped"),
        (Situation.AwaitingShipmentFrozen, RequestProtectionExtension, "order.frozen"),
        (Situation.AwaitingShipmentFrozen, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipmentFrozen, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.AwaitingShipmentFrozen, Delete, "order.frozen"),
        (Situation.AwaitingShipmentFrozen, Restore, "restore.not-in-deleted-orders"),
        (Situation.AwaitingShipmentFrozen, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.AwaitingShipmentFrozen, AddToCartAgain, Allowed),
        (Situation.AwaitingShipmentFrozen, RefundPart, Allowed),
        (Situation.AwaitingShipmentFrozen, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.AwaitingShipmentFrozen, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.AwaitingShipmentFrozen, OpenDispute, "dispute.not-shipped"),
        (Situation.AwaitingShipmentFrozen, AcceptDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentFrozen, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.AwaitingShipmentFrozen, RejectDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentFrozen, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.AwaitingShipmentFrozen, WithdrawDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentFrozen, EscalateDispute, "dispute.none-open"),
        (Situation.AwaitingShipmentFrozen, RuleDispute, "dispute.not-escalated"),
        (Situation.AwaitingShipmentFrozen, ShipReturn, "return.not-awaited"),
        (Situation.AwaitingShipmentFrozen, MarkReturnDelivered, "return.not-shipped"),
        (Situation.AwaitingShipmentFrozen, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.CompletedReceived, Pay, "pay.already-paid-or-closed"),
        (Situation.CompletedReceived, Cancel, "cancel.order-completed"),
        (Situation.CompletedReceived, RequestCancellation, "request-cancellation.order-completed"),
        (Situation.CompletedReceived, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.CompletedReceived, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.CompletedReceived, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.CompletedReceived, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.CompletedReceived, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.CompletedReceived, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.CompletedReceived, Ship, "ship.order-completed"),
        (Situation.CompletedReceived, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.CompletedReceived, ConfirmReceipt, "confirm-receipt.order-completed"),
        (Situation.CompletedReceived, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.CompletedReceived, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.CompletedReceived, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.CompletedReceived, Delete, Allowed),
        (Situation.CompletedReceived, Restore, "restore.not-in-deleted-orders"),
        (Situation.CompletedReceived, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.CompletedReceived, AddToCartAgain, Allowed),
        (Situation.CompletedReceived, RefundPart, Allowed),
        (Situation.CompletedReceived, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.CompletedReceived, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.CompletedReceived, OpenDispute, Allowed),
        (Situation.CompletedReceived, AcceptDispute, "dispute.none-open"),
        (Situation.CompletedReceived, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.CompletedReceived, RejectDispute, "dispute.none-open"),
        (Situation.CompletedReceived, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.CompletedReceived, WithdrawDispute, "dispute.none-open"),
        (Situation.CompletedReceived, EscalateDispute, "dispute.none-open"),
        (Situation.CompletedReceived, RuleDispute, "dispute.not-escalated"),
        (Situation.CompletedReceived, ShipReturn, "return.not-awaited"),
        (Situation.CompletedReceived, MarkReturnDelivered, "return.not-shipped"),
        (Situation.CompletedReceived, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.CompletedCancelledByBuyer, Pay, "pay.already-paid-or-closed"),
        (Situation.CompletedCancelledByBuyer, Cancel, "cancel.order-completed"),
        (Situation.CompletedCancelledByBuyer, RequestCancellation, "request-cancellation.order-completed"),
        (Situation.CompletedCancelledByBuyer, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.CompletedCancelledByBuyer, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.CompletedCancelledByBuyer, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.CompletedCancelledByBuyer, AcceptHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.CompletedCancelledByBuyer, DeclineHandlingExtension, "handling-extension.no-pending-request"),
        (Situation.CompletedCancelledByBuyer, ExtendHandling, "handling-extension.not-awaiting-shipment"),
        (Situation.CompletedCancelledByBuyer, Ship, "ship.order-completed"),
        (Situation.CompletedCancelledByBuyer, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.CompletedCancelledByBuyer, ConfirmReceipt, "confirm-receipt.order-completed"),
        (Situation.CompletedCancelledByBuyer, RequestProtectionExtension, "protection-extension.not-shipped"),
        (Situation.CompletedCancelledByBuyer, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.CompletedCancelledByBuyer, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.CompletedCancelledByBuyer, Delete, Allowed),
        (Situation.CompletedCancelledByBuyer, Restore, "restore.not-in-deleted-orders"),
        (Situation.CompletedCancelledByBuyer, DeletePermanently, "delete-permanently.not-in-deleted-orders"),
        (Situation.CompletedCancelledByBuyer, AddToCartAgain, Allowed),
        (Situation.CompletedCancelledByBuyer, RefundPart, "refund-part.not-paid"),
        (Situation.CompletedCancelledByBuyer, ReportMissingRefund, "report-missing-refund.no-refund"),
        (Situation.CompletedCancelledByBuyer, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.CompletedCancelledByBuyer, OpenDispute, "dispute.order-completed"),
        (Situation.CompletedCancelledByBuyer, AcceptDispute, "dispute.none-open"),
        (Situation.CompletedCancelledByBuyer, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.CompletedCancelledByBuyer, RejectDispute, "dispute.none-open"),
        (Situation.CompletedCancelledByBuyer, AcceptDisputeProposal, "dispute.no-proposal"),
        (Situation.CompletedCancelledByBuyer, WithdrawDispute, "dispute.none-open"),
        (Situation.CompletedCancelledByBuyer, EscalateDispute, "dispute.none-open"),
        (Situation.CompletedCancelledByBuyer, RuleDispute, "dispute.not-escalated"),
        (Situation.CompletedCancelledByBuyer, ShipReturn, "return.not-awaited"),
        (Situation.CompletedCancelledByBuyer, MarkReturnDelivered, "return.not-shipped"),
        (Situation.CompletedCancelledByBuyer, ConfirmReturnReceived, "return.not-shipped"),

        // "Deleted orders" is the buyer's view only: buyer actions stop there, the seller's rules carry on.
        (Situation.Deleted, Pay, "order.in-deleted-orders"),
        (Situation.Deleted, Cancel, "order.in-deleted-orders"),
        (Situation.Deleted, RequestCancellation, "order.in-deleted-orders"),
        (Situation.Deleted, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.Deleted, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.Deleted, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.Deleted, AcceptHandlingExtension, "order.in-deleted-orders"),
        (Situation.Deleted, DeclineHandlingExtension, "order.in-deleted-orders"),
        (Situation.Deleted, ExtendHandling, "order.in-deleted-orders"),
        (Situation.Deleted, Ship, "ship.order-completed"),
        (Situation.Deleted, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.Deleted, ConfirmReceipt, "order.in-deleted-orders"),
        (Situation.Deleted, RequestProtectionExtension, "order.in-deleted-orders"),
        (Situation.Deleted, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.Deleted, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.Deleted, Delete, "order.in-deleted-orders"),
        (Situation.Deleted, Restore, Allowed),
        (Situation.Deleted, DeletePermanently, Allowed),
        (Situation.Deleted, AddToCartAgain, "order.in-deleted-orders"),
        (Situation.Deleted, RefundPart, Allowed),
        (Situation.Deleted, ReportMissingRefund, "order.in-deleted-orders"),
        (Situation.Deleted, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.Deleted, OpenDispute, "order.in-deleted-orders"),
        (Situation.Deleted, AcceptDispute, "dispute.none-open"),
        (Situation.Deleted, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.Deleted, RejectDispute, "dispute.none-open"),
        (Situation.Deleted, AcceptDisputeProposal, "order.in-deleted-orders"),
        (Situation.Deleted, WithdrawDispute, "order.in-deleted-orders"),
        (Situation.Deleted, EscalateDispute, "order.in-deleted-orders"),
        (Situation.Deleted, RuleDispute, "dispute.not-escalated"),
        (Situation.Deleted, ShipReturn, "order.in-deleted-orders"),
        (Situation.Deleted, MarkReturnDelivered, "order.in-deleted-orders"),
        (Situation.Deleted, ConfirmReturnReceived, "return.not-shipped"),

        (Situation.PermanentlyDeleted, Pay, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, Cancel, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, RequestCancellation, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, ApproveCancellation, "cancellation.no-open-request"),
        (Situation.PermanentlyDeleted, RefuseCancellation, "cancellation.no-open-request"),
        (Situation.PermanentlyDeleted, RequestHandlingExtension, "handling-extension.not-awaiting-shipment"),
        (Situation.PermanentlyDeleted, AcceptHandlingExtension, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, DeclineHandlingExtension, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, ExtendHandling, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, Ship, "ship.order-completed"),
        (Situation.PermanentlyDeleted, AddTrackingEvent, "tracking.not-shipped"),
        (Situation.PermanentlyDeleted, ConfirmReceipt, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, RequestProtectionExtension, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, AcceptProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.PermanentlyDeleted, DeclineProtectionExtension, "protection-extension.no-pending-request"),
        (Situation.PermanentlyDeleted, Delete, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, Restore, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, DeletePermanently, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, AddToCartAgain, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, RefundPart, Allowed),
        (Situation.PermanentlyDeleted, ReportMissingRefund, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, ResolveRefund, "resolve-refund.nothing-to-resolve"),
        (Situation.PermanentlyDeleted, OpenDispute, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, AcceptDispute, "dispute.none-open"),
        (Situation.PermanentlyDeleted, ProposeDisputeAmount, "dispute.none-open"),
        (Situation.PermanentlyDeleted, RejectDispute, "dispute.none-open"),
        (Situation.PermanentlyDeleted, AcceptDisputeProposal, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, WithdrawDispute, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, EscalateDispute, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, RuleDispute, "dispute.not-escalated"),
        (Situation.PermanentlyDeleted, ShipReturn, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, MarkReturnDelivered, "order.permanently-deleted"),
        (Situation.PermanentlyDeleted, ConfirmReturnReceived, "return.not-shipped"),
    ];

    public static TheoryData<Situation, OrderAction, string> Rows()
    {
        var rows = new TheoryData<Situation, OrderAction, string>();
        foreach (var (situation, action, expected) in Table) rows.Add(situation, action, expected);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Action_InSituation_IsAllowedOrRefusedAsTheRuleTableSays(Situation situation, OrderAction action, string expected)
    {
        var (order, now) = Build(situation);

        var decision = OrderActions.Check(order, action, now, AnOrder.Rules);
        var verbRefusal = Attempt(order, action, now);

        if (expected == Allowed)
        {
            Assert.True(decision.Allowed, $"Check refused with {decision.Refusal?.Code}");
            Assert.Null(verbRefusal);
        }
        else
        {
            Assert.Equal(expected, decision.Refusal?.Code);
            Assert.Equal(ViolationKind.Refused, decision.Refusal!.Kind);
            if (action == AddToCartAgain) return;
            Assert.NotNull(verbRefusal);
            Assert.Equal(decision.Refusal.Code, verbRefusal.Code);
            Assert.Equal(decision.Refusal.PossibleFrom, verbRefusal.PossibleFrom);
        }
    }

    [Fact]
    public void Table_HasExactlyOneRowForEverySituationAndEveryAction()
    {
        var expectedPairs = Enum.GetValues<Situation>().SelectMany(s => Enum.GetValues<OrderAction>().Select(a => (s, a))).ToHashSet();
        var tablePairs = Table.Select(r => (r.Situation, r.Action)).ToList();

        Assert.Equal(tablePairs.Count, tablePairs.Distinct().Count());
        Assert.True(expectedPairs.SetEquals(tablePairs), "every (situation, action) pair needs exactly one row");
    }

    [Theory]
    [InlineData(Situation.AwaitingPayment, OrderState.AwaitingPayment)]
    [InlineData(Situation.PaymentReviewInsideInstantWindow, OrderState.PaymentReview)]
    [InlineData(Situation.PaymentReviewAfterInstantWindow, OrderState.PaymentReview)]
    [InlineData(Situation.AwaitingShipment, OrderState.AwaitingShipment)]
    [InlineData(Situation.AwaitingShipmentWithOpenCancellationRequest, OrderState.AwaitingShipment)]
    [InlineData(Situation.AwaitingShipmentWithPendingHandlingExtension, OrderState.AwaitingShipment)]
    [InlineData(Situation.Shipped, OrderState.Shipped)]
    [InlineData(Situation.ShippedWithPendingProtectionExtension, OrderState.Shipped)]
    [InlineData(Situation.ShippedAfterCancellationRefused, OrderState.Shipped)]
    [InlineData(Situation.ShippedWithOpenDispute, OrderState.Shipped)]
    [InlineData(Situation.ShippedAwaitingReturn, OrderState.Shipped)]
    [InlineData(Situation.ShippedReturnShipped, OrderState.Shipped)]
    [InlineData(Situation.AwaitingShipmentFrozen, OrderState.AwaitingShipment)]
    [InlineData(Situation.CompletedReceived, OrderState.Completed)]
    [InlineData(Situation.CompletedCancelledByBuyer, OrderState.Completed)]
    [InlineData(Situation.Deleted, OrderState.Completed)]
    [InlineData(Situation.PermanentlyDeleted, OrderState.Completed)]
    public void Situation_IsTheStateItsNameSays(Situation situation, OrderState state)
    {
        var (order, now) = Build(situation);

        Assert.Equal(state, order.State);
        Assert.Equal(0, order.CatchUp(now, AnOrder.Rules));
    }

    /// <summary>The order in that situation and the moment the action is tried; no deadline is due at that moment.</summary>
    private static (Order Order, DateTimeOffset Now) Build(Situation situation)
    {
        var at = AnOrder.Start;
        var later = at + TimeSpan.FromMinutes(30);
        return situation switch
        {
            Situation.AwaitingPayment => (AnOrder.Placed(at), later),
            Situation.PaymentReviewInsideInstantWindow => (AnOrder.Paid(at), at + TimeSpan.FromMinutes(1)),
            Situation.PaymentReviewAfterInstantWindow => (AnOrder.Paid(at), at + TimeSpan.FromMinutes(5)),
            Situation.AwaitingShipment => (AnOrder.Confirmed(at), later),
            Situation.AwaitingShipmentWithOpenCancellationRequest => (AnOrder.WithOpenCancellationRequest(at), later),
            Situation.AwaitingShipmentWithPendingHandlingExtension => (AnOrder.WithPendingHandlingExtension(at), later),
            Situation.Shipped => (AnOrder.Shipped(at), later),
            Situation.ShippedWithPendingProtectionExtension => (AnOrder.WithPendingProtectionExtension(at), later),
            Situation.ShippedAfterCancellationRefused => (AnOrder.ShippedAfterCancellationRefused(at), later),
            Situation.ShippedWithOpenDispute => (AnOrder.WithOpenDispute(at), later),
            Situation.ShippedAwaitingReturn => (AnOrder.AwaitingReturn(at), later),
            Situation.ShippedReturnShipped => (AnOrder.ReturnShipped(at), later),
            Situation.AwaitingShipmentFrozen => (AnOrder.Frozen(at), later),
            Situation.CompletedReceived => (AnOrder.Received(at), later),
            Situation.CompletedCancelledByBuyer => (AnOrder.Cancelled(at), later),
            Situation.Deleted => (AnOrder.Deleted(at), later),
            Situation.PermanentlyDeleted => (AnOrder.PermanentlyDeleted(at), later),
            _ => throw new ArgumentOutOfRangeException(nameof(situation)),
        };
    }

    /// <summary>Calls the action's verb with valid input; returns its refusal, or null when it went through.</summary>
    private static RuleViolation? Attempt(Order o, OrderAction action, DateTimeOffset now)
    {
        var rules = AnOrder.Rules;
        var buyer = AnOrder.Buyer;
        var seller = AnOrder.Seller;
        try
        {
            switch (action)
            {
                case Pay: o.Pay(buyer, AnOrder.Payment(now), now, rules); break;
                case Cancel: o.Cancel(buyer, "NoLongerNeeded", null, now, rules); break;
                case RequestCancellation: o.RequestCancellation(buyer, "ChangeAddress", null, now, rules); break;
                case ApproveCancellation: o.ApproveCancellation(seller, false, now, rules); break;
                case RefuseCancellation: o.RefuseCancellation(seller, "Already packed", now, rules); break;
                case RequestHandlingExtension: o.RequestHandlingExtension(seller, 5, "Waiting for the supplier", now, rules); break;
                case AcceptHandlingExtension: o.AcceptHandlingExtension(buyer, now, rules); break;
                case DeclineHandlingExtension: o.DeclineHandlingExtension(buyer, now, rules); break;
                case ExtendHandling: o.ExtendHandling(buyer, 5, now, rules); break;
                case Ship: o.Ship(seller, "La Poste", "RR987654321TN", now, rules); break;
                case AddTrackingEvent: o.AddTrackingEvent(seller, "Left the sorting centre", "Tunis", null, now, rules); break;
                case ConfirmReceipt: o.ConfirmReceipt(buyer, now, rules); break;
                case RequestProtectionExtension: o.RequestProtectionExtension(buyer, 10, "Not arrived yet", now, rules); break;
                case AcceptProtectionExtension: o.AcceptProtectionExtension(seller, now, rules); break;
                case DeclineProtectionExtension: o.DeclineProtectionExtension(seller, now, rules); break;
                case Delete: o.MoveToDeleted(buyer, now, rules); break;
                case Restore: o.Restore(buyer, now, rules); break;
                case DeletePermanently: o.DeletePermanently(buyer, confirmed: true, now, rules); break;
                // Adding to the cart again changes the cart, not the order: only the rule table decides it.
                case AddToCartAgain: break;
                case RefundPart: o.RefundPart(seller, 1, "One item was missing", now, rules); break;
                case ReportMissingRefund: o.ReportMissingRefund(buyer, o.Refunds.FirstOrDefault()?.Id ?? 0, "Never arrived", now, rules); break;
                case OpenDispute: o.OpenDispute(buyer, OrderActions.DisputeReasonsFor(o, now, rules.Policy).FirstOrDefault() ?? "NotAsDescribed", "Wrong colour", 100, false, now, rules); break;
                case AcceptDispute: o.AnswerDispute(seller, AcceptDispute, null, null, now, rules); break;
                case ProposeDisputeAmount: o.AnswerDispute(seller, ProposeDisputeAmount, 50, "Half", now, rules); break;
                case RejectDispute: o.AnswerDispute(seller, RejectDispute, null, "As described", now, rules); break;
                case AcceptDisputeProposal: o.AcceptDisputeProposal(buyer, now, rules); break;
                case WithdrawDispute: o.WithdrawDispute(buyer, now, rules); break;
                case EscalateDispute: o.EscalateDispute(buyer, now, rules); break;
                case RuleDispute: o.RuleDispute(AnOrder.Admin, 0, "No refund", now, rules); break;
                case ShipReturn: o.ShipReturn(buyer, "RR1", now, rules); break;
                case MarkReturnDelivered: o.MarkReturnDelivered(buyer, now, rules); break;
                case ConfirmReturnReceived: o.ConfirmReturnReceived(seller, now, rules); break;
                case ResolveRefund: o.ResolveRefund(AnOrder.Admin, o.Refunds.FirstOrDefault()?.Id ?? 0, "paid-confirmed", "Provider confirmed", now, rules); break;
                default: throw new ArgumentOutOfRangeException(nameof(action));
            }
            return null;
        }
        catch (RuleViolationException e)
        {
            return e.Violation;
        }
    }
}
