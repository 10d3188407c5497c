using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Web.Infrastructure;
using Souk.Web.Tests.Infrastructure;

namespace Souk.Web.Tests.Operations;

/// <summary>What an operator sees when Souk starts: the real executable, its console, its keys at rest.</summary>
public sealed class StartUpTests
{
    private static Dictionary<string, string> Settings(string database) => new()
    {
        ["Souk:Database:Provider"] = TestDatabase.Provider,
        ["ConnectionStrings:Souk"] = TestDatabase.ConnectionString(database),
    };

    /// <summary>
    /// Development is what <c>dotnet run</c> gives a newcomer: one readable line per message (a space between the time
    /// and the level), and no EF Core warning about the sweeper's own queries.
    /// </summary>
    [Fact]
    public async Task Development_Console_ReadsAsLines_WithoutQueryWarnings()
    {
        var database = TestDatabase.NewName();
        try
        {
            using var souk = await SoukProcess.StartAsync(Settings(database), "Development");
            // The development clock sweeps before it answers, so every query of a sweep (investigations too) has run.
            using var client = souk.Client();
            (await client.PostAsJsonAsync("/api/dev/clock", new { advance = "00:00:01" })).EnsureSuccessStatusCode();
            var output = souk.Output;
            Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: ", RegexOptions.Multiline), output);
            Assert.DoesNotMatch(new Regex(@"Z(info|warn|fail|crit|dbug):"), output);
            Assert.DoesNotContain("row limiting operator", output);
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    /// <summary>
    /// With <c>Souk:DataProtection:CertificatePath</c> the keys that sign sign-ins are encrypted in the database, the
    /// start-up warning about unencrypted keys is gone, and a second process with the same certificate reads them.
    /// </summary>
    [Fact]
    public async Task DataProtectionCertificate_EncryptsKeysAtRest_AndASecondProcessReadsThem()
    {
        var database = TestDatabase.NewName();
        var pfx = Path.Combine(Path.GetTempPath(), $"{database}.pfx");
        try
        {
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=Souk data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "test-secret"));
            }
            var settings = Settings(database);
            settings["Souk:DataProtection:CertificatePath"] = pfx;
            settings["Souk:DataProtection:CertificatePassword"] = "test-secret";

            string token;
            using (var first = await SoukProcess.StartAsync(settings, "Production"))
            {
                token = await first.RegisterAndSignInAsync("buyer", "keys@test.souk");
                Assert.DoesNotContain("No XML encryptor configured", first.Output);
            }

            var options = new DbContextOptionsBuilder<SoukDbContext>();
            options.UseSouk(Enum.Parse<DatabaseProvider>(TestDatabase.Provider), TestDatabase.ConnectionString(database));
            await using (var db = new SoukDbContext(options.Options))
            {
                var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.Contains("<EncryptedData", xml);
                    Assert.DoesNotContain("unencrypted form", xml);
                });
            }

            // A fresh process knows the key only from the database: the sign-in made on the first one still works.
            using var second = await SoukProcess.StartAsync(settings, "Production");
            using var client = second.Client(token);
            (await client.GetAsync("/api/me")).EnsureSuccessStatusCode();

            // A certificate that cannot be read stops start-up with the key's name, not a stack of causes.
            settings["Souk:DataProtection:CertificatePassword"] = "wrong";
            var (code, _, error) = await SoukProcess.RunCommandAsync(["check-ledger"], settings, "Production");
            Assert.True(code == Souk.Web.Operations.ExitCodes.Usage, $"exit {code}: {error}");
            Assert.Contains("Souk:DataProtection:CertificatePath", error);
        }
        finally
        {
            TestDatabase.Drop(database);
            File.Delete(pfx);
        }
    }
}
