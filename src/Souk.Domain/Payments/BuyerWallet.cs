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

    /// <summary>
    /// The balance-cover rule: a movement that would take the balance below zero (a payment from the balance larger than
    /// what it holds) is refused. Pure; the commit step enforces it through <see cref="ApplyAll"/> under the wallet's
    /// row lock, so two orders paid from one balance at once cannot overdraw it.
    /// </summary>
    public RuleViolation? CoverRefusal(long deltaMinor) =>
        BalanceMinor + deltaMinor < 0
            ? RuleViolation.Refused("pay.balance-insufficient", null, ("balance", BalanceMinor), ("needed", -deltaMinor), ("currency", Currency))
            : null;

    /// <summary>
    /// Applies the movements of one commit (the ledger recorded them), credits first, so a commit that both refunds to
    /// and pays from one balance never dips below zero in between; a movement the balance cannot cover is refused
    /// (<see cref="CoverRefusal"/>).
    /// </summary>
    public void ApplyAll(IEnumerable<long> deltasMinor)
    {
        foreach (var delta in deltasMinor.OrderByDescending(d => d)) Apply(delta);
    }

    /// <summary>Applies a movement the ledger recorded; a balance can never go below zero.</summary>
    public void Apply(long deltaMinor)
    {
        if (CoverRefusal(deltaMinor) is { } refusal) throw refusal.ToException();
        BalanceMinor = checked(BalanceMinor + deltaMinor);
        Version++;
    }
}
