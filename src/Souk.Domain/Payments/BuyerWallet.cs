namespace Souk.Domain.Payments;

/// <summary>
/// A buyer's platform balance in one currency. It is the running sum of the ledger's BuyerBalance lines for that buyer
/// and currency (the ledger check compares the two); it exists so a payment from the balance can be checked and taken
/// under one row lock, and so the balance is read without summing the history.
/// </summary>
public sealed class BuyerWallet
{
    private BuyerWallet() { BuyerId = ""; Currency = ""; }

    public BuyerWallet(string buyerId, string currency)
    {
        BuyerId = buyerId;
        Currency = currency;
    }

    public string BuyerId { get; private set; }
    public string Currency { get; private set; }
    public long BalanceMinor { get; private set; }
    public int Version { get; private set; }

    /// <summary>Applies a movement the ledger recorded; a balance can never go below zero.</summary>
    public void Apply(long deltaMinor)
    {
        if (BalanceMinor + deltaMinor < 0)
            throw RuleViolation.Refused("pay.balance-insufficient", null,
                ("balance", BalanceMinor), ("needed", -deltaMinor), ("currency", Currency)).ToException();
        BalanceMinor = checked(BalanceMinor + deltaMinor);
        Version++;
    }
}
