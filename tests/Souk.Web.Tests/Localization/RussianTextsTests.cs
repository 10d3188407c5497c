using System.Globalization;
using System.Text.RegularExpressions;
using Souk.Domain.Orders;
using Souk.Web.Features.Notifications;
using Souk.Web.Infrastructure;

namespace Souk.Web.Tests.Localization;

/// <summary>The Russian texts: a sentence for every refusal code with the same placeholders as the English one, and a
/// Russian bell text for every order event; the UI culture picks the language. No database.</summary>
public sealed partial class RussianTextsTests
{
    private static readonly CultureInfo Russian = new("ru");
    private static readonly CultureInfo English = new("en");

    // A placeholder with its format, so both languages mark the same arguments as money ({max:money}).
    [GeneratedRegex(@"\{(\w+(?::\w+)?)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();

    private static readonly Dictionary<string, object?> NoArguments = [];

    /// <summary>The sentence for <paramref name="code"/> as it stands: with no arguments, <c>Render</c> leaves every
    /// <c>{placeholder}</c> in place.</summary>
    private static string Template(CultureInfo culture, string code) => Under(culture, () => RefusalMessages.Render(code, NoArguments));

    private static SortedSet<string> PlaceholdersOf(string template) =>
        new(Placeholder().Matches(template).Select(m => m.Groups[1].Value), StringComparer.Ordinal);

    private static T Under<T>(CultureInfo culture, Func<T> read)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void EveryEnglishRefusalCode_HasARussianSentence()
    {
        Assert.NotEmpty(RefusalMessages.EnglishCodes);
        var missing = RefusalMessages.EnglishCodes.Where(code => !RefusalMessages.KnowsInRussian(code)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void RussianSentences_KeepTheEnglishPlaceholders()
    {
        var mismatched = RefusalMessages.EnglishCodes
            .Where(code => !PlaceholdersOf(Template(English, code)).SetEquals(PlaceholdersOf(Template(Russian, code))))
            .ToList();
        Assert.Empty(mismatched);
    }

    [Fact]
    public void EveryRussianSentence_IsInCyrillic()
    {
        var notRussian = RefusalMessages.EnglishCodes.Where(code => !Cyrillic().IsMatch(Template(Russian, code))).ToList();
        Assert.Empty(notRussian);
        var notEnglish = RefusalMessages.EnglishCodes.Where(code => Cyrillic().IsMatch(Template(English, code))).ToList();
        Assert.Empty(notEnglish);
    }

    [Fact]
    public void Render_FollowsTheUiCulture()
    {
        var unpaid = new Dictionary<string, object?> { ["unpaid"] = 5, ["max"] = 5 };
        var stock = new Dictionary<string, object?> { ["title"] = "Чайник", ["available"] = 2, ["requested"] = 3 };

        Assert.Equal(
            "У вас уже есть заказы, ожидающие оплаты: 5, а допускается не более 5. Оплатите или отмените часть из них, прежде чем делать новые заказы.",
            Under(Russian, () => RefusalMessages.Render("checkout.too-many-unpaid-orders", unpaid)));
        Assert.Equal(
            "Товара «Чайник» осталось только 2 шт. (запрошено: 3).",
            Under(Russian, () => RefusalMessages.Render("checkout.not-enough-stock", stock)));

        Assert.Equal(
            "You already have 5 orders awaiting payment and may have at most 5. Pay or cancel some before ordering more.",
            Under(English, () => RefusalMessages.Render("checkout.too-many-unpaid-orders", unpaid)));
        Assert.Equal(
            "Only 2 of 'Чайник' are left (3 requested).",
            Under(English, () => RefusalMessages.Render("checkout.not-enough-stock", stock)));

        Assert.Equal("no.such-code", Under(Russian, () => RefusalMessages.Render("no.such-code", unpaid)));
    }

    /// <summary>Every argument that is an amount of money, by code: the test's own list, so a sentence that shows one as
    /// a bare number of minor units fails.</summary>
    private static readonly Dictionary<string, string[]> MoneyArguments = new()
    {
        ["pay.balance-part-out-of-range"] = ["total"],
        ["pay.balance-insufficient"] = ["balance", "needed"],
        ["refund-part.amount-out-of-range"] = ["max"],
        ["refund-part.more-than-held"] = ["max"],
        ["dispute.amount-out-of-range"] = ["max"],
        ["dispute.proposal-out-of-range"] = ["max", "requested"],
        ["dispute.ruling-amount-out-of-range"] = ["max"],
        ["coupon.minimum-not-met"] = ["minOrder", "itemsTotal"],
        ["listing.price-invalid"] = ["max"],
        ["listing.shipping-price-invalid"] = ["max"],
    };

    [Fact]
    public void MoneyInARefusal_ReadsAsMoney_InBothLanguages_NeverAsBareMinorUnits()
    {
        foreach (var (code, names) in MoneyArguments)
        {
            // Each amount its own sample: 1234567 minor units, 1234568…
            var arguments = names.Select((name, i) => (name, minor: 1_234_567L + i)).ToList();
            var values = arguments.ToDictionary(a => a.name, a => (object?)a.minor);
            values["currency"] = "USD";
            foreach (var culture in new[] { English, Russian })
            {
                var sentence = Under(culture, () => RefusalMessages.Render(code, values));
                foreach (var (_, minor) in arguments)
                {
                    Assert.DoesNotContain(minor.ToString(CultureInfo.InvariantCulture), sentence);
                    var major = culture == English ? $"12,345.{67 + minor - 1_234_567L} USD" : $"12\u00A0345,{67 + minor - 1_234_567L} USD";
                    Assert.True(sentence.Contains(major, StringComparison.Ordinal), $"{code} ({culture}): '{sentence}' should say {major}");
                }
            }
        }
        // Not US cents everywhere: the currency's own minor digits.
        Assert.Contains("12,345,678 JPY", Under(English, () => RefusalMessages.Render("coupon.minimum-not-met",
            new Dictionary<string, object?> { ["minOrder"] = 12_345_678L, ["itemsTotal"] = 1L, ["currency"] = "JPY", ["code"] = "X" })));
    }

    [Fact]
    public void ASentenceThatNamesTheCurrencyOrMinorUnits_ShowsItsAmountsAsMoney()
    {
        // A sentence with {currency} or about minor units is about money; each of its amounts must be a {name:money}
        // listed above. Only coupon.wrong-currency names currencies without an amount.
        foreach (var culture in new[] { English, Russian })
            foreach (var code in RefusalMessages.EnglishCodes.Where(c => c != "coupon.wrong-currency"))
            {
                var template = Template(culture, code);
                var aboutMoney = template.Contains("{currency}", StringComparison.Ordinal) || template.Contains("minor units", StringComparison.Ordinal)
                    || template.Contains("минимальных единиц", StringComparison.Ordinal);
                var money = PlaceholdersOf(template).Where(p => p.EndsWith(":money", StringComparison.Ordinal)).Select(p => p[..^":money".Length]).ToList();
                // A sentence that only says the unit ("a positive amount in minor units") shows no amount.
                if (aboutMoney && PlaceholdersOf(template).Count > 0) Assert.True(money.Count > 0, $"{code} ({culture}) speaks of money but shows no amount as money: '{template}'");
                Assert.Equal(MoneyArguments.GetValueOrDefault(code, []).Order(), money.Order());
                Assert.DoesNotContain("{currency}", template);
            }
    }

    [Fact]
    public void EveryOrderEvent_HasARussianBellText()
    {
        foreach (var kind in OrderEventKinds.All)
        {
            var russian = Under(Russian, () => NotificationBell.TextOf(kind, 7));
            var english = Under(English, () => NotificationBell.TextOf(kind, 7));

            Assert.StartsWith("Заказ 7: ", russian);
            Assert.Matches(Cyrillic(), russian["Заказ 7: ".Length..]);
            Assert.StartsWith("Order 7: ", english);
            // The same kinds have their own sentence in both languages; the rest fall back in both.
            Assert.Equal(english == $"Order 7: {kind}", russian == $"Заказ 7: событие «{kind}».");
        }
    }

    [Fact]
    public void AStateNamedInARussianSentence_IsSaidInRussian_WhileEnglishKeepsTheApiName()
    {
        var arguments = new Dictionary<string, object?> { ["state"] = OrderState.Shipped };
        Assert.Equal("Этот заказ больше не ожидает оплаты (его статус: отправлен).",
            Under(Russian, () => RefusalMessages.Render("pay.already-paid-or-closed", arguments)));
        Assert.Contains("Shipped", Under(English, () => RefusalMessages.Render("pay.already-paid-or-closed", arguments)));
    }

    [Fact]
    public void EveryOrderStateAndDisputeStatus_HasARussianWord()
    {
        foreach (var value in Enum.GetValues<OrderState>().Cast<Enum>().Concat(Enum.GetValues<DisputeStatus>().Cast<Enum>()))
        {
            var said = Under(Russian, () => RefusalMessages.Render("pay.already-paid-or-closed", new Dictionary<string, object?> { ["state"] = value }));
            Assert.Matches(Cyrillic(), said.Split("статус:")[1]);
        }
    }

    [Fact]
    public void ATimeInASentence_IsInTheReadersZone_AndInUtcByDefault()
    {
        var at = new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.Zero);
        var arguments = new Dictionary<string, object?> { ["at"] = at };
        Assert.Contains("2026-07-01 09:30 UTC", Under(English, () => RefusalMessages.Render("refusal.possible-from", arguments)));
        Assert.True(DisplayZone.TryFind("Europe/Moscow", out var moscow));
        using (DisplayZone.Use(moscow))
            Assert.Contains("2026-07-01 12:30 UTC+03:00", Under(English, () => RefusalMessages.Render("refusal.possible-from", arguments)));
    }
}
