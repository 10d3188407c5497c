namespace Souk.Domain.Catalog;

/// <summary>A product a store sells: price, stock, handling time and the shipping options it offers.</summary>
public sealed class Listing
{
    public const int MinHandlingDays = 1;
    public const int MaxHandlingDays = 30;

    // Caps keep every total an order can reach (price × 999 × cart lines, plus shipping) far inside a long,
    // and stock released back onto a listing inside an int.
    public const long MaxPriceMinor = 1_000_000_000_000;
    public const int MaxStock = 1_000_000;
    public const int MaxShippingOptions = 10;

    private readonly List<ShippingOption> _shippingOptions = [];

    private Listing() { Title = ""; Currency = ""; }

    public Listing(long storeId, ListingDetails details, DateTimeOffset now)
    {
        Title = "";
        Currency = "";
        StoreId = storeId;
        CreatedAt = now;
        IsListed = true;
        Apply(details);
    }

    public long Id { get; private set; }
    public long StoreId { get; private set; }
    public string Title { get; private set; }
    public long PriceMinor { get; private set; }
    public string Currency { get; private set; }
    public int Stock { get; private set; }
    public int HandlingDays { get; private set; }
    public bool IsListed { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<ShippingOption> ShippingOptions => _shippingOptions;

    /// <summary>Replaces what the seller edits: title, price, stock, handling time, shipping options.</summary>
    public void Update(ListingDetails details) => Apply(details);

    public void Delist() => IsListed = false;
    public void Relist() => IsListed = true;

    public bool CanBeBought => IsListed && Stock > 0;

    /// <summary>Takes stock for an order being placed.</summary>
    public void Reserve(int quantity)
    {
        if (!IsListed) throw RuleViolation.Refused("checkout.listing-not-sold", null, ("listingId", Id), ("title", Title)).ToException();
        if (quantity > Stock)
            throw RuleViolation.Refused("checkout.not-enough-stock", null, ("listingId", Id), ("title", Title), ("available", Stock), ("requested", quantity)).ToException();
        Stock -= quantity;
        Version++;
    }

    /// <summary>Gives back stock of an order that ended before shipping.</summary>
    public void Release(int quantity)
    {
        Stock = checked(Stock + quantity);
        Version++;
    }

    public ShippingOption? FindShipping(string code) => _shippingOptions.FirstOrDefault(s => s.Code == code);

    /// <summary>The code if it is a currency code (three upper-case letters, e.g. USD), else null; a limit in a refusal is
    /// shown as money only in a currency that is one.</summary>
    public static string? CurrencyOrNull(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetterUpper) ? code : null;

    private void Apply(ListingDetails d)
    {
        if (string.IsNullOrWhiteSpace(d.Title) || d.Title.Trim().Length > 200)
            throw RuleViolation.Invalid("listing.title-invalid", "title", ("maxLength", 200)).ToException();
        if (d.PriceMinor is <= 0 or > MaxPriceMinor)
            throw RuleViolation.Invalid("listing.price-invalid", "price", ("max", MaxPriceMinor), ("currency", CurrencyOrNull(d.Currency))).ToException();
        if (CurrencyOrNull(d.Currency) is null)
            throw RuleViolation.Invalid("listing.currency-invalid", "currency").ToException();
        if (d.Stock is < 0 or > MaxStock) throw RuleViolation.Invalid("listing.stock-invalid", "stock", ("max", MaxStock)).ToException();
        if (d.HandlingDays is < MinHandlingDays or > MaxHandlingDays)
            throw RuleViolation.Invalid("listing.handling-days-out-of-range", "handlingDays", ("min", MinHandlingDays), ("max", MaxHandlingDays)).ToException();
        if (d.ShippingOptions.Count == 0) throw RuleViolation.Invalid("listing.shipping-required", "shippingOptions").ToException();
        if (d.ShippingOptions.Count > MaxShippingOptions)
            throw RuleViolation.Invalid("listing.shipping-too-many", "shippingOptions", ("max", MaxShippingOptions)).ToException();
        // Codes are compared as stored (trimmed): checkout finds the option by its code.
        if (d.ShippingOptions.Select(s => s.Code?.Trim()).Distinct().Count() != d.ShippingOptions.Count)
            throw RuleViolation.Invalid("listing.shipping-duplicate", "shippingOptions").ToException();
        foreach (var s in d.ShippingOptions)
        {
            if (string.IsNullOrWhiteSpace(s.Code) || s.Code.Trim().Length > 40 || string.IsNullOrWhiteSpace(s.Name) || s.Name.Trim().Length > 100)
                throw RuleViolation.Invalid("listing.shipping-invalid", "shippingOptions").ToException();
            if (s.PriceMinor is < 0 or > MaxPriceMinor)
                throw RuleViolation.Invalid("listing.shipping-price-invalid", "shippingOptions", ("max", MaxPriceMinor), ("currency", d.Currency)).ToException();
            if (s.DeliveryDays is < 1 or > 120) throw RuleViolation.Invalid("listing.delivery-days-out-of-range", "shippingOptions", ("min", 1), ("max", 120)).ToException();
        }
        // Orders keep their price, but carts and coupons assume a listing's currency never changes.
        if (Currency.Length > 0 && Currency != d.Currency)
            throw RuleViolation.Invalid("listing.currency-fixed", "currency").ToException();

        Title = d.Title.Trim();
        PriceMinor = d.PriceMinor;
        Currency = d.Currency;
        Stock = d.Stock;
        HandlingDays = d.HandlingDays;
        _shippingOptions.Clear();
        _shippingOptions.AddRange(d.ShippingOptions.Select(s => new ShippingOption(s.Code.Trim(), s.Name.Trim(), s.PriceMinor, s.DeliveryDays)));
        Version++;
    }
}

public sealed record ListingDetails(string Title, long PriceMinor, string Currency, int Stock, int HandlingDays, IReadOnlyList<ShippingOption> ShippingOptions);

/// <summary>A way to ship a listing: its price (per order line) and delivery estimate in days (null when the carrier gives none).</summary>
public sealed record ShippingOption(string Code, string Name, long PriceMinor, int? DeliveryDays);
