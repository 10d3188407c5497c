using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Souk.Web.Infrastructure;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>
/// docs/configuration.md cannot drift from the code: every settable property of every options class Souk binds from
/// configuration has a row with its key and its real default (read from a new instance), and every documented key
/// exists. The classes come from <see cref="SoukConfiguration.Sections"/> and from the running host's service
/// collection — any options class bound from a configuration section is found there, so a new one (a
/// <c>Souk:Telemetry</c> section, say) is checked without anyone adding it to a list.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    private static readonly string Reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

    [Fact]
    public void EveryOptionIsDocumentedWithItsDefault_AndEveryDocumentedKeyExists()
    {
        var keys = DocumentedKeys().ToList();
        Assert.True(keys.Count > 50, $"only {keys.Count} keys found");
        var rows = Reference.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var problems = new List<string>();
        foreach (var (key, value) in keys)
        {
            var row = rows.FirstOrDefault(r => r.StartsWith($"| `{key}` |", StringComparison.Ordinal));
            if (row is null) problems.Add($"no row for `{key}` (default `{value}`)");
            else if (value is not null && !row.Contains($"`{value}`", StringComparison.Ordinal))
                problems.Add($"the row for `{key}` does not give its default `{value}`: {row}");
        }
        var known = keys.Select(k => k.Key).ToHashSet();
        foreach (var row in rows)
        {
            var key = row[3..row.IndexOf('`', 3)];
            // Souk's own keys; the host's (urls, Logging…) are ASP.NET Core's and documented as such.
            var soukKey = key.StartsWith("Souk:", StringComparison.Ordinal) || key.StartsWith("ConnectionStrings:", StringComparison.Ordinal);
            if (soukKey && !known.Contains(key)) problems.Add($"`{key}` is documented but Souk has no such option");
        }
        Assert.True(problems.Count == 0, "docs/configuration.md:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheHostsOptionsClasses_AreFoundWithTheirSections()
    {
        var found = BoundInHost();
        Assert.Contains(("Souk", typeof(SoukOptions)), found);
        Assert.Contains(("Souk:Sandbox", typeof(Souk.Web.Payments.SandboxOptions)), found);
    }

    /// <summary>Every key with its default as text (null where there is no single default: a list's items).</summary>
    private static IEnumerable<(string Key, string? Default)> DocumentedKeys()
    {
        var sections = SoukConfiguration.Sections.Union(BoundInHost()).Distinct();
        foreach (var (section, type) in sections)
            foreach (var key in Keys(section, type, Activator.CreateInstance(type)))
                yield return key;
        foreach (var (key, value) in SoukConfiguration.SingleKeys) yield return (key, value);
    }

    private static IEnumerable<(string Key, string? Default)> Keys(string path, Type type, object? instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0))
        {
            var key = $"{path}:{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(propertyType))
            {
                yield return (key, instance is null ? null : Format(value));
            }
            else if (typeof(IDictionary).IsAssignableFrom(propertyType))
            {
                // A map binds from named children (Souk:X:Headers:Authorization); the doc gives the map's own key.
                yield return (key, null);
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // A list binds from numbered children (Souk:Admins:0:Email); the doc shows the first item's keys.
                var item = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments().Single();
                foreach (var itemKey in IsLeaf(item) ? [($"{key}:0", (string?)null)] : Keys($"{key}:0", item, null))
                    yield return itemKey;
            }
            else
            {
                foreach (var nested in Keys(key, propertyType, value ?? Activator.CreateInstance(propertyType)))
                    yield return nested;
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri)
        || type == typeof(DateTimeOffset);

    /// <summary>The default as the reference writes it: the text you would put in appsettings.json.</summary>
    private static string Format(object? value) => value switch
    {
        null => "(none)",
        "" => "\"\"",
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <summary>
    /// The options classes the real host binds from a configuration section (<c>Configure&lt;T&gt;(section)</c>,
    /// <c>BindConfiguration</c>): each such binding registers a change-token source holding its section.
    /// </summary>
    private static List<(string Section, Type Options)> BoundInHost() => HostBindings.Value;

    /// <summary>Found once per test run: it starts a host.</summary>
    private static readonly Lazy<List<(string Section, Type Options)>> HostBindings = new(FindHostBindings);

    private static List<(string Section, Type Options)> FindHostBindings()
    {
        List<ServiceDescriptor> descriptors = [];
        using var app = new SoukApp();
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s => descriptors = [.. s]));
        var services = factory.Services;
        var found = new List<(string, Type)>();
        foreach (var optionsType in descriptors.Select(d => d.ServiceType)
                     .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
                     .Select(t => t.GetGenericArguments()[0]).Where(t => t.Assembly.GetName().Name!.StartsWith("Souk", StringComparison.Ordinal))
                     .Distinct())
        {
            foreach (var source in services.GetServices(typeof(IOptionsChangeTokenSource<>).MakeGenericType(optionsType)))
            {
                var section = source!.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
                    .Where(f => typeof(IConfiguration).IsAssignableFrom(f.FieldType)).Select(f => f.GetValue(source)).OfType<IConfigurationSection>()
                    .FirstOrDefault();
                Assert.True(section is not null, $"{optionsType.Name} is bound from configuration, but its section cannot be read from {source.GetType().Name}");
                found.Add((section.Path, optionsType));
            }
        }
        return found;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Souk.slnx) above " + AppContext.BaseDirectory);
    }
}
