using Souk.Web.Tests.Security;

namespace Souk.Web.Tests.Idempotency;

/// <summary>
/// Issue 7, figure 5: every changing call of the API (each POST, PUT and DELETE row of docs/security.md, made by the
/// first role the table allows) replayed three times with one Idempotency-Key answers the same three times and acts
/// once. Sign-in is the exception by design: its answer is a credential, never stored (`WithoutIdempotency`).
/// </summary>
public sealed class EveryWriteReplayedTests(AccessMatrixWorld world) : IClassFixture<AccessMatrixWorld>
{
    private static readonly string[] NeverStored = ["/api/auth/login"];

    [Fact]
    public async Task EveryChangingCall_ReplayedThreeTimesWithOneKey_AnswersAlikeAndActsOnce()
    {
        var rows = MatrixTable.Load()
            .Where(r => r.Method is "POST" or "PUT" or "DELETE" && !NeverStored.Contains(r.Path)
                && MatrixTable.Roles.Any(role => r.Cells[role].Status is >= 200 and < 300))
            .ToList();
        var failures = new List<string>();
        foreach (var row in rows) failures.AddRange(await world.ReplayRowAsync(row));
        Assert.True(rows.Count >= 40, $"only {rows.Count} changing calls found in docs/security.md");
        Assert.True(failures.Count == 0, $"{failures.Count} of {rows.Count} changing calls:{Environment.NewLine}" + string.Join(Environment.NewLine, failures));
    }
}
