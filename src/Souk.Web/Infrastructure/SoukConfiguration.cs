using Souk.Data;
using Souk.Domain;
using Souk.Web.Payments;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Where Souk's settings come from, in one place: the sections bound to a class and the few keys read one by one.
/// <c>docs/configuration.md</c> documents every key below with its default, and <c>ConfigurationReferenceTests</c>
/// checks it against these classes — plus any other options class bound from configuration, which it finds in the
/// service collection — so the reference cannot drift from the code.
/// </summary>
public static class SoukConfiguration
{
    public const string DatabaseProviderKey = "Souk:Database:Provider";
    public const string ConnectionStringName = "Souk";
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;
    public const string DefaultSqliteConnectionString = "Data Source=souk.db";

    /// <summary>Sections bound to a class (also those bound by hand, like the policy, which is validated first).</summary>
    public static IReadOnlyList<(string Section, Type Options)> Sections { get; } =
    [
        ("Souk", typeof(SoukOptions)),
        ("Souk:Policy", typeof(Policy)),
        ("Souk:Sandbox", typeof(SandboxOptions)),
    ];

    /// <summary>Keys read on their own, with their defaults as text.</summary>
    public static IReadOnlyList<(string Key, string Default)> SingleKeys { get; } =
    [
        (DatabaseProviderKey, nameof(DatabaseProvider.Sqlite)),
        (ConnectionStringKey, DefaultSqliteConnectionString),
    ];
}
