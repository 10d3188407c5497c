using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Payments;

namespace Souk.Web.Infrastructure;

/// <summary>Service registration, grouped so Program.cs reads like a table of contents.</summary>
public static class SoukServices
{
    public static WebApplicationBuilder AddSoukPolicy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SoukOptions>(builder.Configuration.GetSection("Souk"));
        builder.Services.PostConfigure<SoukOptions>(o =>
        {
            o.DevClock.Enabled = builder.Configuration.GetValue<bool?>("Souk:DevClock:Enabled") ?? builder.Environment.IsDevelopment();
            o.SeedDemoData = builder.Configuration.GetValue<bool?>("Souk:SeedDemoData") ?? builder.Environment.IsDevelopment();
            o.Webhooks.AllowInsecureTargets = builder.Configuration.GetValue<bool?>("Souk:Webhooks:AllowInsecureTargets") ?? builder.Environment.IsDevelopment();
        });

        // The policy is validated at start-up: a negative window stops Souk with a clear message.
        var policy = builder.Configuration.GetSection("Souk:Policy").Get<Policy>() ?? new Policy();
        var problems = policy.Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("Souk:Policy is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        builder.Services.AddSingleton(policy);
        builder.Services.AddCreatingCallsLimit(policy);
        builder.Services.AddSingleton(CancelReasonTable.Default);
        // The refund timings come from the payment provider (AddSoukPayments).
        builder.Services.AddSingleton(sp => new Rulebook(policy, sp.GetRequiredService<CancelReasonTable>(),
            sp.GetRequiredService<IPaymentProvider>().RefundTimings));
        return builder;
    }

    /// <summary>The payment provider: the sandbox, configured under <c>Souk:Sandbox</c>; its refund timings feed the rulebook.</summary>
    public static WebApplicationBuilder AddSoukPayments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SandboxOptions>(builder.Configuration.GetSection("Souk:Sandbox"));
        builder.Services.AddSingleton<IPaymentProvider, SandboxPaymentProvider>();
        return builder;
    }

    public static WebApplicationBuilder AddSoukData(this WebApplicationBuilder builder)
    {
        var (provider, connectionString) = builder.Configuration.SoukDatabase();
        // Pooled: every request (and every middleware that asks for the context) reuses a context instead of building one;
        // EF resets a context before it goes back to the pool. 0.2 ms less CPU per transition (bench/README.md).
        builder.Services.AddDbContextPool<SoukDbContext>(o => o.UseSouk(provider, connectionString));
        var keys = builder.Services.AddDataProtection().SetApplicationName("Souk").PersistKeysToDbContext<SoukDbContext>();
        if (builder.Configuration.GetSection("Souk:DataProtection").Get<DataProtectionOptions>() is { CertificatePath: { Length: > 0 } certificate } protection)
            keys.ProtectKeysWithCertificate(LoadCertificate(certificate, protection.CertificatePassword));
        builder.Services.AddScoped<OrderWriter>();
        builder.Services.AddScoped<StoreInvestigator>();
        builder.Services.TryAddSoukClock();
        builder.Services.AddSoukHealthChecks();
        return builder;
    }

    /// <summary>The certificate that protects the data-protection keys at rest; a clear message when it cannot be used.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"Souk:DataProtection:CertificatePath names {Path.GetFullPath(path)}, which does not exist.");
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"Souk:DataProtection:CertificatePath {Path.GetFullPath(path)} cannot be read as a PKCS#12 file "
                + $"with the password given in Souk:DataProtection:CertificatePassword: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"Souk:DataProtection:CertificatePath {Path.GetFullPath(path)} holds no private key; keys could be protected but never read back.");
        return certificate;
    }

    /// <summary>The configured database: <c>Souk:Database:Provider</c> and <c>ConnectionStrings:Souk</c>.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) SoukDatabase(this IConfiguration configuration)
    {
        var provider = configuration.GetValue<DatabaseProvider?>(SoukConfiguration.DatabaseProviderKey) ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString(SoukConfiguration.ConnectionStringName)
            ?? (provider == DatabaseProvider.Sqlite ? SoukConfiguration.DefaultSqliteConnectionString
                : throw new InvalidOperationException($"{SoukConfiguration.DatabaseProviderKey} is Postgres but {SoukConfiguration.ConnectionStringKey} is not set."));
        return (provider, connectionString);
    }

    /// <summary>Souk's clock wraps whatever <see cref="TimeProvider"/> the host has (tests put a fake one in).</summary>
    private static void TryAddSoukClock(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SoukClock(sp.GetService<ClockSource>()?.Inner ?? TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SoukClock>());
    }

    public static WebApplicationBuilder AddSoukAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityApiEndpoints<SoukUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SoukDbContext>();
        // Sign-in lifetimes run on real time, not on Souk's clock: moving the development clock ahead by days to
        // replay deadlines must not sign everybody out.
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme,
            o => o.TimeProvider = TimeProvider.System);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.TimeProvider = TimeProvider.System;
            // The API answers 401/403 problems; it never redirects to a sign-in page.
            o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = 403; return Task.CompletedTask; };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Buyer, p => p.RequireRole(Roles.Buyer))
            .AddPolicy(Roles.Seller, p => p.RequireRole(Roles.Seller))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ActorAccessor>();
        return builder;
    }
}

/// <summary>
/// Text with a NUL character in it is refused where the body is read (400 <c>request.malformed-body</c>, naming the
/// field): PostgreSQL cannot store NUL in text, so such a value would otherwise fail late there as a 500 (and be
/// stored as it is on SQLite).
/// </summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, not {reader.TokenType}.");
        var value = reader.GetString();
        if (value is not null && value.Contains('\0')) throw new JsonException("Text may not contain the NUL character (\\u0000).");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Lets a host (the tests) supply the time source under Souk's clock.</summary>
public sealed record ClockSource(TimeProvider Inner);
