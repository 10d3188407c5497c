using System.Reflection;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;

namespace Souk.Web.Tests.Orders;

/// <summary>
/// The action catalogue has one row per action, so a new action cannot be added without its route, summary, label and
/// call; and what a row says agrees with itself. No database (the routes are checked by the OpenAPI snapshot).
/// </summary>
public class ActionCatalogTests
{
    [Fact]
    public void EveryAction_HasExactlyOneRow()
    {
        var rows = ActionCatalog.Rows.GroupBy(r => r.Action).ToDictionary(g => g.Key, g => g.Count());
        foreach (var action in Enum.GetValues<OrderAction>())
            Assert.True(rows.GetValueOrDefault(action) == 1, $"{action} has {rows.GetValueOrDefault(action)} rows in ActionCatalog.Rows");
    }

    [Fact]
    public void Paths_AreUnique_AndEveryRowSaysWhatItIs()
    {
        Assert.Equal(ActionCatalog.Rows.Count, ActionCatalog.Rows.Select(r => r.Path).Distinct().Count());
        Assert.All(ActionCatalog.Rows, r =>
        {
            Assert.Matches("^[a-z-]+(/[a-z-]+)*$", r.Path);
            Assert.False(string.IsNullOrWhiteSpace(r.Summary), $"{r.Name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(r.Label), $"{r.Name} has no label");
        });
    }

    [Fact]
    public void ActionsShownAsAGenericForm_CanBeReadFromAForm()
    {
        // The order page reads a generic form into the body record by its constructor; a body it could not fill would
        // fail when a person submits the form, so every such body is checked here.
        foreach (var row in ActionCatalog.Rows.Where(r => !r.OwnPage))
        {
            if (row.Call.BodyType is not { } type) continue;
            var body = Pages.Orders.OrderActionForms.Read(type, _ => null, "USD");
            Assert.IsType(type, body);
            Assert.NotNull(row.Call.VerbFor(body));
        }
    }

    [Fact]
    public void AFormField_ReachesTheBody_ByItsJsonName()
    {
        var form = new Dictionary<string, string> { ["amountMinor"] = "12.50", ["note"] = "  chipped  " };
        var body = (RefundActions.RefundPartBody)Pages.Orders.OrderActionForms.Read(typeof(RefundActions.RefundPartBody), form.GetValueOrDefault, "USD");
        Assert.Equal(1250, body.AmountMinor);
        Assert.Equal("chipped", body.Note);
        var bad = (RefundActions.RefundPartBody)Pages.Orders.OrderActionForms.Read(typeof(RefundActions.RefundPartBody), _ => "x", "USD");
        Assert.Equal(-1, bad.AmountMinor);
    }

    [Fact]
    public void EveryBodyExample_IsOfItsBodyType()
    {
        foreach (var row in ActionCatalog.Rows)
            if (row.Call.BodyType is { } type)
                Assert.IsType(type, row.Call.Example);
    }
}
