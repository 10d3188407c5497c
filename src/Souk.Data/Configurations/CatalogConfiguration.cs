using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Domain.Buyers;
using Souk.Domain.Catalog;
using Souk.Domain.Payments;

namespace Souk.Data.Configurations;

public sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> s)
    {
        s.Property(x => x.Name).HasMaxLength(100);
        s.Property(x => x.OwnerId).HasMaxLength(64);
        s.HasIndex(x => x.OwnerId).IsUnique();
        s.Ignore(x => x.IsBlocked);
    }
}

public sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> l)
    {
        l.Property(x => x.Title).HasMaxLength(200);
        l.Property(x => x.Currency).HasMaxLength(3);
        l.Property(x => x.Version).IsConcurrencyToken();
        l.Ignore(x => x.CanBeBought);
        l.OwnsMany(x => x.ShippingOptions, s =>
        {
            s.WithOwner().HasForeignKey("ListingId");
            s.Property<int>("Id");
            s.HasKey("Id");
            s.Property(x => x.Code).HasMaxLength(40);
            s.Property(x => x.Name).HasMaxLength(100);
        });
        l.Navigation(x => x.ShippingOptions).UsePropertyAccessMode(PropertyAccessMode.Field);
        l.HasIndex(x => new { x.IsListed, x.Id });
        l.HasIndex(x => x.StoreId);
    }
}

public sealed class StoreInvestigationConfiguration : IEntityTypeConfiguration<StoreInvestigation>
{
    public void Configure(EntityTypeBuilder<StoreInvestigation> i)
    {
        i.Property(x => x.OpenedBy).HasMaxLength(64);
        i.Property(x => x.Reason).HasMaxLength(2000);
        i.Property(x => x.Evidence).HasMaxLength(10_000);
        i.Property(x => x.Decision).HasMaxLength(2000);
        i.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        i.Property(x => x.Version).IsConcurrencyToken();
        i.Ignore(x => x.IsOpen);
        i.Ignore(x => x.NextDeadlineAt);
        i.HasIndex(x => new { x.StoreId, x.Status });
        i.HasIndex(x => new { x.Status, x.EvidenceDueAt });
    }
}

public sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> c)
    {
        c.Property(x => x.Code).HasMaxLength(Coupon.MaxCodeLength);
        c.Property(x => x.Currency).HasMaxLength(3);
        c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.Version).IsConcurrencyToken();
        c.HasIndex(x => new { x.StoreId, x.Code }).IsUnique();
    }
}

public sealed class BuyerWalletConfiguration : IEntityTypeConfiguration<BuyerWallet>
{
    public void Configure(EntityTypeBuilder<BuyerWallet> w)
    {
        w.HasKey(x => new { x.BuyerId, x.Currency });
        w.Property(x => x.BuyerId).HasMaxLength(64);
        w.Property(x => x.Currency).HasMaxLength(3);
        w.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class BuyerStandingConfiguration : IEntityTypeConfiguration<BuyerStanding>
{
    public void Configure(EntityTypeBuilder<BuyerStanding> b)
    {
        b.HasKey(x => x.BuyerId);
        b.Property(x => x.BuyerId).HasMaxLength(64);
        b.Property(x => x.LiftedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsBlocked);
    }
}
