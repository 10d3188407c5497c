using System.Net.Http.Json;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Accounts;

public sealed class SignInTests : IDisposable
{
    private readonly SoukApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Register_ThenLogin_GivesABearerTokenThatIdentifiesTheBuyer()
    {
        var buyer = await _app.SignUpAsync("buyer", "alice@test.souk");
        var me = await (await buyer.GetAsync("/api/me")).ExpectAsync(200);
        Assert.Equal("alice@test.souk", me["email"]!.GetValue<string>());
        Assert.Equal("Buyer", me["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_WithTakenEmail_Is409AndCreatesNothing()
    {
        await _app.SignUpAsync("buyer", "bob@test.souk");
        var again = await _app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = "bob@test.souk", password = SoukApp.Password, role = "seller" });
        await again.ExpectProblemAsync(409, "register.email-taken");
        var me = await (await (await _app.SignInAsync("bob@test.souk")).GetAsync("/api/me")).ExpectAsync(200);
        Assert.Equal("Buyer", me["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("admin", "register.role-invalid")]
    [InlineData("wizard", "register.role-invalid")]
    public async Task Register_AsAdminOrUnknownRole_Is400(string role, string code)
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = "x@test.souk", password = SoukApp.Password, role });
        await response.ExpectProblemAsync(400, code);
    }

    [Fact]
    public async Task Register_WithWeakPassword_Is400WithThePasswordField()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = "weak@test.souk", password = "abc", role = "buyer" });
        var problem = await response.ExpectProblemAsync(400, "register.password-too-weak");
        Assert.NotNull(problem["errors"]!["password"]);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Is401Problem()
    {
        await _app.SignUpAsync("buyer", "carol@test.souk");
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "carol@test.souk", password = "Wrong-pass-1" });
        await response.ExpectProblemAsync(401, "login.failed");
    }

    [Fact]
    public async Task Admin_FromConfiguration_CanSignIn()
    {
        var admin = await _app.AdminAsync();
        var me = await (await admin.GetAsync("/api/me")).ExpectAsync(200);
        Assert.Equal("Admin", me["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_WithoutSignIn_Is401()
    {
        var response = await _app.CreateClient().GetAsync("/api/orders");
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Health_AnswersWhenTheDatabaseDoes()
    {
        var response = await _app.CreateClient().GetAsync("/health");
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
