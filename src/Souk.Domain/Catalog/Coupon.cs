namespace Souk.Domain.Catalog;

public enum CouponKind
{
    /// <summary>A fixed amount off, in the store's currency (minor units).</summary>
    FixedAmount,

    /// <summary>A whole percentage off the items (1–100); the discount is rounded down to a minor unit.</summary>
    Percent,
}

/// <summary>What a seller sets on a coupon (spec §4, Coupons).</summary>
public sealed record CouponTerms(CouponKind Kind, long Value, long MinOrderMinor, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int? UsageLimit);

/// <summary>
/// A store's coupon: fixed amount or percent off the items, from a minimum order, inside a validity period, for a
/// limited number of uses. Checkout takes a use; an order that ends without being received gives it back.
/// </summary>
public sealed class Coupon
{
    public const int MaxCodeLength = 40;
    public const int MaxUsageLimit = 1_000_000;

    private Coupon() { Code = ""; Currency = ""; }

    public Coupon(long storeId, string code, string currency, CouponTerms terms, DateTimeOffset now)
    {
        StoreId = storeId;
        Code = NormalizeCode(code);
        Currency = (currency ?? "").Trim().ToUpperInvariant();
        // A fixed amount and a minimum order are money, so they need the currency they are in.
        if ((terms.Kind == CouponKind.FixedAmount || terms.MinOrderMinor > 0) && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)))
            throw RuleViolation.Invalid("coupon.currency-required", "currency").ToException();
        if (Currency.Length is not (0 or 3)) throw RuleViolation.Invalid("coupon.currency-required", "currency").ToException();
        CreatedAt = now;
        IsActive = true;
        Apply(terms);
    }

    public long Id { get; private set; }
    public long StoreId { get; private set; }

    /// <summary>What the buyer types, upper-case; unique within the store.</summary>
    public string Code { get; private set; }
    public string Currency { get; private set; }
    public CouponKind Kind { get; private set; }

    /// <summary>Minor units off (FixedAmount) or a percentage (Percent).</summary>
    public long Value { get; private set; }
    public long MinOrderMinor { get; private set; }
    public DateTimeOffset ValidFrom { get; private set; }
    public DateTimeOffset ValidUntil { get; private set; }

    /// <summary>How many orders may use it at once; null = unlimited.</summary>
    public int? UsageLimit { get; private set; }

    /// <summary>Uses held by orders not cancelled or expired.</summary>
    public int Used { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Upper-case, trimmed; letters, digits, '-' and '_' only, so codes are easy to read out and type.</summary>
    public static string NormalizeCode(string? code)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        if (c.Length is 0 or > MaxCodeLength || !c.All(ch => ch is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_'))
            throw RuleViolation.Invalid("coupon.code-invalid", "code", ("maxLength", MaxCodeLength)).ToException();
        return c;
    }

    /// <summary>Changes the terms; codes and currency stay. A limit below the uses already taken is refused.</summary>
    public void Update(CouponTerms terms)
    {
        if (terms.UsageLimit is { } limit && limit < Used)
            throw RuleViolation.Invalid("coupon.limit-below-used", "usageLimit", ("used", Used)).ToException();
        Apply(terms);
        Version++;
    }

    public void Deactivate()
    {
        IsActive = false;
        Version++;
    }

    /// <summary>The discount this coupon gives on <paramref name="itemsTotalMinor"/>, never more than the items cost.</summary>
    public long DiscountFor(long itemsTotalMinor) => Kind switch
    {
        CouponKind.FixedAmount => Math.Min(Value, itemsTotalMinor),
        _ => (long)((Int128)itemsTotalMinor * Value / 100),
    };

    /// <summary>Why this coupon cannot be used on an order of <paramref name="itemsTotalMinor"/> now, or null.</summary>
    public RuleViolation? RefusalFor(long itemsTotalMinor, string currency, DateTimeOffset now) => this switch
    {
        { IsActive: false } => RuleViolation.Refused("coupon.inactive", null, ("code", Code)),
        _ when Currency.Length > 0 && Currency != currency => RuleViolation.Refused("coupon.wrong-currency", null, ("code", Code), ("currency", Currency), ("orderCurrency", currency)),
        _ when now < ValidFrom => RuleViolation.Refused("coupon.not-yet-valid", ValidFrom, ("code", Code), ("validFrom", ValidFrom)),
        _ when now >= ValidUntil => RuleViolation.Refused("coupon.expired", null, ("code", Code), ("validUntil", ValidUntil)),
        { UsageLimit: { } limit } when Used >= limit => RuleViolation.Refused("coupon.used-up", null, ("code", Code), ("limit", limit)),
        _ when itemsTotalMinor < MinOrderMinor => RuleViolation.Refused("coupon.minimum-not-met", null, ("code", Code),
            ("minOrder", MinOrderMinor), ("itemsTotal", itemsTotalMinor), ("currency", Currency)),
        _ => null,
    };

    /// <summary>Takes a use for an order being placed.</summary>
    public long Use(long itemsTotalMinor, string currency, DateTimeOffset now)
    {
        if (RefusalFor(itemsTotalMinor, currency, now) is { } refusal) throw refusal.ToException();
        Used++;
        Version++;
        return DiscountFor(itemsTotalMinor);
    }

    /// <summary>An order that used it was cancelled or expired.</summary>
    public void GiveBackUse()
    {
        if (Used > 0) Used--;
        Version++;
    }

    private void Apply(CouponTerms t)
    {
        if (t.Kind == CouponKind.Percent ? t.Value is < 1 or > 100 : t.Value is < 1 or > Listing.MaxPriceMinor)
            throw RuleViolation.Invalid("coupon.value-out-of-range", "value", ("kind", t.Kind.ToString())).ToException();
        if (t.MinOrderMinor is < 0 or > Listing.MaxPriceMinor)
            throw RuleViolation.Invalid("coupon.min-order-out-of-range", "minOrderMinor").ToException();
        if (t.ValidUntil <= t.ValidFrom)
            throw RuleViolation.Invalid("coupon.validity-empty", "validUntil").ToException();
        if (t.UsageLimit is < 1 or > MaxUsageLimit)
            throw RuleViolation.Invalid("coupon.usage-limit-out-of-range", "usageLimit", ("max", MaxUsageLimit)).ToException();
        Kind = t.Kind;
        Value = t.Value;
        MinOrderMinor = t.MinOrderMinor;
        ValidFrom = t.ValidFrom;
        ValidUntil = t.ValidUntil;
        UsageLimit = t.UsageLimit;
    }
}
