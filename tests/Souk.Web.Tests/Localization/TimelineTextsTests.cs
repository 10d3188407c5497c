using System.Globalization;
using System.Text.RegularExpressions;
using Souk.Domain.Orders;
using Souk.Web.Pages.Orders;

namespace Souk.Web.Tests.Localization;

/// <summary>The order timeline's sentences: every event kind reads as a neutral English sentence and a Russian one,
/// and both tables hold exactly the kinds of <see cref="OrderEventKinds.All"/>. No database.</summary>
public sealed partial class TimelineTextsTests
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

    private static string Under(CultureInfo culture, string kind)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return TimelineTexts.Of(kind);
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

    [Fact]
    public void BothTables_HoldExactlyTheEventKinds()
    {
        var expected = new SortedSet<string>(OrderEventKinds.All, StringComparer.Ordinal);
        Assert.Equal(expected, new SortedSet<string>(TimelineTexts.Kinds, StringComparer.Ordinal));
        Assert.Equal(expected, new SortedSet<string>(TimelineTexts.RussianKinds, StringComparer.Ordinal));
        Assert.Equal(OrderEventKinds.All.Count, TimelineTexts.Kinds.Count);
        Assert.Equal(OrderEventKinds.All.Count, TimelineTexts.RussianKinds.Count);
    }

    [Fact]
    public void AnUnknownKind_ReadsAsItself()
    {
        Assert.Equal("no.such-kind", Under(English, "no.such-kind"));
        Assert.Equal("no.such-kind", Under(Russian, "no.such-kind"));
    }
}
