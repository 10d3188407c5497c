using Souk.Domain.Payments;

namespace Souk.Domain.Tests.Payments;

public class BuyerWalletTests
{
    [Fact]
    public void CoverRefusal_APaymentLargerThanTheBalance_IsRefusedWithWhatItHoldsAndNeeds()
    {
        var wallet = new BuyerWallet("buyer-1", "USD");
        wallet.Apply(500);

        var refusal = wallet.CoverRefusal(-501);

        Assert.Equal("pay.balance-insufficient", refusal?.Code);
        Assert.Equal((object?)500L, refusal!.Arguments["balance"]);
        Assert.Equal((object?)501L, refusal.Arguments["needed"]);
        Assert.Null(wallet.CoverRefusal(-500));
        Assert.Null(wallet.CoverRefusal(+10));
    }

    [Fact]
    public void ApplyAll_CreditsFirst_SoARefundAndAPaymentInOneCommitAreCovered()
    {
        var wallet = new BuyerWallet("buyer-1", "USD");

        wallet.ApplyAll([-300, 300]);

        Assert.Equal(0, wallet.BalanceMinor);
    }

    [Fact]
    public void Apply_AnUncoveredMovement_IsRefusedAndLeavesTheBalance()
    {
        var wallet = new BuyerWallet("buyer-1", "USD");
        wallet.Apply(100);

        Assert.Equal("pay.balance-insufficient", Expect.Violation(() => wallet.ApplyAll([50, -200])).Code);
        // The credit applied before the refusal; the commit step's transaction rolls the whole change back.
        Assert.Equal(150, wallet.BalanceMinor);
    }
}
