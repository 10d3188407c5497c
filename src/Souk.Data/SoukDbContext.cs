using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Souk.Domain.Buyers;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Data;

/// <summary>
/// The unit of work and the repository: no wrappers over it (conventions, Persistence). It also holds the
/// data-protection keys, so a sign-in made on one Souk process is valid on the others.
/// </summary>
public sealed class SoukDbContext(DbContextOptions<SoukDbContext> options) : IdentityDbContext<SoukUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<AddressBookEntry> Addresses => Set<AddressBookEntry>();
    public DbSet<BuyerStanding> BuyerStandings => Set<BuyerStanding>();
    public DbSet<SharedSetting> SharedSettings => Set<SharedSetting>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<BuyerWallet> BuyerWallets => Set<BuyerWallet>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<DisputeEvidence> DisputeEvidence => Set<DisputeEvidence>();
    public DbSet<OrderMessage> OrderMessages => Set<OrderMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<StoreInvestigation> StoreInvestigations => Set<StoreInvestigation>();
    public DbSet<StoreComplaint> StoreComplaints => Set<StoreComplaint>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SoukDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot compare or sort DateTimeOffset in SQL; UTC ticks sort and index the same on every provider.
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
