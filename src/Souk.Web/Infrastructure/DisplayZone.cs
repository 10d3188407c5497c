using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>
/// The time zone pages show times in: the signed-in person's profile setting (UTC by default), carried as a claim so
/// no request reads the user row for it, and set for the request's whole flow by <see cref="UseDisplayZone"/>.
/// </summary>
public static class DisplayZone
{
    public const string ClaimType = "souk:time-zone";

    private static readonly AsyncLocal<TimeZoneInfo?> Current = new();

    public static TimeZoneInfo Zone => Current.Value ?? TimeZoneInfo.Utc;

    /// <summary>Shows times in <paramref name="zone"/> until the returned scope ends (text rendered for a person outside
    /// a page request, and tests).</summary>
    public static IDisposable Use(TimeZoneInfo zone)
    {
        var saved = Current.Value;
        Current.Value = zone;
        return new Restore(() => Current.Value = saved);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }

    public static IApplicationBuilder UseDisplayZone(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        Current.Value = TryFind(http.User.FindFirstValue(ClaimType), out var zone) ? zone : TimeZoneInfo.Utc;
        await next();
    });
}

/// <summary>Adds the profile's time zone to the sign-in (cookie or token) next to Identity's own claims and roles.</summary>
public sealed class SoukClaimsFactory(UserManager<SoukUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<SoukUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SoukUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayZone.ClaimType, user.TimeZone));
        return identity;
    }
}
