using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Reliability.Tests.Fuzzing;

/// <summary>
/// A whole-database fingerprint through a direct connection to the test database: for every table, its row count and
/// an order-independent sum of the hashes of its rows (every column of every row). Two fingerprints are equal exactly
/// when no table gained, lost or changed a row (up to a 64-bit hash collision). Cheap on the fuzzer's small world: one
/// <c>SELECT *</c> per table. Tables that are not Souk's state are left out: the data-protection keys and the
/// migrations history.
/// </summary>
public sealed class DatabaseFingerprint : IDisposable
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "DataProtectionKeys", "__EFMigrationsHistory" };

    private readonly DbConnection _connection;
    private List<string>? _tables;

    public DatabaseFingerprint(string database)
    {
        _connection = TestDatabase.IsPostgres
            ? new NpgsqlConnection(TestDatabase.ConnectionString(database))
            : new SqliteConnection(TestDatabase.ConnectionString(database) + ";Mode=ReadOnly");
        _connection.Open();
    }

    /// <summary>Table name → (rows, hash of the rows).</summary>
    public async Task<Dictionary<string, (long Rows, ulong Hash)>> TakeAsync()
    {
        _tables ??= await TablesAsync();
        var result = new Dictionary<string, (long, ulong)>();
        foreach (var table in _tables)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            long rows = 0;
            ulong sum = 0;
            var text = new StringBuilder();
            while (await reader.ReadAsync())
            {
                rows++;
                text.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "\u2400" : reader.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToBase64String(bytes),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString(),
                    };
                    text.Append(value).Append('\u001f');
                }
                sum += BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0);
            }
            result[table] = (rows, sum);
        }
        return result;
    }

    /// <summary>The tables whose fingerprint differs, for the report.</summary>
    public static List<string> Differences(Dictionary<string, (long Rows, ulong Hash)> before, Dictionary<string, (long Rows, ulong Hash)> after) =>
        before.Keys.Union(after.Keys)
            .Where(t => !before.TryGetValue(t, out var b) || !after.TryGetValue(t, out var a) || a != b)
            .Select(t => $"{t} (rows {(before.TryGetValue(t, out var b) ? b.Rows : -1)} → {(after.TryGetValue(t, out var a) ? a.Rows : -1)})")
            .ToList();

    private async Task<List<string>> TablesAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = TestDatabase.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables.Where(t => !Ignored.Contains(t)).ToList();
    }

    public void Dispose() => _connection.Dispose();
}
