using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Souk.Data;
using Souk.Web.Features.Deadlines;
using Souk.Web.Infrastructure;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Observability;

/// <summary>Liveness says the process answers; readiness says it can serve: database, migrations, sweeper.</summary>
public sealed class HealthTests
{
    private static readonly Dictionary<string, string?> SweeperOn = new()
    {
        ["Souk:Sweeper:Enabled"] = "true", ["Souk:Sweeper:Interval"] = "00:00:01", ["Souk:Sweeper:ReadyWithinIntervals"] = "3",
    };

    [Fact]
    public async Task Live_RunsNoCheck_AndReady_ChecksDatabaseMigrationsAndSweeper()
    {
        using var app = new SoukApp();
        var client = app.CreateClient();

        var live = await (await client.GetAsync("/health/live")).ExpectAsync(200);
        Assert.Equal("Healthy", live["status"]!.GetValue<string>());
        Assert.Empty(live["checks"]!.AsObject());

        var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(200);
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        Assert.Equal(["database", "migrations", "sweeper"], ready["checks"]!.AsObject().Select(c => c.Key).Order());
        Assert.All(ready["checks"]!.AsObject(), c => Assert.Equal("Healthy", c.Value!["status"]!.GetValue<string>()));
        Assert.Contains("off", Description(ready, "sweeper"));
        // The old address still answers, as readiness, in plain text (scripts wait on it).
        Assert.Equal("Healthy", await (await client.GetAsync("/health")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_Is503_WhenAMigrationIsNotApplied()
    {
        using var app = new SoukApp();
        var client = app.CreateClient();
        await (await client.GetAsync("/health/ready")).ExpectAsync(200);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
            var last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
        }

        var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(503);
        Assert.Equal("Unhealthy", ready["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", ready["checks"]!["migrations"]!["status"]!.GetValue<string>());
        Assert.Contains("not applied", Description(ready, "migrations"));
        Assert.Equal(503, (int)(await client.GetAsync("/health")).StatusCode);
        await (await client.GetAsync("/health/live")).ExpectAsync(200);
    }

    [Fact]
    public async Task Ready_FollowsTheSweeper_OnTheInjectedClock()
    {
        using var app = new SoukApp(settings: SweeperOn);
        var client = app.CreateClient();
        var sweeper = app.Services.GetRequiredService<DeadlineSweeper>();
        await WaitForAsync(() => sweeper.LastPassAt is not null);

        var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(200);
        Assert.Matches("^Last sweep [0-9.]+ s ago; expected every 1 s\\.$", Description(ready, "sweeper"));

        // Time moves on and the sweeper keeps ticking on it: still ready.
        for (var i = 0; i < 5; i++)
        {
            var before = sweeper.LastPassAt;
            app.Time.Advance(TimeSpan.FromSeconds(1));
            await WaitForAsync(() => sweeper.LastPassAt > before);
        }
        await (await client.GetAsync("/health/ready")).ExpectAsync(200);

        // The sweeper dies; three intervals are allowed, the fourth second is one too many.
        await sweeper.StopAsync(CancellationToken.None);
        app.Time.Advance(TimeSpan.FromSeconds(3));
        await (await client.GetAsync("/health/ready")).ExpectAsync(200);
        app.Time.Advance(TimeSpan.FromSeconds(1.5));
        var stalled = await (await client.GetAsync("/health/ready")).ExpectAsync(503);
        Assert.Equal("Unhealthy", stalled["checks"]!["sweeper"]!["status"]!.GetValue<string>());
        Assert.Equal("Last sweep 4.5 s ago; expected every 1 s.", Description(stalled, "sweeper"));
        Assert.Equal("Healthy", stalled["checks"]!["database"]!["status"]!.GetValue<string>());
        await (await client.GetAsync("/health/live")).ExpectAsync(200);
    }

    [Fact]
    public async Task TheDatabaseCheck_FailsWhenTheDatabaseDoesNotAnswer()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"souk-missing-{Guid.NewGuid():N}", "nowhere.db");
        var options = new DbContextOptionsBuilder<SoukDbContext>();
        options.UseSouk(DatabaseProvider.Sqlite, $"Data Source={missing};Mode=ReadOnly");
        await using var db = new SoukDbContext(options.Options);

        var database = await new DatabaseHealthCheck(db).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, database.Status);
        Assert.Equal("The database does not answer.", database.Description);
        var migrations = await new MigrationsHealthCheck(db).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, migrations.Status);
    }

    private static string Description(JsonObject report, string check) => report["checks"]![check]!["description"]!.GetValue<string>();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Background work runs on real threads after a fake-clock tick; wait (bounded) for it to show.
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition(), "timed out waiting");
    }
}
