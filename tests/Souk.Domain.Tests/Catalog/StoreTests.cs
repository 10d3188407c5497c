using Souk.Domain.Catalog;

namespace Souk.Domain.Tests.Catalog;

public class StoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Store_WithoutAName_IsInvalid(string name)
    {
        var refusal = Expect.Violation(() => new Store("seller-1", name, Now));

        Assert.Equal("store.name-invalid", refusal.Code);
        Assert.Equal("name", refusal.Field);
    }

    [Fact]
    public void Rename_ToANameOverOneHundredCharacters_IsInvalidAndKeepsTheName()
    {
        var store = new Store("seller-1", " Dar el Nhas ", Now);

        Assert.Equal("store.name-invalid", Expect.Violation(() => store.Rename(new string('x', 101))).Code);
        Assert.Equal("Dar el Nhas", store.Name);
    }
}
