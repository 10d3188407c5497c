using Microsoft.AspNetCore.Identity;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>The demo accounts and catalogue, seeded once in Development so Souk can be tried at once.</summary>
public static class DemoData
{
    public const string Password = "Souk-demo-1";
    public const string BuyerEmail = "buyer@demo.souk";
    public const string SellerEmail = "seller@demo.souk";
    public const string AdminEmail = "admin@demo.souk";

    public static async Task SeedAsync(IServiceProvider services, ILogger log)
    {
        var users = services.GetRequiredService<UserManager<SoukUser>>();
        await DatabaseStartup.EnsureUserAsync(users, BuyerEmail, Password, Roles.Buyer, "Demo Buyer", log);
        await DatabaseStartup.EnsureUserAsync(users, SellerEmail, Password, Roles.Seller, "Demo Seller", log);
        await DatabaseStartup.EnsureUserAsync(users, AdminEmail, Password, Roles.Admin, "Demo Admin", log);
        log.LogInformation("Demo accounts (password {Password}): {Buyer} (buyer), {Seller} (seller), {Admin} (admin)",
            Password, BuyerEmail, SellerEmail, AdminEmail);
    }
}
