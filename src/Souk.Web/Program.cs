using Souk.Web.Features;
using Souk.Web.Infrastructure;
using Souk.Web.Infrastructure.Telemetry;
using Souk.Web.Operations;

// Operations commands (migrate, seed-demo, check-ledger, export-orders, backup) run on the same configuration and exit.
if (SoukCommands.IsCommand(args)) return await SoukCommands.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:5080");

builder.AddSoukPolicy()
    .AddSoukPayments()
    .AddSoukData()
    .AddSoukBackgroundWork()
    .AddSoukAccounts()
    .AddSoukApi()
    .AddSoukPages()
    .AddSoukIdempotency()
    .AddSoukTelemetry()
    .AddSoukBrowserDefences();

var app = builder.Build();

// Localization first, so the problems the exception handler writes are in the reader's language too (a culture set
// inside the handler's await would not flow back out to it).
app.UseRequestLocalization();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSoukBrowserDefences();
app.UseStaticFiles();
app.UseAuthentication();
app.UseSoukCookieOriginCheck();
app.UseAuthorization();
app.UseDisplayZone();
app.UseRateLimiter();
app.UseMiddleware<DevClockRefresh>();
app.UseIdempotency();

app.MapSoukApiDocs();
app.MapSoukHealth();
app.MapSoukTelemetry();
app.MapSoukApi();
app.MapRazorPages();

await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
