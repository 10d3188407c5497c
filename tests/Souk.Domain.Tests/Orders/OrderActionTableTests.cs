using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>The rule table has one row per action, so a new action cannot be added without its name, role and rule.</summary>
public class OrderActionTableTests
{
    [Fact]
    public void EveryAction_HasExactlyOneRow()
    {
        var rows = OrderActions.Table.GroupBy(r => r.Action).ToDictionary(g => g.Key, g => g.Count());
        foreach (var action in Enum.GetValues<OrderAction>())
            Assert.True(rows.GetValueOrDefault(action) == 1, $"{action} has {rows.GetValueOrDefault(action)} rows in OrderActions.Table");
    }

    [Fact]
    public void Names_AreUniqueAndKebabCase()
    {
        var names = OrderActions.Table.Select(r => r.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(-[a-z]+)*$", n));
    }
}
