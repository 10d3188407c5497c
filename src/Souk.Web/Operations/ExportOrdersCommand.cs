using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;

namespace Souk.Web.Operations;

/// <summary>
/// <c>export-orders</c>: one buyer's data export — every order the platform holds for them (also those they deleted
/// from their own view, which the platform still keeps), with its lines, payment, refunds and timeline. Orders are
/// read a page at a time through the same loading as the API (<see cref="OrderWriter.LoadManyAsync"/>), so memory
/// stays flat however many orders the buyer has; nothing is changed.
/// </summary>
public static class ExportOrdersCommand
{
    public static OpsCommand Command { get; } = new(
        "export-orders",
        "export one buyer's orders (CSV or JSON)",
        """
        dotnet Souk.Web.dll export-orders --buyer EMAIL [--format json|csv] [--out FILE]

        Exports every order of the buyer with that email: the order's facts (store, state, totals, shipping
        address, tracking), its lines, its payment, its refunds and its timeline — also orders the buyer
        deleted from their list, which the platform still holds. Progress goes to stderr every 1,000 orders.
          --buyer EMAIL   the buyer's account email (required)
          --format json   one JSON document: {"buyer", "exportedAt", "orderCount", "orders": [...]} (the default)
          --format csv    one table: a row per order, line, payment, refund and timeline event
                          (columns order_id,record,at,item,quantity,amount_minor,currency,status,detail)
          --out FILE      write to FILE (replacing it) instead of stdout
        Exits with 1 when no account has that email.
        """,
        [new("buyer", Required: true), new("format", Choices: ["json", "csv"]), new("out")], DatabaseNeed.Migrated, RunAsync);

    /// <summary>Orders loaded per round trip, and how often progress is reported.</summary>
    private const int PageSize = 200;
    private const int ProgressEvery = 1_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record ExportedLine(long ListingId, string Title, int Quantity, long UnitPriceMinor, long LineTotalMinor);
    public sealed record ExportedPayment(PaymentMethod Method, string Account, long AmountMinor, long FromBalanceMinor, DateTimeOffset PaidAt,
        ReviewAnswer Answer, DateTimeOffset? AnswerAt);
    public sealed record ExportedRefund(long Id, string Cause, long AmountMinor, RefundStage Stage, RefundDestination Destination, string Account,
        DateTimeOffset CreatedAt, DateTimeOffset? ProcessingAt, DateTimeOffset? RefundedAt, string? Note);
    public sealed record ExportedEvent(DateTimeOffset At, string Kind, ActorRole Actor, IReadOnlyDictionary<string, string> Data);
    public sealed record ExportedOrder(long Id, long StoreId, string Store, OrderState State, OrderOutcome? Outcome, MoneyState MoneyState,
        DeletedMark Deleted, string Currency, long ItemsTotalMinor, long ShippingTotalMinor, long DiscountMinor, string? CouponCode, long TotalMinor,
        DateTimeOffset PlacedAt, DateTimeOffset? PaymentConfirmedAt, DateTimeOffset? ShippedAt, DateTimeOffset? CompletedAt,
        string ShippingMethod, string? Carrier, string? TrackingNumber, ShippingAddress Address,
        IReadOnlyList<ExportedLine> Lines, ExportedPayment? Payment, IReadOnlyList<ExportedRefund> Refunds, IReadOnlyList<ExportedEvent> Timeline);

    private static async Task<int> RunAsync(CommandContext context)
    {
        var email = context.Line.Required("buyer");
        var format = context.Line.Required("format");
        var outPath = context.Line.Value("out");
        var ct = context.Cancellation;

        var buyer = await context.Services.GetRequiredService<UserManager<SoukUser>>().FindByEmailAsync(email);
        if (buyer is null)
        {
            await context.Error.WriteLineAsync($"No account has the email {email}; nothing exported.");
            return ExitCodes.Problem;
        }

        var db = context.Db;
        var ids = await db.Orders.AsNoTracking().Where(o => o.BuyerId == buyer.Id).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        await context.Error.WriteLineAsync($"export-orders: {ids.Count:N0} order(s) of {email}.");

        var writer = outPath is null ? context.Out : new StreamWriter(outPath, append: false, new UTF8Encoding(false));
        try
        {
            var export = format == "json" ? (IExportWriter)new JsonExport(writer) : new CsvExport(writer);
            await export.BeginAsync(email, context.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ids.Count);
            var orderWriter = context.Services.GetRequiredService<OrderWriter>();
            var done = 0;
            foreach (var page in ids.Chunk(PageSize))
            {
                var orders = (await orderWriter.LoadManyAsync(page, ct)).OrderBy(o => o.Id).ToList();
                var storeIds = orders.Select(o => o.StoreId).Distinct().ToList();
                var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
                foreach (var order in orders)
                {
                    await export.WriteAsync(Export(order, stores.GetValueOrDefault(order.StoreId, "")));
                    if (++done % ProgressEvery == 0) await context.Error.WriteLineAsync($"export-orders: {done:N0} of {ids.Count:N0} orders…");
                }
            }
            await export.EndAsync();
            await writer.FlushAsync(ct);
        }
        finally
        {
            if (outPath is not null) await writer.DisposeAsync();
        }
        if (outPath is not null) await context.Error.WriteLineAsync($"export-orders: wrote {ids.Count:N0} order(s) to {Path.GetFullPath(outPath)}.");
        return ExitCodes.Ok;
    }

