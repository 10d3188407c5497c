using Microsoft.EntityFrameworkCore;
using Souk.Web.Infrastructure;

namespace Souk.Web.Operations;

/// <summary>
/// <c>seed-demo</c>: the demo accounts and catalogue the server seeds in Development (<see cref="DemoData"/>), on
/// demand. The demo accounts share a published password, so the command refuses a database that already holds data
/// unless told otherwise — an operator pointing it at production by mistake gets a sentence, not three known logins.
/// </summary>
public static class SeedDemoCommand
{
    public static OpsCommand Command { get; } = new(
        "seed-demo",
        "add the demo accounts and catalogue to an empty database",
        """
        dotnet Souk.Web.dll seed-demo [--force]

        Adds the demo accounts (buyer@demo.souk, seller@demo.souk, seller2@demo.souk, seller3@demo.souk,
        admin@demo.souk; password Souk-demo-1), three stores with their listings and the demo buyer's address:
        the data Souk seeds at start-up in Development. The database must be migrated ('migrate').

        Refuses (exit 1) when the database already has accounts, stores or orders, because the demo
        accounts' password is public.
          --force   add the demo accounts anyway. The catalogue is still only added to a database without
                    stores, and nothing is ever reset or duplicated.
        """,
        [new("force", IsFlag: true)], DatabaseNeed.Migrated, RunAsync);

    private static async Task<int> RunAsync(CommandContext context)
    {
        var db = context.Db;
        var ct = context.Cancellation;
        var (accounts, stores, orders) = (await db.Users.CountAsync(ct), await db.Stores.CountAsync(ct), await db.Orders.CountAsync(ct));
        if (accounts + stores + orders > 0 && !context.Line.Flag("force"))
        {
            await context.Error.WriteLineAsync($"The database already has data ({accounts} account(s), {stores} store(s), {orders} order(s)). "
                + "seed-demo adds accounts whose password is public, so it only runs on an empty database; add --force to add them anyway.");
            return ExitCodes.Problem;
        }

        await DatabaseStartup.EnsureRolesAsync(context.Services);
        // Stores and listings are stamped with Souk's clock, development offset included, as the server would.
        await context.Services.GetRequiredService<SoukClock>().RefreshAsync(db, ct);
        using var log = new WriterLoggerProvider(context.Out);
        await DemoData.SeedAsync(context.Services, log.CreateLogger("Souk.Seed"));
        await context.Out.WriteLineAsync($"Done: {await db.Users.CountAsync(ct)} account(s), {await db.Stores.CountAsync(ct)} store(s), "
            + $"{await db.Listings.CountAsync(ct)} listing(s).");
        return ExitCodes.Ok;
    }
}
