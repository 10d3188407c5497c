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

/// <summary>A listing and quantity in a buyer's cart. Prices are read at checkout, not stored here.</summary>
public sealed class CartItem
{
    public long Id { get; set; }
    public string BuyerId { get; set; } = "";
    public long ListingId { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>Single-row settings shared by every Souk process (the development clock offset).</summary>
public sealed class SharedSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
