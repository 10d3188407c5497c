using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

public class OrderEventKindsTests
{
    [Theory]
    [InlineData("*", "order.shipped", true)]
    [InlineData("dispute.*", "dispute.opened", true)]
    [InlineData("dispute.*", "order.shipped", false)]
    [InlineData("order.shipped", "order.shipped", true)]
    [InlineData("order.shipped", "order.shipped-late", false)]
    [InlineData("order.*", "orders.x", false)]
    public void A_subscription_matches_everything_a_group_or_one_kind(string pattern, string kind, bool expected) =>
        Assert.Equal(expected, OrderEventKinds.Matches(pattern, kind));

    [Theory]
    [InlineData("*", true)]
    [InlineData("refund.*", true)]
    [InlineData("message.sent", true)]
    [InlineData("refund.stage-changd", false)]
    [InlineData("nothing.*", false)]
    [InlineData("", false)]
    public void A_subscription_that_matches_no_kind_is_not_valid(string pattern, bool expected) =>
        Assert.Equal(expected, OrderEventKinds.IsValidSubscription(pattern));

    [Fact]
    public void The_catalogue_names_each_kind_once_and_keeps_deletion_housekeeping_private()
    {
        Assert.Equal(OrderEventKinds.All.Count, OrderEventKinds.All.Distinct().Count());
        Assert.All(OrderEventKinds.All.Where(OrderEventKinds.IsBuyerPrivate), k => Assert.Equal(Audience.None, EventAudience.Of(k)));
        Assert.Equal(3, OrderEventKinds.All.Count(OrderEventKinds.IsBuyerPrivate));
    }
}
