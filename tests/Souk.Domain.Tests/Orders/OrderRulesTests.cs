using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>The data the rules read: who takes which action, the reason table, who may see an order.</summary>
public class OrderRulesTests
{
    [Fact]
    public void RoleOf_GivesTheSellerExactlyTheSellersActions()
    {
        Assert.Equal(
            [OrderAction.ApproveCancellation, OrderAction.RefuseCancellation, OrderAction.RequestHandlingExtension, OrderAction.Ship,
             OrderAction.AddTrackingEvent, OrderAction.AcceptProtectionExtension, OrderAction.DeclineProtectionExtension, OrderAction.RefundPart,
             OrderAction.AcceptDispute, OrderAction.ProposeDisputeAmount, OrderAction.RejectDispute, OrderAction.ConfirmReturnReceived],
            OrderActions.For(ActorRole.Seller));
    }

    [Fact]
    public void Name_IsDistinctForEveryAction()
    {
        var names = Enum.GetValues<OrderAction>().Select(OrderActions.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("request-cancellation", OrderActions.Name(OrderAction.RequestCancellation));
    }

    [Fact]
    public void CancelReasons_AreTheSpecsTable()
    {
        Assert.Equal(
            [("NoLongerNeeded", Responsibility.Buyer, false), ("ChangeOrder", Responsibility.Buyer, false),
             ("ChangeAddress", Responsibility.Buyer, false), ("ChangeCoupon", Responsibility.Buyer, false),
             ("ChangeShipping", Responsibility.Buyer, false), ("PaymentProblem", Responsibility.Platform, false),
             ("Other", Responsibility.Buyer, true)],
            CancelReasonTable.Default.All.Select(r => (r.Code, r.CountsAgainst, r.RequiresComment)));
        Assert.All(CancelReasonTable.Default.All, r => Assert.Equal(["en", "ru"], r.Texts.Keys.Order()));
    }

    [Fact]
    public void CancelReasons_AreData_SoAMarketplaceCanChangeThem()
    {
        var table = new CancelReasonTable([new CancelReason("Duplicate", Responsibility.Buyer, false, new Dictionary<string, string>())]);
        var rules = AnOrder.Rules with { Reasons = table };
        var clock = AnOrder.Start;
        var order = AnOrder.Placed(clock, rules: rules);

        Assert.Equal("cancel.unknown-reason", Expect.Violation(() => order.Cancel(AnOrder.Buyer, "NoLongerNeeded", null, clock, rules)).Code);
        order.Cancel(AnOrder.Buyer, "Duplicate", null, clock, rules);
        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
    }

    [Fact]
    public void CanSee_TheBuyerUntilPermanentDeletion_TheStoresSellerAndAdmins()
    {
        var clock = AnOrder.Start;
        var deleted = AnOrder.Deleted(clock);
        var gone = AnOrder.PermanentlyDeleted(clock);

        Assert.True(OrderAccess.CanSee(deleted, AnOrder.Buyer));
        Assert.False(OrderAccess.CanSee(deleted, Actor.Buyer("someone-else")));
        Assert.False(OrderAccess.CanSee(gone, AnOrder.Buyer));
        Assert.True(OrderAccess.CanSee(gone, AnOrder.Seller));
        Assert.False(OrderAccess.CanSee(gone, Actor.Seller("other-seller", AnOrder.StoreId + 1)));
        Assert.True(OrderAccess.CanSee(gone, Actor.Admin("admin-1")));
    }
}
