using System.Globalization;
using Souk.Web.Infrastructure;

namespace Souk.Web.Tests.Localization;

/// <summary>The one money formatter of pages and sentences, and how pages read typed amounts back. No database.</summary>
public sealed class MoneyTextTests
{
    [Fact]
    public void Money_HasTheCurrencysMinorDigits_InTheReadersNumberFormat()
    {
        var english = CultureInfo.GetCultureInfo("en");
        var russian = CultureInfo.GetCultureInfo("ru");
        Assert.Equal("12.99 USD", MoneyText.Format(1_299, "USD", english));
        Assert.Equal("12,99 USD", MoneyText.Format(1_299, "USD", russian));
        Assert.Equal("1,299 JPY", MoneyText.Format(1_299, "JPY", english));
        Assert.Equal("1.299 KWD", MoneyText.Format(1_299, "KWD", english));
        Assert.Equal("-0.05 EUR", MoneyText.Format(-5, "EUR", english));
    }

    [Fact]
    public void ATypedAmount_IsReadInTheCurrencysMinorUnits_AndAFractionOfOneIsNotRoundedAway()
    {
        Assert.Equal(1_250, MoneyText.ToMinor("12.5", "USD"));
        Assert.Equal(1_250, MoneyText.ToMinor("1250", "JPY"));
        Assert.Null(MoneyText.ToMinor("12.555", "USD"));
        Assert.Null(MoneyText.ToMinor("12.5", "JPY"));
        Assert.Null(MoneyText.ToMinor("twelve", "USD"));
        Assert.Null(MoneyText.ToMinor("1e30", "USD"));
        Assert.Equal("12.50", MoneyText.Major(1_250, "USD"));
    }
}
