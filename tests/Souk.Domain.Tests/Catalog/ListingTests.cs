using Souk.Domain.Catalog;

namespace Souk.Domain.Tests.Catalog;

public class ListingTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private static ListingDetails Details(int stock = 5, int handlingDays = 3) =>
        new("Brass teapot", 1_500, "EUR", stock, handlingDays, [new ShippingOption("standard", "Standard post", 500, 14)]);

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void Listing_WithHandlingDaysWithinOneToThirty_IsAccepted(int days)
    {
        var listing = new Listing(7, Details(handlingDays: days), Now);

        Assert.Equal(days, listing.HandlingDays);
        Assert.True(listing.CanBeBought);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Listing_WithHandlingDaysOutsideOneToThirty_IsInvalid(int days)
    {
        var refusal = Expect.Violation(() => new Listing(7, Details(handlingDays: days), Now));

        Assert.Equal("listing.handling-days-out-of-range", refusal.Code);
        Assert.Equal(("handlingDays", ViolationKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Equal((1, 30), (refusal.Arguments["min"], refusal.Arguments["max"]));
    }

    public static TheoryData<string, ListingDetails> InvalidDetails() => new()
    {
        { "listing.title-invalid", Details() with { Title = "  " } },
        { "listing.title-invalid", Details() with { Title = new string('x', 201) } },
        { "listing.price-invalid", Details() with { PriceMinor = 0 } },
        { "listing.currency-invalid", Details() with { Currency = "eur" } },
        { "listing.currency-invalid", Details() with { Currency = "EURO" } },
        { "listing.stock-invalid", Details() with { Stock = -1 } },
        { "listing.shipping-required", Details() with { ShippingOptions = [] } },
        { "listing.shipping-duplicate", Details() with { ShippingOptions = [new("std", "A", 0, 5), new("std", "B", 0, 6)] } },
        { "listing.shipping-invalid", Details() with { ShippingOptions = [new(" ", "Standard", 0, 5)] } },
        { "listing.shipping-price-invalid", Details() with { ShippingOptions = [new("std", "Standard", -1, 5)] } },
        { "listing.delivery-days-out-of-range", Details() with { ShippingOptions = [new("std", "Standard", 0, 0)] } },
        { "listing.delivery-days-out-of-range", Details() with { ShippingOptions = [new("std", "Standard", 0, 121)] } },
    };

    [Theory]
    [MemberData(nameof(InvalidDetails))]
    public void Listing_WithInvalidDetails_IsRefusedWithTheFieldsCode(string code, ListingDetails details)
    {
        var refusal = Expect.Violation(() => new Listing(7, details, Now));

        Assert.Equal(code, refusal.Code);
        Assert.Equal(ViolationKind.Invalid, refusal.Kind);
    }

    [Fact]
    public void Update_ToAnotherCurrency_IsRefusedAndKeepsTheListing()
    {
        var listing = new Listing(7, Details(), Now);

        var refusal = Expect.Violation(() => listing.Update(Details() with { Currency = "USD", PriceMinor = 9_999 }));

        Assert.Equal("listing.currency-fixed", refusal.Code);
        Assert.Equal((1_500, "EUR"), (listing.PriceMinor, listing.Currency));
    }

    [Fact]
    public void Reserve_TakesStockAndRelease_GivesItBack()
    {
        var listing = new Listing(7, Details(stock: 5), Now);

        listing.Reserve(3);
        Assert.Equal(2, listing.Stock);

        listing.Release(3);
        Assert.Equal(5, listing.Stock);
    }

    [Fact]
    public void Reserve_AllTheStock_LeavesTheListingUnbuyable()
    {
        var listing = new Listing(7, Details(stock: 2), Now);

        listing.Reserve(2);

        Assert.Equal(0, listing.Stock);
        Assert.False(listing.CanBeBought);
    }

    [Fact]
    public void Reserve_MoreThanInStock_IsRefusedAndTakesNothing()
    {
        var listing = new Listing(7, Details(stock: 2), Now);

        var refusal = Expect.Violation(() => listing.Reserve(3));

        Assert.Equal("checkout.not-enough-stock", refusal.Code);
        Assert.Equal((2, 3), (refusal.Arguments["available"], refusal.Arguments["requested"]));
        Assert.Equal(2, listing.Stock);
    }

    [Fact]
    public void Reserve_WhenDelisted_IsRefused()
    {
        var listing = new Listing(7, Details(stock: 5), Now);
        listing.Delist();

        Assert.Equal("checkout.listing-not-sold", Expect.Violation(() => listing.Reserve(1)).Code);
        Assert.Equal(5, listing.Stock);
        Assert.False(listing.CanBeBought);

        listing.Relist();
        Assert.True(listing.CanBeBought);
    }

    [Fact]
    public void Listing_TrimsWhatTheSellerTyped()
    {
        var listing = new Listing(7, Details() with { Title = "  Brass teapot ", ShippingOptions = [new(" std ", " Standard ", 0, null)] }, Now);

        Assert.Equal("Brass teapot", listing.Title);
        Assert.Equal(new ShippingOption("std", "Standard", 0, null), listing.FindShipping("std"));
        Assert.Null(listing.FindShipping("express"));
    }
}
