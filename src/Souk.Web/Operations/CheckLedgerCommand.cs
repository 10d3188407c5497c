using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Souk.Web.Features.Money;

namespace Souk.Web.Operations;

/// <summary>
/// <c>check-ledger</c>: the platform-wide money check of the admin desk (<see cref="LedgerCheck"/>), for cron jobs
/// and monitoring: a summary on stdout, and exit code 1 when anything does not balance.
/// </summary>
public static class CheckLedgerCommand
{
    public static OpsCommand Command { get; } = new(
        "check-ledger",
        "check the platform-wide money invariants",
        """
        dotnet Souk.Web.dll check-ledger [--format text|json]

        Runs the admin desk's ledger check (GET /api/admin/ledger/check) on the whole database: every
        transaction sums to zero per currency, no order's escrow is negative, no order is refunded beyond
        its payment, every platform balance equals its ledger lines. Prints the totals per currency and
        each problem found (up to 100 of each kind); progress goes to stderr.
          --format text   a summary for people (the default)
          --format json   the check's result as the API returns it, for scripts
        Exits with 1 when anything does not balance.
        """,
        [new("format", Choices: ["text", "json"])], DatabaseNeed.Migrated, RunAsync);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static async Task<int> RunAsync(CommandContext context)
    {
        var format = context.Line.Required("format");
        var step = 0;
        var result = await LedgerCheck.RunAsync(context.Db, what => context.Error.WriteLine($"check-ledger: step {++step} of 5: {what}…"),
            context.Cancellation);

        if (format == "json")
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        else
            await WriteSummaryAsync(context.Out, result);
        return result.Balanced ? ExitCodes.Ok : ExitCodes.Problem;
    }

    private static async Task WriteSummaryAsync(TextWriter output, LedgerCheck.CheckResult result)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"Ledger: {N(result.Entries)} entries in {result.Currencies.Count} currency(ies).");
        foreach (var c in result.Currencies)
            await output.WriteLineAsync($"  {c.Currency}: sum {N(c.Sum)}, in escrow {N(c.Escrow)}, refunds in transit {N(c.InTransit)}, "
                + $"payable to sellers {N(c.SellerPayable)}, buyer balances {N(c.BuyerBalances)} (minor units)");
        if (result.Balanced)
        {
            await output.WriteLineAsync("Balanced: every transaction sums to zero, no escrow is negative, no order is refunded beyond its payment, "
                + "every platform balance equals its ledger.");
            return;
        }

        await output.WriteLineAsync("NOT BALANCED:");
        foreach (var c in result.Currencies.Where(c => c.Sum != 0))
            await output.WriteLineAsync($"  currency {c.Currency} sums to {N(c.Sum)} instead of 0");
        foreach (var i in result.Unbalanced)
            await output.WriteLineAsync($"  order {i.OrderId}: transaction '{i.TransactionKey}' ({i.Currency}) sums to {N(i.Sum)} instead of 0");
        foreach (var id in result.OrdersWithNegativeEscrow)
            await output.WriteLineAsync($"  order {id}: escrow is negative");
        foreach (var id in result.OrdersRefundedBeyondPaid)
            await output.WriteLineAsync($"  order {id}: refunded more than was paid");
        foreach (var m in result.WalletMismatches)
            await output.WriteLineAsync($"  buyer {m.BuyerId} ({m.Currency}): platform balance {N(m.Wallet)}, ledger says {N(m.Ledger)}");
    }
}