    private static ExportedOrder Export(Order o, string store) => new(o.Id, o.StoreId, store, o.State, o.Outcome, o.MoneyState, o.Deleted,
        o.Currency, o.ItemsTotalMinor, o.ShippingTotalMinor, o.DiscountMinor, o.CouponCode, o.TotalMinor,
        o.PlacedAt, o.PaymentConfirmedAt, o.ShippedAt, o.CompletedAt, o.ShippingMethod, o.Carrier, o.TrackingNumber, o.Address,
        o.Lines.OrderBy(l => l.Id).Select(l => new ExportedLine(l.ListingId, l.Title, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor)).ToList(),
        o.Payment is { } p ? new ExportedPayment(p.Method, p.Account, p.AmountMinor, p.BalanceMinor, p.PaidAt, p.Answer, p.AnswerAt) : null,
        o.Refunds.OrderBy(r => r.Id).Select(r => new ExportedRefund(r.Id, r.Cause, r.AmountMinor, r.Stage, r.Destination, r.Account,
            r.CreatedAt, r.ProcessingAt, r.RefundedAt, r.Note)).ToList(),
        // Who acted is given by role only: the other party's internal account id is not the buyer's data.
        o.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ExportedEvent(e.At, e.Kind, e.ActorRole, e.Data)).ToList());

    private interface IExportWriter
    {
        Task BeginAsync(string buyer, DateTimeOffset at, int count);
        Task WriteAsync(ExportedOrder order);
        Task EndAsync();
    }

    /// <summary>One JSON document, written an order at a time (one order per line) so it never sits in memory whole.</summary>
    private sealed class JsonExport(TextWriter writer) : IExportWriter
    {
        private bool _first = true;

        public Task BeginAsync(string buyer, DateTimeOffset at, int count) => writer.WriteLineAsync(
            $"{{\"buyer\":{JsonSerializer.Serialize(buyer)},\"exportedAt\":{JsonSerializer.Serialize(at)},\"orderCount\":{count},\"orders\":[");

        public async Task WriteAsync(ExportedOrder order)
        {
            if (!_first) await writer.WriteLineAsync(",");
            _first = false;
            await writer.WriteAsync(JsonSerializer.Serialize(order, Json));
        }

        public Task EndAsync() => writer.WriteLineAsync(_first ? "]}" : "\n]}");
    }

    /// <summary>One flat table: a row per order, line, payment, refund and event, each tagged by its <c>record</c>.</summary>
    private sealed class CsvExport(TextWriter writer) : IExportWriter
    {
        public Task BeginAsync(string buyer, DateTimeOffset at, int count) =>
            writer.WriteLineAsync("order_id,record,at,item,quantity,amount_minor,currency,status,detail");

        public async Task WriteAsync(ExportedOrder o)
        {
            var a = o.Address;
            await Row(o, "order", o.PlacedAt, o.Store, null, o.TotalMinor, o.State + (o.Outcome is { } outcome ? "/" + outcome : ""),
                $"money {o.MoneyState}; shipping {o.ShippingMethod} {o.ShippingTotalMinor}; discount {o.DiscountMinor}"
                + (o.Deleted == DeletedMark.None ? "" : $"; {o.Deleted}")
                + (o.TrackingNumber is null ? "" : $"; tracking {o.Carrier} {o.TrackingNumber}")
                + $"; ship to {a.Name}, {a.Line1}{(a.Line2 is null ? "" : ", " + a.Line2)}, {a.PostalCode} {a.City}, {a.Country}");
            foreach (var l in o.Lines)
                await Row(o, "line", null, l.Title, l.Quantity, l.LineTotalMinor, null, $"unit price {l.UnitPriceMinor}; listing {l.ListingId}");
            if (o.Payment is { } p)
                await Row(o, "payment", p.PaidAt, p.Method.ToString(), null, p.AmountMinor, p.Answer.ToString(),
                    $"{p.Account}" + (p.FromBalanceMinor > 0 ? $"; {p.FromBalanceMinor} from the platform balance" : ""));
            foreach (var r in o.Refunds)
                await Row(o, "refund", r.CreatedAt, r.Cause, null, r.AmountMinor, r.Stage.ToString(),
                    $"to {r.Destination} {r.Account}" + (r.RefundedAt is { } at ? $"; refunded {Time(at)}" : "") + (r.Note is null ? "" : $"; {r.Note}"));
            foreach (var e in o.Timeline)
                await Row(o, "event", e.At, e.Kind, null, null, e.Actor.ToString(), string.Join("; ", e.Data.Select(d => $"{d.Key}={d.Value}")));
        }

        public Task EndAsync() => Task.CompletedTask;

        private Task Row(ExportedOrder o, string record, DateTimeOffset? at, string item, int? quantity, long? amount, string? status, string detail) =>
            writer.WriteLineAsync(string.Join(",", o.Id.ToString(CultureInfo.InvariantCulture), record, at is { } t ? Time(t) : "", Cell(item),
                quantity?.ToString(CultureInfo.InvariantCulture) ?? "", amount?.ToString(CultureInfo.InvariantCulture) ?? "",
                amount is null ? "" : o.Currency, Cell(status ?? ""), Cell(detail)));

        private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>
        /// RFC 4180 quoting; and text a seller or buyer typed that starts like a formula (=, +, -, @) gets a leading
        /// apostrophe, so a spreadsheet opening the export shows it rather than runs it (CSV injection).
        /// </summary>
        private static string Cell(string value)
        {
            if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
            return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
        }
    }
}
