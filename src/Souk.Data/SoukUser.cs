using Microsoft.AspNetCore.Identity;

namespace Souk.Data;

/// <summary>A person who signs in. Their role (Buyer, Seller, Admin) is an Identity role.</summary>
public sealed class SoukUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone for showing times (spec §6); UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";
}

public static class Roles
{
    public const string Buyer = "Buyer";
    public const string Seller = "Seller";
    public const string Admin = "Admin";

    public static readonly string[] All = [Buyer, Seller, Admin];
}
