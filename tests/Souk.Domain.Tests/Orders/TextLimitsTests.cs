using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>
/// One rule for every free text of an order (<see cref="TextLimits"/>): surrounding blanks are not part of it, a blank
/// text is no text, and one longer than its limit is refused with <c>text.too-long</c> naming the field — never cut —
/// before the verb changes anything.
/// </summary>
public class TextLimitsTests
{
    private static readonly DateTimeOffset T = AnOrder.Start;

    [Fact]
    public void ATextAtItsLimit_IsKept_AndTheBlanksAroundItAreNot()
    {
        var o = AnOrder.Confirmed(T);
        var carrier = new string('c', TextLimits.Carrier);
        o.Ship(AnOrder.Seller, "  " + carrier + " ", " T1 ", T.AddHours(1), AnOrder.Rules);
        Assert.Equal(carrier, o.Carrier);
        Assert.Equal("T1", o.TrackingNumber);
    }

    [Fact]
    public void ATextOneLonger_IsRefused_AndNothingChanges()
    {
        var o = AnOrder.Confirmed(T);
        var events = o.Timeline.Count;
        var e = Assert.Throws<RuleViolationException>(() =>
            o.Ship(AnOrder.Seller, new string('c', TextLimits.Carrier + 1), "T1", T.AddHours(1), AnOrder.Rules));
        Assert.Equal("text.too-long", e.Violation.Code);
        Assert.Equal("carrier", e.Violation.Field);
        Assert.Equal(TextLimits.Carrier, e.Violation.Arguments["max"]);
        Assert.Equal(OrderState.AwaitingShipment, o.State);
        Assert.Equal(events, o.Timeline.Count);
    }

    [Fact]
    public void ABlankText_IsNoText_SoARequiredOneIsMissing()
    {
        var o = AnOrder.WithOpenCancellationRequest(T);
        var e = Assert.Throws<RuleViolationException>(() => o.RefuseCancellation(AnOrder.Seller, "   ", T.AddHours(1), AnOrder.Rules));
        Assert.Equal("refuse-cancellation.message-required", e.Violation.Code);
    }

    [Fact]
    public void AnOptionalBlankText_IsStoredAsNone()
    {
        var o = AnOrder.Shipped(T);
        o.AddTrackingEvent(AnOrder.Seller, "Left the depot", "   ", null, T.AddDays(1), AnOrder.Rules);
        Assert.Null(o.Tracking.Single().Location);
    }

    [Theory]
    [InlineData(TextLimits.DisputeComment)]
    [InlineData(TextLimits.CancellationComment)]
    public void TheRuleIsTheSameForEveryLimit(int max)
    {
        Assert.Equal(new string('x', max), TextLimits.Clean(" " + new string('x', max) + "\n", "f", max));
        Assert.Null(TextLimits.Clean(" \t", "f", max));
        Assert.Null(TextLimits.Clean(null, "f", max));
        Assert.Throws<RuleViolationException>(() => TextLimits.Clean(new string('x', max + 1), "f", max));
    }
}
