using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>A listing and quantity in a buyer's cart. Prices are read at checkout, not stored here.</summary>
public sealed class CartItem
{
    public long Id { get; set; }
    public string BuyerId { get; set; } = "";
    public long ListingId { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> c)
    {
        c.Property(x => x.BuyerId).HasMaxLength(64);
        c.HasIndex(x => new { x.BuyerId, x.ListingId }).IsUnique();
    }
}
