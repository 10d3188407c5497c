namespace Souk.Domain.Payments;

/// <summary>An amount in integer minor units (cents, kopecks) of one currency; never floating point.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), SameCurrency(a, b));
    public Money Times(int quantity) => new(checked(Minor * quantity), Currency);

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? a.Currency : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}: Souk never exchanges currencies.");

    public override string ToString() => $"{Minor} {Currency}";
}
