using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Souk.Web.Features.Orders;
using Souk.Web.Infrastructure;
using Souk.Web.Pages.Orders;

namespace Souk.Web.Tests.Localization;

/// <summary>The page strings in Russian: every <c>L["…"]</c> / <c>l["…"]</c> key in the page sources has a Russian
/// string in SharedResource.ru.resx, written in Cyrillic, with the same <c>{n}</c> placeholders as the English key.
/// Reads the sources and the embedded resources; no database, no server.</summary>
public sealed partial class PageStringsTests
{
    private static readonly CultureInfo Russian = new("ru");

    /// <summary>Keys that read the same in Russian.</summary>
    private static readonly HashSet<string> SameInRussian = new(StringComparer.Ordinal) { "Souk" };

    [GeneratedRegex(@"\b[Ll]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();

    private static readonly ResourceManager Resources =
        new("Souk.Web.Infrastructure.SharedResource", typeof(SharedResource).Assembly);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Souk.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>The literal keys of the pages, plus the tab labels the orders page passes through <c>L[label]</c> and the
    /// action labels of <see cref="ActionCatalog"/>'s rows.</summary>
    private static SortedSet<string> PageKeys()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "Souk.Web", "Pages");
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(pages, "*.cs", SearchOption.AllDirectories)))
        foreach (Match m in LocalizerKey().Matches(File.ReadAllText(file)))
            keys.Add(Regex.Unescape(m.Groups[1].Value));
        foreach (var (_, label) in OrderDisplay.Tabs) keys.Add(label);
        foreach (var row in ActionCatalog.Rows) keys.Add(row.Label);
        return keys;
    }

    private static SortedSet<string> PlaceholdersOf(string text) =>
        new(Placeholder().Matches(text).Select(m => m.Value), StringComparer.Ordinal);

    /// <summary>The Russian table alone (no fallback to a neutral table, which the assembly does not have).</summary>
    private static readonly Lazy<ResourceSet?> RussianTable = new(() => Resources.GetResourceSet(Russian, createIfNotExists: true, tryParents: false));

    private static string? RussianOf(string key) => RussianTable.Value?.GetString(key);

    [Fact]
    public void ThePageSources_HaveKeys()
    {
        var keys = PageKeys();
        Assert.True(keys.Count > 100, $"Only {keys.Count} keys found in the page sources.");
        Assert.Contains("My orders", keys);
    }

    [Fact]
    public void TheRussianResources_AreEmbeddedUnderTheMarkerName()
    {
        Assert.NotNull(RussianTable.Value);
        Assert.Equal("Мои заказы", Resources.GetString("My orders", Russian));
    }

    [Fact]
    public void EveryPageKey_HasARussianString()
    {
        var missing = PageKeys()
            .Where(key => RussianOf(key) is not { Length: > 0 } ru || (ru == key && !SameInRussian.Contains(key)))
            .ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} page string(s) without a Russian translation in SharedResource.ru.resx:\n"
            + string.Join("\n", missing));
    }

    [Fact]
    public void RussianStrings_AreInCyrillic()
    {
        var notRussian = PageKeys()
            .Where(key => !SameInRussian.Contains(key) && RussianOf(key) is { } ru && !Cyrillic().IsMatch(ru))
            .Select(key => $"{key} => {RussianOf(key)}")
            .ToList();
        Assert.True(notRussian.Count == 0, "Russian strings without Cyrillic:\n" + string.Join("\n", notRussian));
    }

    [Fact]
    public void RussianStrings_KeepThePlaceholders()
    {
        var mismatched = PageKeys()
            .Where(key => RussianOf(key) is { } ru && !PlaceholdersOf(key).SetEquals(PlaceholdersOf(ru)))
            .Select(key => $"{key} => {RussianOf(key)}")
            .ToList();
        Assert.True(mismatched.Count == 0, "Russian strings whose {n} placeholders differ from the key's:\n" + string.Join("\n", mismatched));
    }
}
