using System.Globalization;
using System.Text.RegularExpressions;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;

namespace Souk.Web.Tests.Localization;

/// <summary>The words of the event kinds: every kind has a row, its timeline sentence reads as a neutral English sentence
/// and a Russian one, and its label exists in both; the table holds exactly the kinds of <see cref="OrderEventKinds.All"/>.
/// No database.</summary>
public sealed partial class OrderEventTextsTests
{
    private static readonly CultureInfo Russian = new("ru");
    private static readonly CultureInfo English = new("en");

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();

    public static TheoryData<string> AllKinds()
    {
        var data = new TheoryData<string>();
        foreach (var kind in OrderEventKinds.All) data.Add(kind);
        return data;
    }

    private static string Under(CultureInfo culture, string kind) => WordsUnder(culture, kind).Timeline;

    private static EventWords WordsUnder(CultureInfo culture, string kind)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return OrderEventTexts.Of(kind);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EveryKind_HasAnEnglishSentence(string kind)
    {
        var sentence = Under(English, kind);
        Assert.NotEqual(kind, sentence);
        Assert.False(string.IsNullOrWhiteSpace(sentence));
        Assert.DoesNotMatch(Cyrillic(), sentence);
        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EveryKind_HasARussianSentence(string kind)
    {
        var sentence = Under(Russian, kind);
        Assert.NotEqual(kind, sentence);
        Assert.Matches(Cyrillic(), sentence);
        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EveryKind_HasALabelInBothLanguages(string kind)
    {
        var english = WordsUnder(English, kind).Label;
        var russian = WordsUnder(Russian, kind).Label;
        Assert.NotEqual(kind, english);
        Assert.DoesNotMatch(Cyrillic(), english);
        Assert.Matches(Cyrillic(), russian);
    }

    [Fact]
    public void TheTable_HoldsExactlyTheEventKinds()
    {
        Assert.Equal(new SortedSet<string>(OrderEventKinds.All, StringComparer.Ordinal),
            new SortedSet<string>(OrderEventTexts.All.Keys, StringComparer.Ordinal));
        Assert.Equal(OrderEventKinds.All.Count, OrderEventTexts.All.Count);
    }

    [Fact]
    public void AnUnknownKind_ReadsAsItself()
    {
        Assert.Equal("no.such-kind", Under(English, "no.such-kind"));
        Assert.Equal("no.such-kind", Under(Russian, "no.such-kind"));
    }
}
