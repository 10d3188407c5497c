using Souk.Web.Features;
using Souk.Web.Infrastructure;
using Souk.Web.Infrastructure.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:5080");

builder.AddSoukPolicy()
    .AddSoukData()
    .AddSoukAccounts()
    .AddSoukApi()
    .AddSoukPages()
    .AddSoukIdempotency()
    .AddSoukTelemetry();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseDisplayZone();
app.UseRateLimiter();
app.UseMiddleware<DevClockRefresh>();
app.UseIdempotency();

app.MapOpenApi();
app.MapSoukHealth();
app.MapSoukTelemetry();
app.MapSoukApi();
app.MapRazorPages();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
