using Souk.Web.Tests.Infrastructure;

namespace Souk.Client.Tests;

/// <summary>
/// Souk's real host on a fresh database (<see cref="SoukApp"/>), reached through <see cref="SoukClient"/> as an
/// integrator would: every call goes through the client's handlers and the in-memory server. <see cref="Sent"/>
/// records what went over the wire, so a test can tell a local refusal from one Souk made.
/// </summary>
public sealed class ClientHarness : IDisposable
{
    public SoukApp App { get; } = new();
    public List<HttpRequestMessage> Sent { get; } = [];

    public SoukClient NewClient() => new(App.Server.BaseAddress, new Recording(Sent) { InnerHandler = App.Server.CreateHandler() });

    /// <summary>A new account with the role, signed in through the client.</summary>
    public async Task<SoukClient> SignUpAsync(string role, string? email = null, string password = SoukApp.Password)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@test.souk";
        var client = NewClient();
        await client.Api.RegisterAsync(null, new SignInRegisterBody { Email = email, Password = password, Role = role });
        await client.SignInAsync(email, password);
        return client;
    }

    /// <summary>A seller with an open store and one listing (3 days' handling, standard post with a 20-day estimate).</summary>
    public async Task<(SoukClient seller, long storeId, long listingId)> SellerWithListingAsync()
    {
        var seller = await SignUpAsync("seller");
        var store = await seller.Api.OpenStoreAsync(null, new OpenStoreBody { Name = "Brass & Copper" });
        var listing = await seller.Api.CreateListingAsync(null, new ListingBody
        {
            Title = "Brass teapot", Price = 1_000, Currency = "USD", Stock = 10, HandlingDays = 3,
            ShippingOptions = [new ShippingOptionBody { Code = "standard", Name = "Standard post", Price = 200, DeliveryDays = 20 }],
        });
        return (seller, store.Id, listing.Id);
    }

    /// <summary>A buyer with an address in the address book.</summary>
    public async Task<SoukClient> BuyerAsync(string? email = null, string password = SoukApp.Password)
    {
        var buyer = await SignUpAsync("buyer", email, password);
        await buyer.Api.AddAddressAsync(null, new AddressBookBody
        {
            Name = "Ada Buyer", Line1 = "1 Market Street", City = "Springfield", PostalCode = "12345", Country = "US",
        });
        return buyer;
    }

    /// <summary>The buyer puts the listing in the cart and checks out: address book, cart, checkout, as a shop would.</summary>
    public static async Task<OrderView> PlaceOrderAsync(SoukClient buyer, long storeId, long listingId)
    {
        var address = (await buyer.Api.ListAddressesAsync()).First();
        await buyer.Api.AddToCartAsync(null, new ChangeCartAddBody { ListingId = listingId, Quantity = 1 });
        var placed = await buyer.Api.CheckoutAsync(null, new PlaceOrdersBody
        {
            AddressId = address.Id,
            Shipping = [new PlaceOrdersShippingChoice { StoreId = storeId, Method = "standard" }],
        });
        return placed.Orders.Single();
    }

    public static Task<OrderView> PayAsync(SoukClient buyer, OrderView order, string? key = null) =>
        buyer.Api.PayAsync(order.Id, key, new PayOrderBody { Method = PaymentMethod.Card, Account = "4242 4242 4242 4242" });

    /// <summary>Moves Souk's clock through the development clock endpoint (which fires what falls due), as the client sees it.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        using var anyone = NewClient();
        await anyone.Api.AdvanceClockAsync(null, new DevClockBody { Advance = by.ToString("c") });
    }

    public void Dispose() => App.Dispose();

    private sealed class Recording(List<HttpRequestMessage> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (sent) sent.Add(request);
            return base.SendAsync(request, ct);
        }
    }
}
