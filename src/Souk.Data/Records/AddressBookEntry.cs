using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>An address in a buyer's address book.</summary>
public sealed class AddressBookEntry
{
    public long Id { get; set; }
    public string BuyerId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";
    public string? Phone { get; set; }
}

public sealed class AddressBookEntryConfiguration : IEntityTypeConfiguration<AddressBookEntry>
{
    public void Configure(EntityTypeBuilder<AddressBookEntry> a)
    {
        a.Property(x => x.BuyerId).HasMaxLength(64);
        a.Property(x => x.Name).HasMaxLength(100);
        a.Property(x => x.Line1).HasMaxLength(200);
        a.Property(x => x.Line2).HasMaxLength(200);
        a.Property(x => x.City).HasMaxLength(100);
        a.Property(x => x.PostalCode).HasMaxLength(20);
        a.Property(x => x.Country).HasMaxLength(60);
        a.Property(x => x.Phone).HasMaxLength(40);
        a.HasIndex(x => x.BuyerId);
    }
}
