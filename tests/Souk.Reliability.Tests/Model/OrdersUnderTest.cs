using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Reliability.Tests.Model;

/// <summary>An order the model is compared with: Souk's domain in memory, or Souk over its HTTP API.</summary>
public interface IOrderUnderTest
{
    /// <summary>Null when the command took effect; otherwise the refusal's code.</summary>
    Task<string?> ApplyAsync(Command command);

    Task AdvanceAsync(TimeSpan by);

    Task<Observation> ObserveAsync();
}

/// <summary>What every history buys: one listing's line and its shipping, paid by card (the sandbox's timings).</summary>
public static class Purchase
{
    public const long PriceMinor = 1_000;
    public const long ShippingMinor = 200;
    public const int HandlingDays = 3;
    public const int DeliveryDays = 20;
    public static readonly TimeSpan ReviewDelay = TimeSpan.FromMinutes(5);

    public static ModelTerms Terms { get; } = new()
    {
        TotalMinor = PriceMinor + ShippingMinor,
        HandlingTime = TimeSpan.FromDays(HandlingDays),
        DeliveryEstimate = TimeSpan.FromDays(DeliveryDays),
        ReviewDelay = ReviewDelay,
    };

    public const string CancelReason = "NoLongerNeeded";
    public const string DisputeReason = "NotReceived";
}

/// <summary>
/// The domain alone: <see cref="Order"/>'s verbs on a plain clock, as the one commit step uses them — catch up with
/// the clock, act, catch up again (a deadline an action made overdue takes effect at once). A refused verb changes
/// nothing, so the order is kept as it is.
/// </summary>
public sealed class DomainOrder : IOrderUnderTest
{
    private static readonly Rulebook Rules = Rulebook.Default;
    private static readonly Actor Buyer = Actor.Buyer("buyer-1");
    private static readonly Actor Seller = Actor.Seller("seller-1", 7);
    private readonly Order _order;
    private DateTimeOffset _now;

    // The store's investigation, as StoreInvestigator keeps it: at most one open; a block is for good.
    private bool _investigationOpen;
    private bool _storeBlocked;

    public DomainOrder(DateTimeOffset placedAt)
    {
        _now = placedAt;
        var line = new OrderLine(101, "Brass teapot", Purchase.PriceMinor, 1, Purchase.HandlingDays, Purchase.DeliveryDays);
        _order = Order.Place(Buyer.UserId!, 7, "USD", [line], Purchase.ShippingMinor,
            new ShippingAddress("Ada", "1 Main St", null, "Tunis", "1000", "TN", null), "standard", placedAt, Rules);
    }

    public Task<string?> ApplyAsync(Command command)
    {
        _order.CatchUp(_now, Rules);
        try
        {
            Act(command);
            return Task.FromResult<string?>(null);
        }
        catch (RuleViolationException refused)
        {
            return Task.FromResult<string?>(refused.Violation.Code);
        }
        finally
        {
            _order.CatchUp(_now, Rules);
        }
    }

