using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Souk.Data;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>How Souk connects: PostgreSQL statements are prepared automatically unless the connection string says otherwise.</summary>
public class DatabaseSetupTests
{
    private static string ConnectionStringOf(string given)
    {
        var options = new DbContextOptionsBuilder<SoukDbContext>();
        options.UseSouk(DatabaseProvider.Postgres, given);
        using var db = new SoukDbContext(options.Options);
        return db.Database.GetConnectionString()!;
    }

    [Fact]
    public void Postgres_WithoutASetting_PreparesTheMostUsedStatements()
    {
        var used = new NpgsqlConnectionStringBuilder(ConnectionStringOf("Host=db.example;Database=souk;Username=souk"));
        Assert.Equal(DatabaseSetup.AutoPreparedStatements, used.MaxAutoPrepare);
        Assert.Equal("db.example", used.Host);
    }

    [Theory]
    [InlineData("Host=db.example;Database=souk;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.example;Database=souk;max auto prepare=5", 5)]
    public void Postgres_ASettingInTheConnectionString_IsKept(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ConnectionStringOf(given)).MaxAutoPrepare);

    /// <summary>On a real server, an order read a few times leaves its statements prepared on the connection.</summary>
    [Fact]
    [Trait("Provider", "Postgres")]
    public async Task Postgres_RepeatedReads_ArePreparedOnTheServer()
    {
        Assert.True(TestDatabase.IsPostgres, "This test is about PostgreSQL: set SOUK_TEST_POSTGRES (test.sh does).");
        await using var app = new SoukApp();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            for (var i = 0; i < 6; i++) await db.Orders.Where(o => o.Id == i).Select(o => o.State).ToListAsync();
            var prepared = await db.Database.SqlQuery<string>($"SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
            Assert.Contains(prepared, s => s.Contains("\"Orders\"", StringComparison.Ordinal));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
