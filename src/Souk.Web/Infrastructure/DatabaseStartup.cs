using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>At start-up: migrate, switch SQLite to WAL, create configured admins, seed the demo data once.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SoukDbContext>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Souk.Startup");
        var options = services.GetRequiredService<IOptions<SoukOptions>>().Value;

        await MigrateAsync(db);
        await services.GetRequiredService<SoukClock>().RefreshAsync(db, CancellationToken.None);
        await EnsureRolesAsync(services);

        var users = services.GetRequiredService<UserManager<SoukUser>>();
        foreach (var admin in options.Admins.Where(a => a.Email.Length > 0))
            await EnsureUserAsync(users, admin.Email, admin.Password, Roles.Admin, "Admin", log);

        if (options.SeedDemoData) await DemoData.SeedAsync(services, log);
    }

    /// <summary>Applies pending migrations (the <c>migrate</c> command uses this too, so both leave the same database).</summary>
    public static async Task MigrateAsync(SoukDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        // WAL lets readers go on while the single writer writes; the setting persists in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    public static async Task<SoukUser> EnsureUserAsync(UserManager<SoukUser> users, string email, string password, string role, string displayName, ILogger log)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new SoukUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Cannot create {role} account {email}: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            log.LogInformation("Created {Role} account {UserId}", role, user.Id);
        }
        if (!await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
        return user;
    }
}
