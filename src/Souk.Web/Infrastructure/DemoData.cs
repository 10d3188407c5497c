using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain.Catalog;

namespace Souk.Web.Infrastructure;

/// <summary>The demo accounts and catalogue, seeded once in Development so Souk can be tried at once.</summary>
public static class DemoData
{
    public const string Password = "Souk-demo-1";
    public const string BuyerEmail = "buyer@demo.souk";
    public const string SellerEmail = "seller@demo.souk";
    public const string Seller2Email = "seller2@demo.souk";
    public const string Seller3Email = "seller3@demo.souk";
    public const string AdminEmail = "admin@demo.souk";

    private static readonly ShippingOption Standard = new("standard", "Standard post", 0, 20);
    private static readonly ShippingOption StandardPaid = new("standard", "Standard post", 300, 20);
    private static readonly ShippingOption Express = new("express", "Express courier", 1_500, 7);

    /// <summary>
    /// Three stores — one per currency, so the demo shows that Souk never mixes currencies in an order — with handling
    /// times of 1, 3, 7 and 15 days and listings that do and do not share shipping methods.
    /// </summary>
    private static readonly (string Seller, string Store, ListingDetails[] Listings)[] Catalogue =
    [
        (SellerEmail, "Souk Demo Store",
        [
            new("Brass teapot", 2_499, "USD", 1_000, 3, [Standard, Express]),
            new("Leather notebook", 1_299, "USD", 1_000, 1, [Standard, Express]),
            new("Handwoven wool rug", 18_900, "USD", 1_000, 15, [StandardPaid]),
        ]),
        (Seller2Email, "Moscow Crafts",
        [
            new("Matryoshka doll set", 250_000, "RUB", 1_000, 7, [new("standard", "Russian Post", 30_000, 20), new("express", "EMS", 90_000, 7)]),
            new("Khokhloma wooden spoon", 45_000, "RUB", 1_000, 3, [new("standard", "Russian Post", 15_000, 20)]),
            new("Pavlovo Posad shawl", 690_000, "RUB", 1_000, 15, [new("standard", "Russian Post", 30_000, 20), new("express", "EMS", 90_000, 7)]),
        ]),
        (Seller3Email, "Lisbon Tiles",
        [
            new("Hand-painted azulejo tile", 1_850, "EUR", 1_000, 7, [new("standard", "CTT standard", 250, 20), new("express", "CTT express", 1_200, 7)]),
            new("Cork coaster set", 990, "EUR", 1_000, 1, [new("standard", "CTT standard", 0, 20), new("express", "CTT express", 900, 7)]),
        ]),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger log)
    {
        var users = services.GetRequiredService<UserManager<SoukUser>>();
        var buyer = await DatabaseStartup.EnsureUserAsync(users, BuyerEmail, Password, Roles.Buyer, "Demo Buyer", log);
        var sellers = new Dictionary<string, SoukUser>
        {
            [SellerEmail] = await DatabaseStartup.EnsureUserAsync(users, SellerEmail, Password, Roles.Seller, "Demo Seller", log),
            [Seller2Email] = await DatabaseStartup.EnsureUserAsync(users, Seller2Email, Password, Roles.Seller, "Demo Seller 2", log),
            [Seller3Email] = await DatabaseStartup.EnsureUserAsync(users, Seller3Email, Password, Roles.Seller, "Demo Seller 3", log),
        };
        await DatabaseStartup.EnsureUserAsync(users, AdminEmail, Password, Roles.Admin, "Demo Admin", log);
        log.LogInformation("Demo accounts (password {Password}): {Buyer} (buyer), {Seller}, {Seller2}, {Seller3} (sellers), {Admin} (admin)",
            Password, BuyerEmail, SellerEmail, Seller2Email, Seller3Email, AdminEmail);

        var db = services.GetRequiredService<SoukDbContext>();
        // Once only: after the first start the catalogue belongs to whoever plays with it, and is never reset.
        if (await db.Stores.AnyAsync())
        {
            log.LogInformation("Demo catalogue not seeded: the database already has stores");
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stores = Catalogue.Select(c => (Store: new Store(sellers[c.Seller].Id, c.Store, now), c.Listings)).ToList();
        db.Stores.AddRange(stores.Select(s => s.Store));
        await db.SaveChangesAsync();
        foreach (var (store, listings) in stores)
            db.Listings.AddRange(listings.Select(details => new Listing(store.Id, details, now)));
        db.Addresses.Add(new AddressBookEntry
        {
            BuyerId = buyer.Id, Name = "Demo Buyer", Line1 = "1 Market Street", City = "Springfield", PostalCode = "12345", Country = "US",
            Phone = "+1 555 0100",
        });
        await db.SaveChangesAsync();
        foreach (var (store, listings) in stores)
            log.LogInformation("Seeded demo store {Store} (id {StoreId}, {Currency}) with {Count} listings: {Titles}",
                store.Name, store.Id, listings[0].Currency, listings.Length, string.Join(", ", listings.Select(l => l.Title)));
        log.LogInformation("Seeded an address for {Buyer}", BuyerEmail);
    }
}
