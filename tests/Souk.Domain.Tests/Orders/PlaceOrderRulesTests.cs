using Souk.Domain.Buyers;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;

namespace Souk.Domain.Tests.Orders;

/// <summary>The place-order rules the cart view and checkout both ask (PlaceOrderRules).</summary>
public class PlaceOrderRulesTests
{
    private static readonly Policy Policy = new() { MaxUnpaidOrders = 3 };
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private static Listing Listing(string currency = "USD", int stock = 10, params string[] methods) =>
        new(1, new ListingDetails("Teapot", 1_299, currency, stock, 3,
            (methods.Length == 0 ? ["standard"] : methods).Select(m => new ShippingOption(m, m, 100, 5)).ToList()), Now);

    private static PlaceOrderRules.StoreLines Store(params PlaceOrderRules.Line[] lines) => new(7, "Brass & Co", lines);

    private static PlaceOrderRules.StoreLines OneLine(Listing? listing = null, int quantity = 1) => Store(new PlaceOrderRules.Line(listing ?? Listing(), quantity));

    private static RuleViolation? Check(IReadOnlyList<PlaceOrderRules.StoreLines> stores, BuyerStanding? standing = null, params DateTimeOffset[] unpaidDueAt) =>
        PlaceOrderRules.Check(standing, unpaidDueAt, stores, Now, Policy);

    [Fact]
    public void ACartThatCanBeOrdered_IsNotRefused() => Assert.Null(Check([OneLine(), OneLine()], null, Now.AddHours(1)));

    [Fact]
    public void TheUnpaidLimit_CountsTheOrdersBeingPlaced_NotThoseAlreadyPastTheirWindow_AndSaysWhenOneExpiresToMakeRoom()
    {
        // Two open unpaid orders (and one already past its window) plus two new ones make four; the limit is three.
        var refusal = Check([OneLine(), OneLine()], null, Now.AddHours(5), Now.AddHours(2), Now.AddMinutes(-1));

        Assert.NotNull(refusal);
        Assert.Equal("checkout.too-many-unpaid-orders", refusal.Code);
        Assert.Equal((3, 2, 2), ((int)refusal.Arguments["max"]!, (int)refusal.Arguments["unpaid"]!, (int)refusal.Arguments["placing"]!));
        Assert.Equal(Now.AddHours(2), refusal.PossibleFrom);

        Assert.Null(Check([OneLine()], null, Now.AddHours(5), Now.AddHours(2)));
        // More stores than the limit can never be ordered at once, whatever expires.
        Assert.Null(Check([OneLine(), OneLine(), OneLine(), OneLine()])!.PossibleFrom);
    }

    [Fact]
    public void TheOrderingBlock_ComesFirst_AndOnlyAnAdminLiftsIt()
    {
        var standing = new BuyerStanding("buyer-1");
        standing.RecordUnpaidExpiries(Policy.UnpaidExpiryBlockThreshold, Now.AddDays(-1), Policy);

        var refusal = Check([OneLine(Listing(stock: 0))], standing, Now.AddHours(1), Now.AddHours(1), Now.AddHours(1));

        Assert.Equal(("checkout.buyer-blocked", (DateTimeOffset?)null), (refusal!.Code, refusal.PossibleFrom));
        Assert.Equal("checkout.cart-empty", Check([])!.Code);
    }

    [Fact]
    public void Lines_NoLongerSoldOrShortOfStock_AreRefusedAsCheckoutWouldTakeTheStock()
    {
        var delisted = Listing();
        delisted.Delist();
        Assert.Equal("checkout.listing-not-sold", Check([OneLine(delisted)])!.Code);

        var shortOfStock = Check([OneLine(Listing(stock: 2), quantity: 3)])!;
        Assert.Equal(("checkout.not-enough-stock", 2, 3),
            (shortOfStock.Code, (int)shortOfStock.Arguments["available"]!, (int)shortOfStock.Arguments["requested"]!));
    }

    [Fact]
    public void OneStoresLines_NeedOneCurrency_AndAShippingMethodAllOfThemOffer()
    {
        var mixed = Check([Store(new(Listing("USD"), 1), new(Listing("EUR"), 1))])!;
        Assert.Equal(("checkout.mixed-currencies", 7L), (mixed.Code, (long)mixed.Arguments["storeId"]!));

        Assert.Equal("cart.no-common-shipping-method", Check([Store(new(Listing(methods: ["standard"]), 1), new(Listing(methods: ["freight"]), 1))])!.Code);
        Assert.Null(Check([Store(new(Listing(methods: ["standard", "express"]), 1), new(Listing(methods: ["express"]), 1))]));
    }
}
