namespace Souk.Client.Tests;

/// <summary>Console is one per process: the README example prints, so it runs alone.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>
/// The README's integrator example is the code between the README markers below, run here against a live Souk; a
/// second test checks the README shows exactly these lines, so the example cannot drift from code that works.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly ClientHarness harness = new();

    [Fact]
    public async Task TheIntegratorExample_Runs()
    {
        var (_, storeId, listingId) = await harness.SellerWithListingAsync();
        (await harness.BuyerAsync("buyer@demo.souk", "Souk-demo-1")).Dispose(); // the demo buyer, with an address
        // The README builds the client with new SoukClient(new Uri("http://localhost:5080/")); here it talks to the test host.
        using var souk = harness.NewClient();
        var printed = new StringWriter();
        var console = Console.Out;
        Console.SetOut(printed);
        try
        {
            // README:begin
            await souk.SignInAsync("buyer@demo.souk", "Souk-demo-1");
            var address = (await souk.Api.ListAddressesAsync()).First();
            await souk.Api.AddToCartAsync(null, new ChangeCartAddBody { ListingId = listingId, Quantity = 1 });
            var placed = await souk.Api.CheckoutAsync(null, new PlaceOrdersBody { AddressId = address.Id, Shipping = [new() { StoreId = storeId, Method = "standard" }] });
            var card = new PayOrderBody { Method = PaymentMethod.Card, Account = "4242 4242 4242 4242" };
            var order = await souk.Api.PayAsync(placed.Orders.First().Id, null, card);
            order = await souk.ActAsync(order, "cancel", new CancelOrderBody { Reason = "NoLongerNeeded" }); // follows order.Actions
            try { await souk.Api.PayAsync(order.Id, null, card); } // refused now: the order is cancelled
            catch (SoukProblemException refused) { Console.WriteLine($"{refused.Code}: {refused.Detail}"); }
            // README:end
            Assert.Equal(OrderOutcome.CancelledByBuyer, order.Outcome);
        }
        finally
        {
            Console.SetOut(console);
        }
        // The refusal was printed as "code: sentence" (the host's own log lines may be in the captured output too).
        Assert.Contains(printed.ToString().Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line.Trim(), @"^pay\.already-paid-or-closed: \S"));
    }

    [Fact]
    public void TheReadme_ShowsTheExampleAsItRuns()
    {
        var root = RepositoryRoot();
        var source = File.ReadAllLines(Path.Combine(root, "tests", "Souk.Client.Tests", "ReadmeExampleTests.cs"));
        var start = Array.FindIndex(source, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README:end");
        var example = source[(start + 1)..end].Select(l => l.Trim()).ToList();
        Assert.True(example.Count >= 8, "the example between the markers is missing");

        var readme = File.ReadAllLines(Path.Combine(root, "README.md")).Select(l => l.Trim()).ToList();
        var at = readme.IndexOf(example[0]);
        Assert.True(at >= 0, $"README.md does not show the integrator example; it starts with:{Environment.NewLine}{example[0]}");
        Assert.Equal(example, readme.Skip(at).Take(example.Count).ToList());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Souk.slnx not found above the test's folder");
    }

    public void Dispose() => harness.Dispose();
}
