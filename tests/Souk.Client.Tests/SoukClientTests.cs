using System.Net;

namespace Souk.Client.Tests;

/// <summary>
/// The typed client against a live Souk: the order's life through it, refusals, retries. The tests share one host
/// (each with its own seller and buyer); xUnit runs them one after another, so one test moving the clock never moves
/// it under another's order.
/// </summary>
public sealed class SoukClientTests(ClientHarness souk) : IClassFixture<ClientHarness>
{

    [Fact]
    public async Task PlacePayAndCancel_FollowingTheOrdersActions()
    {
        var (_, storeId, listingId) = await souk.SellerWithListingAsync();
        using var buyer = await souk.BuyerAsync();

        var order = await ClientHarness.PlaceOrderAsync(buyer, storeId, listingId);
        Assert.Equal(OrderState.AwaitingPayment, order.State);
        Assert.Equal(1_200, order.Total);

        order = await ClientHarness.PayAsync(buyer, order);
        var cancel = order.Actions.Single(a => a.Action == "cancel");
        Assert.True(cancel.Allowed);
        Assert.NotNull(cancel.PossibleUntil);

        order = await buyer.ActAsync(order, "cancel", new CancelOrderBody { Reason = "NoLongerNeeded" });
        Assert.Equal(OrderState.Completed, order.State);
        Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        Assert.Equal(1_200, order.Refunds.Single().Amount);
        Assert.Equal(order.Version, (await buyer.Api.GetOrderAsync(order.Id)).Version);
    }

    [Fact]
    public async Task Dispute_ShipMoveTheClockOpenAndTheSellerAccepts()
    {
        var (seller, storeId, listingId) = await souk.SellerWithListingAsync();
        using var _ = seller;
        using var buyer = await souk.BuyerAsync();
        var order = await ClientHarness.PayAsync(buyer, await ClientHarness.PlaceOrderAsync(buyer, storeId, listingId));
        await souk.AdvanceAsync(TimeSpan.FromMinutes(10)); // the sandbox's payment review answers after 5 minutes

        var sellers = await seller.Api.GetOrderAsync(order.Id);
        sellers = await seller.ActAsync(sellers, "ship", new ShipOrderShipBody { Carrier = "PostNL", TrackingNumber = "3SABCD1234567" });
        Assert.Equal(OrderState.Shipped, sellers.State);

        // Too early: the order says so, and the client refuses with the order's own reason without asking Souk.
        order = await buyer.Api.GetOrderAsync(order.Id);
        var early = await Assert.ThrowsAsync<SoukProblemException>(() => buyer.ActAsync(order, "open-dispute", OpenDispute()));
        Assert.True(early.RefusedLocally);
        Assert.NotNull(early.PossibleFrom);

        await souk.AdvanceAsync(TimeSpan.FromDays(6)); // disputes open 5 days after shipment
        order = await buyer.ActAsync(await buyer.Api.GetOrderAsync(order.Id), "open-dispute", OpenDispute());
        Assert.True(order.Dispute!.Open);

        sellers = await seller.ActAsync(await seller.Api.GetOrderAsync(order.Id), "accept-dispute");
        Assert.False(sellers.Dispute!.Open);
        Assert.Equal(500, sellers.Refunded);
    }

    [Fact]
    public async Task ARefusal_IsATypedProblemWithItsCode_FromSoukOrFromTheOrdersActions()
    {
        var (_, storeId, listingId) = await souk.SellerWithListingAsync();
        using var buyer = await souk.BuyerAsync();
        var order = await ClientHarness.PayAsync(buyer, await ClientHarness.PlaceOrderAsync(buyer, storeId, listingId));
        await souk.AdvanceAsync(TimeSpan.FromMinutes(10)); // past the instant-cancel window: the seller must agree now

        var refused = await Assert.ThrowsAsync<SoukProblemException>(() =>
            buyer.Api.CancelAsync(order.Id, null, new CancelOrderBody { Reason = "NoLongerNeeded" }));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("cancel.needs-seller-approval", refused.Code);
        Assert.Contains("cancellation request", refused.Detail);
        Assert.False(refused.RefusedLocally);

        // The same refusal read from the order before trying: same code and sentence, and nothing is sent.
        order = await buyer.Api.GetOrderAsync(order.Id);
        var sentBefore = souk.Sent.Count;
        var local = await Assert.ThrowsAsync<SoukProblemException>(() =>
            buyer.ActAsync(order, "cancel", new CancelOrderBody { Reason = "NoLongerNeeded" }));
        Assert.True(local.RefusedLocally);
        Assert.Equal(refused.Code, local.Code);
        Assert.Equal(refused.Detail, local.Detail);
        Assert.Equal(sentBefore, souk.Sent.Count);

        // Bad input names the field.
        var invalid = await Assert.ThrowsAsync<SoukProblemException>(() =>
            buyer.Api.RequestCancellationAsync(order.Id, null, new CancelOrderBody { Reason = "NoSuchReason" }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("reason", invalid.Errors.Keys);
    }

    [Fact]
    public async Task ARetryWithTheSameKey_GetsTheSameAnswer_AndEveryChangingCallCarriesAKey()
    {
        var (_, storeId, listingId) = await souk.SellerWithListingAsync();
        using var buyer = await souk.BuyerAsync();
        var placed = await ClientHarness.PlaceOrderAsync(buyer, storeId, listingId);

        var key = $"pay-{placed.Id}-{Guid.NewGuid():N}";
        var first = await ClientHarness.PayAsync(buyer, placed, key);
        var retry = await ClientHarness.PayAsync(buyer, placed, key);
        Assert.Equal(first.Version, retry.Version);
        Assert.Equal(first.Payment!.Reference, retry.Payment!.Reference);
        Assert.Equal(first.Version, (await buyer.Api.GetOrderAsync(placed.Id)).Version); // paid once

        // Without a key of the caller's, the client makes a new one per call: paying again is a new request, refused.
        var again = await Assert.ThrowsAsync<SoukProblemException>(() => ClientHarness.PayAsync(buyer, placed));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.DoesNotContain("idempotency", again.Code);

        var changing = souk.Sent.Where(r => r.Method != HttpMethod.Get && r.RequestUri!.AbsolutePath != "/api/auth/login").ToList();
        Assert.NotEmpty(changing);
        Assert.All(changing, r => Assert.True(r.Headers.Contains("Idempotency-Key"), $"{r.Method} {r.RequestUri} went without a key"));
        Assert.Equal(2, souk.Sent.Count(r => r.Headers.TryGetValues("Idempotency-Key", out var v) && v.Single() == key));
        Assert.All(souk.Sent.Where(r => r.Method == HttpMethod.Get), r => Assert.False(r.Headers.Contains("Idempotency-Key")));
    }

    [Fact]
    public async Task AWrongPassword_IsAProblem_AndSignedOutCallsAreRefused()
    {
        using var client = souk.NewClient();
        var wrong = await Assert.ThrowsAsync<SoukProblemException>(() => client.SignInAsync("nobody@test.souk", "Wrong-pass-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.False(client.SignedIn);
        var anonymous = await Assert.ThrowsAsync<SoukProblemException>(() => client.Api.ListOrdersAsync(null, null, null));
        Assert.Equal("auth.required", anonymous.Code);
    }

    private static DisputeOrderOpenBody OpenDispute() =>
        new() { Reason = "NotAsDescribed", Comment = "Plastic, not brass", AmountMinor = 500, WithReturn = false };
}
