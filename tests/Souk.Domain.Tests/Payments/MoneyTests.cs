using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Payments;

public class MoneyTests
{
    [Fact]
    public void Money_AddsAndSubtractsInMinorUnitsOfOneCurrency()
    {
        var price = new Money(1_999, "EUR");

        Assert.Equal(new Money(2_498, "EUR"), price + new Money(499, "EUR"));
        Assert.Equal(new Money(1_500, "EUR"), price - new Money(499, "EUR"));
        Assert.Equal(new Money(5_997, "EUR"), price.Times(3));
        Assert.Equal(new Money(0, "RUB"), Money.Zero("RUB"));
    }

    [Fact]
    public void Money_InTwoCurrencies_CannotBeCombined()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(100, "EUR") + new Money(100, "RUB"));
        Assert.Throws<InvalidOperationException>(() => new Money(100, "EUR") - new Money(100, "USD"));
    }

    [Fact]
    public void Money_ThatWouldOverflow_Throws()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, "EUR") + new Money(1, "EUR"));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2 + 1, "EUR").Times(2));
    }
}
