namespace Souk.Domain.Payments;

/// <summary>Where money sits. An entry's amount is what it adds to that account (negative takes away).</summary>
public enum LedgerAccount
{
    /// <summary>The world outside Souk, per payment method: paying takes from it, a finished refund gives back.</summary>
    External,

    /// <summary>The order's escrow: paid money the platform holds until it is refunded or released to the seller.</summary>
    Escrow,

    /// <summary>A refund on its way back to the buyer's method, between "Awaiting refund" and "Refunded".</summary>
    RefundsInTransit,

    /// <summary>What the platform owes the store once escrow is released (a payout).</summary>
    SellerPayable,

    /// <summary>A buyer's platform balance (per currency): refunds a method refused end here.</summary>
    BuyerBalance,
}

/// <summary>
/// One line of the append-only, double-entry ledger. The lines of one transaction (same order and key) sum to
/// zero, so the whole ledger always does; a transaction key is written once per order, so a retried cause can
/// never move money twice (the database enforces it too).
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { TransactionKey = ""; Party = ""; Currency = ""; }

    internal LedgerEntry(string transactionKey, LedgerAccount account, string party, long amountMinor, string currency, DateTimeOffset at)
    {
        TransactionKey = transactionKey;
        Account = account;
        Party = party;
        AmountMinor = amountMinor;
        Currency = currency;
        At = at;
    }

    public long Id { get; private set; }

    /// <summary>What moved the money: <c>payment</c>, <c>refund:cancellation:created</c>, <c>release</c>…</summary>
    public string TransactionKey { get; private set; }

    public LedgerAccount Account { get; private set; }

    /// <summary>Whose account within its kind: the payment method for External, the store for SellerPayable, the buyer for
    /// BuyerBalance; empty for the order's own.</summary>
    public string Party { get; private set; }

    public long AmountMinor { get; private set; }
    public string Currency { get; private set; }
    public DateTimeOffset At { get; private set; }
}