    private void Act(Command command)
    {
        switch (command)
        {
            case Command.PayApproved: _order.Pay(Buyer, Card(ReviewAnswer.Approved), _now, Rules); break;
            case Command.PayDeclined: _order.Pay(Buyer, Card(ReviewAnswer.Rejected), _now, Rules); break;
            case Command.PaySilent: _order.Pay(Buyer, Card(ReviewAnswer.None), _now, Rules); break;
            case Command.Cancel: _order.Cancel(Buyer, Purchase.CancelReason, null, _now, Rules); break;
            case Command.RequestCancellation: _order.RequestCancellation(Buyer, Purchase.CancelReason, null, _now, Rules); break;
            case Command.ApproveCancellation: _order.ApproveCancellation(Seller, false, _now, Rules); break;
            case Command.RefuseCancellation: _order.RefuseCancellation(Seller, "Already packed", _now, Rules); break;
            case Command.Ship: _order.Ship(Seller, "DHL", "TRK-1", _now, Rules); break;
            case Command.ConfirmReceipt: _order.ConfirmReceipt(Buyer, _now, Rules); break;
            case Command.OpenDispute:
                _order.OpenDispute(Buyer, Purchase.DisputeReason, "Nothing arrived", Purchase.Terms.TotalMinor, false, _now, Rules); break;
            case Command.OpenDisputeSellerDidNotAgree:
                _order.OpenDispute(Buyer, DisputeReasons.SellerDidNotAgreeToCancel, "I asked to cancel first", Purchase.Terms.TotalMinor, false, _now, Rules); break;
            case Command.AcceptDispute: _order.AnswerDispute(Seller, OrderAction.AcceptDispute, null, null, _now, Rules); break;
            case Command.WithdrawDispute: _order.WithdrawDispute(Buyer, _now, Rules); break;
            case Command.Delete: _order.MoveToDeleted(Buyer, _now, Rules); break;
            case Command.Restore: _order.Restore(Buyer, _now, Rules); break;
            case Command.DeletePermanently: _order.DeletePermanently(Buyer, true, _now, Rules); break;
            case Command.Investigate:
                if (_investigationOpen) throw RuleViolation.Refused("investigation.already-open").ToException();
                _investigationOpen = true;
                // As StoreInvestigator.SettleAsync: a blocked store's orders are annulled, not frozen.
                if (_storeBlocked) _order.Annul(Actor.System, _now, Rules);
                else _order.Freeze(Actor.System, _now);
                break;
            case Command.ClearStore or Command.BlockStore:
                if (!_investigationOpen) throw RuleViolation.Refused("investigation.none-open").ToException();
                _investigationOpen = false;
                _storeBlocked |= command == Command.BlockStore;
                if (_storeBlocked) _order.Annul(Actor.System, _now, Rules);
                else _order.Unfreeze(Actor.System, _now);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    private PaymentSubmission Card(ReviewAnswer answer) =>
        new(PaymentMethod.Card, "card •••• 4242", "model", answer, answer == ReviewAnswer.None ? null : _now + Purchase.ReviewDelay);

    public Task AdvanceAsync(TimeSpan by)
    {
        _now += by;
        _order.CatchUp(_now, Rules);
        return Task.CompletedTask;
    }

    public Task<Observation> ObserveAsync() => Task.FromResult(new Observation(
        _order.State.ToString(), _order.Outcome?.ToString(), _order.MoneyState.ToString(), _order.RefundedMinor,
        _order.Deleted switch { DeletedMark.None => "None", DeletedMark.Deleted => "Deleted", _ => "Gone" },
        _order.Cancellation?.Status.ToString(), _order.Dispute?.Status.ToString(), _order.IsFrozen));
}

/// <summary>
/// Souk over HTTP: a real host on a real database; the buyer and the seller act with their own bearer tokens, the
/// clock moves through the dev-clock endpoint (which sweeps), and the order is read as the admin sees it (the buyer's
/// own read says whether it is gone for them).
/// </summary>
public sealed class ApiOrder(HttpClient buyer, HttpClient seller, HttpClient admin, HttpClient anonymous, long id, long storeId) : IOrderUnderTest
{
    /// <summary>The store's investigation as the history left it: the next history needs none open and a store not blocked.</summary>
    public bool InvestigationOpen { get; private set; }
    public bool StoreBlocked { get; private set; }

    /// <summary>Closes an investigation the history left open (cleared), so the next history starts on a quiet store.</summary>
    public async Task CloseLeftoverInvestigationAsync()
    {
        if (InvestigationOpen) Assert.Null(await InvestigationAsync(Command.ClearStore));
    }

    public async Task<string?> ApplyAsync(Command command)
    {
        if (command is Command.Investigate or Command.ClearStore or Command.BlockStore) return await InvestigationAsync(command);
        var (client, path, body) = command switch
        {
            Command.PayApproved => (buyer, "pay", (object)new { method = "Card", account = "4242 4242 4242 4242" }),
            Command.PayDeclined => (buyer, "pay", new { method = "Card", account = "decline 4000 0000 0000 0002" }),
            Command.PaySilent => (buyer, "pay", new { method = "Card", account = "silent 4000 0000 0000 0003" }),
            Command.Cancel => (buyer, "cancel", new { reason = Purchase.CancelReason }),
            Command.RequestCancellation => (buyer, "cancellation-request", new { reason = Purchase.CancelReason }),
            Command.ApproveCancellation => (seller, "cancellation-request/approve", new { }),
            Command.RefuseCancellation => (seller, "cancellation-request/refuse", new { message = "Already packed" }),
            Command.Ship => (seller, "ship", new { carrier = "DHL", trackingNumber = "TRK-1" }),
            Command.ConfirmReceipt => (buyer, "confirm-receipt", new { }),
            Command.OpenDispute => (buyer, "dispute", new { reason = Purchase.DisputeReason, comment = "Nothing arrived", amountMinor = Purchase.Terms.TotalMinor, withReturn = false }),
            Command.OpenDisputeSellerDidNotAgree => (buyer, "dispute", new { reason = "SellerDidNotAgreeToCancel", comment = "I asked to cancel first", amountMinor = Purchase.Terms.TotalMinor, withReturn = false }),
            Command.AcceptDispute => (seller, "dispute/accept", new { }),
            Command.WithdrawDispute => (buyer, "dispute/withdraw", new { }),
            Command.Delete => (buyer, "delete", new { }),
            Command.Restore => (buyer, "restore", new { }),
            Command.DeletePermanently => (buyer, "delete-permanently", new { confirm = true }),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        var response = await client.PostAsJsonAsync($"/api/orders/{id}/{path}", body);
        if (response.IsSuccessStatusCode) return null;
        var text = await response.Content.ReadAsStringAsync();
        // A refusal is a problem with a code; anything else (a 5xx, a bare status) is a failure of its own.
        Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
            $"{command} on order {id} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)?["code"]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"{command}: a refusal without a code: {text}");
    }

    /// <summary>The admin opens (and the seller answers at once) or closes the store's investigation.</summary>
    private async Task<string?> InvestigationAsync(Command command)
    {
        var response = command == Command.Investigate
            ? await admin.PostAsJsonAsync($"/api/admin/stores/{storeId}/investigation", new { reason = "model" })
            : await admin.PostAsJsonAsync($"/api/admin/stores/{storeId}/investigation/close",
                new { outcome = command == Command.BlockStore ? "blocked" : "cleared", decision = "model" });
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{command} on store {storeId} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)?["code"]?.GetValue<string>();
        }
        InvestigationOpen = command == Command.Investigate;
        StoreBlocked |= command == Command.BlockStore;
        // The seller answers at once, so the store is never blocked for want of evidence (the model leaves that timer out).
        if (command == Command.Investigate)
            await (await seller.PostAsJsonAsync("/api/stores/mine/investigation/evidence", new { evidence = "model" })).ExpectAsync(200);
        return null;
    }

    public async Task AdvanceAsync(TimeSpan by) =>
        await (await anonymous.PostAsJsonAsync("/api/dev/clock", new { advance = by.ToString("c") })).ExpectAsync(200);

    public async Task<Observation> ObserveAsync()
    {
        var order = await (await admin.GetAsync($"/api/orders/{id}")).ExpectAsync(200);
        // Only a completed order can be deleted; for the others the buyer's own read is skipped (it is a request per step).
        var deleted = order["inDeletedOrders"]!.GetValue<bool>() ? "Deleted"
            : order["state"]!.GetValue<string>() == "Completed" && (await buyer.GetAsync($"/api/orders/{id}")).StatusCode == HttpStatusCode.NotFound ? "Gone"
            : "None";
        return new Observation(
            order["state"]!.GetValue<string>(), order["outcome"]?.GetValue<string>(), order["moneyState"]!.GetValue<string>(),
            order["refunded"]!.GetValue<long>(), deleted,
            order["cancellationRequest"]?["status"]?.GetValue<string>(), order["dispute"]?["status"]?.GetValue<string>(),
            order["frozenSince"] is not null);
    }
}
