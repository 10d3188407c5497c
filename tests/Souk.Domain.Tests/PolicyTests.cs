namespace Souk.Domain.Tests;

public class PolicyTests
{
    [Fact]
    public void Defaults_ValidateClean()
    {
        Assert.Empty(new Policy().Validate());
    }

    [Fact]
    public void Defaults_AreTheSpecsNumbers()
    {
        var p = new Policy();

        Assert.Equal(TimeSpan.FromDays(20), p.PaymentWindow);
        Assert.Equal(10, p.MaxUnpaidOrders);
        Assert.Equal(20, p.UnpaidExpiryBlockThreshold);
        Assert.Equal(TimeSpan.FromDays(30), p.UnpaidExpiryBlockPeriod);
        Assert.Equal(TimeSpan.FromHours(24), p.PaymentReviewMax);
        Assert.Equal(TimeSpan.FromMinutes(2), p.InstantCancelWindow);
        Assert.Equal(TimeSpan.FromHours(48), p.SellerCancelResponse);
        Assert.Equal(TimeSpan.FromDays(30), p.MaxHandlingExtension);
        Assert.Equal(TimeSpan.FromDays(60), p.BuyerProtection);
        Assert.Equal(TimeSpan.FromDays(3), p.ProtectionExtensionResponse);
        Assert.Equal(TimeSpan.FromDays(30), p.MaxProtectionExtension);
        Assert.Equal(TimeSpan.FromDays(5), p.DisputeOpensAfterShipment);
        Assert.Equal(TimeSpan.FromDays(15), p.DisputeWindowAfterCompletion);
        Assert.Equal(TimeSpan.FromDays(5), p.SellerDisputeResponse);
        Assert.Equal(TimeSpan.FromDays(3), p.EscalationAllowedAfter);
        Assert.Equal(TimeSpan.FromDays(15), p.NegotiationWindow);
        Assert.Equal(TimeSpan.FromDays(10), p.ReturnShipWindow);
        Assert.Equal(TimeSpan.FromDays(15), p.ReturnAutoAccept);
        Assert.Equal(TimeSpan.FromDays(3), p.InvestigationEvidenceWindow);
        Assert.Equal(
            (TimeSpan.FromDays(15), TimeSpan.FromDays(3), TimeSpan.FromDays(5), TimeSpan.Zero),
            (p.RefundTime.Card, p.RefundTime.EWallet, p.RefundTime.Phone, p.RefundTime.Balance));
        Assert.Equal(TimeSpan.FromHours(24), p.DeadlineWarning);
        Assert.Equal(60, p.CreatingCallsPerMinute);
    }

    public static TheoryData<string> WindowKeys() => new(new Policy().Windows().Select(w => w.Name));

    [Theory]
    [MemberData(nameof(WindowKeys))]
    public void Validate_ANegativeWindow_GivesOneProblemNamingItsKey(string key)
    {
        var policy = WithWindow(key, TimeSpan.FromMinutes(-1));

        var problem = Assert.Single(policy.Validate());

        Assert.Contains($"Souk:Policy:{key} ", problem);
        Assert.Contains("negative", problem);
    }

    [Theory]
    [InlineData("PaymentWindow")]
    [InlineData("PaymentReviewMax")]
    [InlineData("BuyerProtection")]
    public void Validate_AZeroWindowThatWouldCloseOrdersAtOnce_IsAProblem(string key)
    {
        var problem = Assert.Single(WithWindow(key, TimeSpan.Zero).Validate());

        Assert.Contains($"Souk:Policy:{key} is zero", problem);
    }

    [Fact]
    public void Validate_AZeroInstantCancelWindow_IsAllowed()
    {
        Assert.Empty(new Policy { InstantCancelWindow = TimeSpan.Zero }.Validate());
    }

    [Fact]
    public void Validate_LimitsBelowOne_AreProblemsNamingTheirKeys()
    {
        var policy = new Policy { MaxUnpaidOrders = 0, UnpaidExpiryBlockThreshold = 0, CreatingCallsPerMinute = 0 };

        var problems = policy.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, m => m.StartsWith("Souk:Policy:MaxUnpaidOrders is 0", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.StartsWith("Souk:Policy:UnpaidExpiryBlockThreshold is 0", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.StartsWith("Souk:Policy:CreatingCallsPerMinute is 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Windows_NameEveryWindowOnce()
    {
        var names = new Policy().Windows().Select(w => w.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(22, names.Count);
    }

    private static Policy WithWindow(string key, TimeSpan value)
    {
        var p = new Policy();
        return key switch
        {
            nameof(Policy.PaymentWindow) => p with { PaymentWindow = value },
            nameof(Policy.UnpaidExpiryBlockPeriod) => p with { UnpaidExpiryBlockPeriod = value },
            nameof(Policy.PaymentReviewMax) => p with { PaymentReviewMax = value },
            nameof(Policy.InstantCancelWindow) => p with { InstantCancelWindow = value },
            nameof(Policy.SellerCancelResponse) => p with { SellerCancelResponse = value },
            nameof(Policy.MaxHandlingExtension) => p with { MaxHandlingExtension = value },
            nameof(Policy.BuyerProtection) => p with { BuyerProtection = value },
            nameof(Policy.ProtectionExtensionResponse) => p with { ProtectionExtensionResponse = value },
            nameof(Policy.MaxProtectionExtension) => p with { MaxProtectionExtension = value },
            nameof(Policy.DisputeOpensAfterShipment) => p with { DisputeOpensAfterShipment = value },
            nameof(Policy.DisputeWindowAfterCompletion) => p with { DisputeWindowAfterCompletion = value },
            nameof(Policy.SellerDisputeResponse) => p with { SellerDisputeResponse = value },
            nameof(Policy.EscalationAllowedAfter) => p with { EscalationAllowedAfter = value },
            nameof(Policy.NegotiationWindow) => p with { NegotiationWindow = value },
            nameof(Policy.ReturnShipWindow) => p with { ReturnShipWindow = value },
            nameof(Policy.ReturnAutoAccept) => p with { ReturnAutoAccept = value },
            nameof(Policy.InvestigationEvidenceWindow) => p with { InvestigationEvidenceWindow = value },
            "RefundTime:Card" => p with { RefundTime = p.RefundTime with { Card = value } },
            "RefundTime:EWallet" => p with { RefundTime = p.RefundTime with { EWallet = value } },
            "RefundTime:Phone" => p with { RefundTime = p.RefundTime with { Phone = value } },
            "RefundTime:Balance" => p with { RefundTime = p.RefundTime with { Balance = value } },
            nameof(Policy.DeadlineWarning) => p with { DeadlineWarning = value },
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "a new policy window needs a line here"),
        };
    }
}
