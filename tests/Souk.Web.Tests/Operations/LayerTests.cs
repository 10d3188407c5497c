using System.Reflection;
using System.Text.RegularExpressions;
using Souk.Web.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>
/// The layers point one way: <c>Features</c> use <c>Infrastructure</c>, never the reverse (docs/architecture.md), so
/// infrastructure can be read, changed and tested without the slices. Checked twice: in the source, where a method body's
/// use of a feature shows up as its namespace or a <c>Features.</c> qualification, and in the compiled signatures.
/// </summary>
public sealed partial class LayerTests
{
    [Fact]
    public void NoInfrastructureSourceFileNamesTheFeatures()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Souk.Web", "Infrastructure");
        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => FeaturesReference().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(folder, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Infrastructure uses Features:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void NoInfrastructureTypeHasAFeatureInItsSignatures()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var infrastructure = typeof(SoukServices).Assembly.GetTypes().Where(t => InNamespace(t, "Souk.Web.Infrastructure")).ToList();
        Assert.NotEmpty(infrastructure);
        var offenders = new List<string>();
        foreach (var type in infrastructure)
        {
            var used = new List<Type?> { type.BaseType };
            used.AddRange(type.GetInterfaces());
            used.AddRange(type.GetFields(all).Select(f => f.FieldType));
            used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method is MethodInfo m) used.Add(m.ReturnType);
                used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            }
            offenders.AddRange(used.SelectMany(Unwrap).Where(t => InNamespace(t, "Souk.Web.Features")).Select(t => $"{type.FullName} uses {t.FullName}"));
        }
        Assert.True(offenders.Count == 0, "Infrastructure uses Features:\n" + string.Join('\n', offenders.Distinct()));
    }

    // "Features." as a word (not ViewFeatures.), or the namespace itself.
    [GeneratedRegex(@"\bFeatures\.|Souk\.Web\.Features")]
    private static partial Regex FeaturesReference();

    private static bool InNamespace(Type t, string name) => t.Namespace is { } ns && (ns == name || ns.StartsWith(name + ".", StringComparison.Ordinal));

    private static IEnumerable<Type> Unwrap(Type? t)
    {
        if (t is null) yield break;
        if (t.HasElementType) { foreach (var inner in Unwrap(t.GetElementType())) yield return inner; yield break; }
        yield return t;
        if (t.IsGenericType && !t.IsGenericTypeDefinition)
            foreach (var inner in t.GetGenericArguments().SelectMany(Unwrap)) yield return inner;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Souk.slnx) above " + AppContext.BaseDirectory);
    }
}
