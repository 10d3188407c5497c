using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Data.Configurations;

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> o)
    {
        o.HasKey(x => x.Id);
        o.Property(x => x.BuyerId).HasMaxLength(64);
        o.Property(x => x.Currency).HasMaxLength(3);
        o.Property(x => x.ShippingMethod).HasMaxLength(40);
        o.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.MoneyState).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.Deleted).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.CountsAgainst).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.Carrier).HasMaxLength(TextLimits.Carrier);
        o.Property(x => x.TrackingNumber).HasMaxLength(TextLimits.TrackingNumber);
        o.Property(x => x.Version).IsConcurrencyToken();
        o.Ignore(x => x.TotalMinor);
        o.Ignore(x => x.Total);
        o.Ignore(x => x.RefundedMinor);
        o.Ignore(x => x.Effects);
        o.Ignore(x => x.EscrowMinor);

        o.OwnsOne(x => x.Address, a =>
        {
            a.Property(p => p.Name).HasMaxLength(100);
            a.Property(p => p.Line1).HasMaxLength(200);
            a.Property(p => p.Line2).HasMaxLength(200);
            a.Property(p => p.City).HasMaxLength(100);
            a.Property(p => p.PostalCode).HasMaxLength(20);
            a.Property(p => p.Country).HasMaxLength(60);
            a.Property(p => p.Phone).HasMaxLength(40);
        });
        o.Navigation(x => x.Address).IsRequired();
        o.OwnsOne(x => x.Payment, p =>
        {
            p.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Answer).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Account).HasMaxLength(100);
            p.Property(x => x.Reference).HasMaxLength(100);
            p.Ignore(x => x.MethodMinor);
        });
        o.Property(x => x.CouponCode).HasMaxLength(40);
        o.Ignore(x => x.IsFrozen);
        o.Property(x => x.WarnedFor).HasMaxLength(500);
        o.OwnsOne(x => x.Cancellation, c =>
        {
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.CountsAgainst).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Reason).HasMaxLength(40);
            c.Property(x => x.Comment).HasMaxLength(TextLimits.CancellationComment);
            c.Property(x => x.SellerMessage).HasMaxLength(TextLimits.SellerMessage);
            c.Ignore(x => x.IsOpen);
        });
        o.OwnsOne(x => x.Dispute, d =>
        {
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
            d.Property(x => x.Reason).HasMaxLength(40);
            d.Property(x => x.Comment).HasMaxLength(TextLimits.DisputeComment);
            d.Property(x => x.SellerMessage).HasMaxLength(TextLimits.DisputeMessage);
            d.Property(x => x.Ruling).HasMaxLength(TextLimits.Ruling);
            d.Property(x => x.RuledBy).HasMaxLength(64);
            d.Property(x => x.ReturnTrackingNumber).HasMaxLength(TextLimits.TrackingNumber);
            d.Ignore(x => x.IsOpen);
            d.Ignore(x => x.IsNegotiating);
        });
        o.OwnsOne(x => x.HandlingExtension, e => ConfigureExtension(e));
        o.OwnsOne(x => x.ProtectionExtension, e => ConfigureExtension(e));

        o.HasMany(x => x.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        o.HasMany(x => x.Refunds).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        o.HasMany(x => x.Timeline).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        o.HasMany(x => x.Tracking).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        // The ledger is append-only: never deleted with anything.
        o.HasMany(x => x.Ledger).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Restrict);
        o.Navigation(x => x.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.Navigation(x => x.Refunds).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.Navigation(x => x.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.Navigation(x => x.Tracking).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.Navigation(x => x.Ledger).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The hot queries: a buyer's tabs and a store's orders newest first, and due deadlines for the sweeper.
        o.HasIndex(x => new { x.BuyerId, x.Id });
        o.HasIndex(x => new { x.BuyerId, x.State, x.Id });
        o.HasIndex(x => new { x.StoreId, x.Id });
        o.HasIndex(x => new { x.StoreId, x.State, x.Id });
        o.HasIndex(x => x.NextDeadlineAt);
    }

    private static void ConfigureExtension<T>(OwnedNavigationBuilder<Order, T> e) where T : class
    {
        e.Property<ExtensionStatus>(nameof(ExtensionRequest.Status)).HasConversion<string>().HasMaxLength(30);
        e.Property<string>(nameof(ExtensionRequest.Message)).HasMaxLength(TextLimits.ExtensionMessage);
        e.Ignore(nameof(ExtensionRequest.IsPending));
    }
}

public sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> l)
    {
        l.Property(x => x.Title).HasMaxLength(200);
        l.Ignore(x => x.LineTotalMinor);
    }
}

public sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> r)
    {
        r.Property(x => x.Cause).HasMaxLength(40);
        r.Property(x => x.Currency).HasMaxLength(3);
        r.Property(x => x.Account).HasMaxLength(100);
        r.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Destination).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.RedirectReason).HasMaxLength(40);
        r.Property(x => x.Note).HasMaxLength(TextLimits.RefundNote);
        r.Property(x => x.ReportMessage).HasMaxLength(TextLimits.RefundReport);
        r.Property(x => x.CaseResolvedBy).HasMaxLength(64);
        r.Property(x => x.CaseResolution).HasMaxLength(30);
        r.Property(x => x.CaseNote).HasMaxLength(TextLimits.CaseNote);
        r.Ignore(x => x.MethodPartMinor);
        r.Ignore(x => x.NeedsAdmin);
        r.Ignore(x => x.Amount);
        r.Ignore(x => x.NextStageAt);
        // A refund is created once per cause: the database refuses a second one even if the code tried.
        r.HasIndex("OrderId", nameof(Refund.Cause)).IsUnique();
    }
}

public sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> e)
    {
        e.Property(x => x.Kind).HasMaxLength(60);
        e.Property(x => x.ActorRole).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ActorId).HasMaxLength(64);
        e.Property(x => x.Data).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
            new ValueComparer<IReadOnlyDictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                v => v.Count,
                v => v.ToDictionary(kv => kv.Key, kv => kv.Value)));
    }
}

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.Property(x => x.TransactionKey).HasMaxLength(80);
        e.Property(x => x.Account).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Party).HasMaxLength(40);
        e.Property(x => x.Currency).HasMaxLength(3);
        // Money moves once per cause: a second posting of the same transaction is refused by the database.
        e.HasIndex("OrderId", nameof(LedgerEntry.TransactionKey), nameof(LedgerEntry.Account), nameof(LedgerEntry.Party)).IsUnique();
        e.HasIndex(x => new { x.Account, x.Party });
    }
}

public sealed class TrackingEventConfiguration : IEntityTypeConfiguration<TrackingEvent>
{
    public void Configure(EntityTypeBuilder<TrackingEvent> t)
    {
        t.Property(x => x.Description).HasMaxLength(TextLimits.TrackingDescription);
        t.Property(x => x.Location).HasMaxLength(TextLimits.TrackingLocation);
    }
}
