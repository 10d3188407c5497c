using Souk.Web.Infrastructure;

namespace Souk.Web.Tests.Checkout;

public sealed class ShopRefusalMessagesTests
{
    [Theory]
    [InlineData("address.field-required")]
    [InlineData("address.field-too-long")]
    [InlineData("address.book-full")]
    [InlineData("address.not-found")]
    [InlineData("store.already-open")]
    [InlineData("store.name-invalid")]
    [InlineData("store.not-open")]
    [InlineData("store.not-found")]
    [InlineData("listing.no-store")]
    [InlineData("listing.not-found")]
    [InlineData("listing.shipping-too-many")]
    [InlineData("listings.bad-query")]
    [InlineData("listings.bad-cursor")]
    [InlineData("listings.bad-limit")]
    [InlineData("cart.listing-required")]
    [InlineData("cart.quantity-out-of-range")]
    [InlineData("cart.quantity-limit")]
    [InlineData("cart.full")]
    [InlineData("cart.listing-not-sold")]
    [InlineData("cart.not-enough-stock")]
    [InlineData("cart.no-common-shipping-method")]
    [InlineData("cart.item-not-found")]
    [InlineData("checkout.cart-empty")]
    [InlineData("checkout.address-unknown")]
    [InlineData("checkout.shipping-method-missing")]
    [InlineData("checkout.shipping-method-not-offered")]
    [InlineData("checkout.shipping-store-repeated")]
    [InlineData("checkout.mixed-currencies")]
    [InlineData("checkout.buyer-blocked")]
    [InlineData("checkout.too-many-unpaid-orders")]
    [InlineData("checkout.listing-not-sold")]
    [InlineData("checkout.not-enough-stock")]
    [InlineData("buyer.not-found")]
    [InlineData("buyer-block.not-blocked")]
    public void EveryShopRefusalCode_HasASentence(string code) => Assert.True(RefusalMessages.Knows(code), $"No sentence for {code}");
}
