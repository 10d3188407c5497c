namespace Souk.Web.Features;

/// <summary>Every API route, grouped by what the user does. One line per feature file.</summary>
public static class SoukApi
{
    public static WebApplication MapSoukApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        Accounts.SignIn.Map(api);
        Dev.DevClock.Map(api);
        Help.Rules.Map(api);
        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        Orders.OrderEndpoints.Map(orders);
        Addresses.AddressBook.Map(api);
        Stores.StoreEndpoints.Map(api);
        Listings.ListingEndpoints.Map(api);
        Cart.CartEndpoints.Map(api);
        Checkout.PlaceOrders.Map(api);
        Admin.BuyerBlocks.Map(api);
        Admin.Investigations.Map(api);
        Admin.EscalatedDisputes.Map(api);
        Money.LedgerCheck.Map(api);
        Money.Balance.Map(api);
        Money.Payouts.Map(api);
        Money.RefundDesk.Map(api);
        Coupons.StoreCoupons.Map(api);
        Notifications.NotificationBell.Map(api);
        Webhooks.WebhookApi.Map(api);
        return app;
    }
}
