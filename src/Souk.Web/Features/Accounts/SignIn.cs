using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Accounts;

/// <summary>
/// Register as buyer or seller, sign in for a bearer token (API) or a cookie (pages), and read who you are.
/// Admins are created by configuration (<c>Souk:Admins</c>), never by registering.
/// </summary>
public static class SignIn
{
    public sealed record RegisterBody(string? Email, string? Password, string? Role = null, string? DisplayName = null);
    public sealed record LoginBody(string? Email, string? Password);

    /// <summary>A display name's length in UTF-16 units, like every text limit (never more than the column holds).</summary>
    public const int MaxDisplayName = 100;
    public sealed record Me(string Id, string Email, string DisplayName, string Role, long? StoreId, string TimeZone);

    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).WithName("register").WithSummary("Register as a buyer or a seller").AllowAnonymous()
            .ProducesProblem(400).ProducesProblem(409);
        auth.MapPost("/login", Login).WithName("login")
            .WithSummary("Sign in; returns {accessToken, tokenType, expiresIn, refreshToken}. Add ?useCookies=true for a cookie instead")
            .AllowAnonymous().WithoutIdempotency().ProducesProblem(400).ProducesProblem(401);
        api.MapGet("/me", GetMe).WithTags("Accounts").WithName("me").WithSummary("Who is signed in").RequireAuthorization().ProducesProblem(401);
    }

    private static async Task<Results<Created<Me>, ProblemHttpResult>> Register(RegisterBody body, UserManager<SoukUser> users, CancellationToken ct)
    {
        var (user, role, problem) = await CreateAccountAsync(users, body.Email, body.Password, body.Role, body.DisplayName);
        if (problem is not null) return TypedResults.Problem(problem);
        return TypedResults.Created("/api/me", new Me(user!.Id, user.Email!, user.DisplayName, role!, null, user.TimeZone));
    }

    /// <summary>Creates a buyer or seller account (the API's register and the register page). Bad input throws a
    /// <see cref="RuleViolationException"/>; a taken email or a weak password comes back as a problem.</summary>
    public static async Task<(SoukUser? User, string? Role, ProblemDetails? Problem)> CreateAccountAsync(UserManager<SoukUser> users, string? email,
        string? password, string? requestedRole, string? displayName)
    {
        var role = requestedRole?.Trim().ToLowerInvariant() switch
        {
            null or "" or "buyer" => Roles.Buyer,
            "seller" => Roles.Seller,
            _ => throw RuleViolation.Invalid("register.role-invalid", "role").ToException(),
        };
        if (string.IsNullOrWhiteSpace(email) || email.Length > 200 || !email.Contains('@'))
            throw RuleViolation.Invalid("register.email-invalid", "email").ToException();
        if (string.IsNullOrEmpty(password) || password.Length > 200)
            throw RuleViolation.Invalid("register.password-invalid", "password").ToException();
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            return (null, null, ProblemMapping.Problem(409, "register.email-taken", "Email taken", "An account with this email already exists."));

        var name = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim();
        // Refused, never cut: a cut could end inside a character (an emoji is two UTF-16 units) and would change the name.
        if (name.Length > MaxDisplayName)
            throw RuleViolation.Invalid("register.display-name-too-long", "displayName", ("max", MaxDisplayName)).ToException();
        var user = new SoukUser { UserName = email, Email = email, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var problem = ProblemMapping.Problem(400, "register.password-too-weak", "Invalid input", string.Join(" ", created.Errors.Select(e => e.Description)));
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["password"] = created.Errors.Select(e => e.Description).ToArray() };
            return (null, null, problem);
        }
        await users.AddToRoleAsync(user, role);
        return (user, role, null);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(LoginBody body, bool? useCookies, SignInManager<SoukUser> signIn,
        HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
            throw RuleViolation.Invalid("login.credentials-required", string.IsNullOrWhiteSpace(body.Email) ? "email" : "password").ToException();
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.Email.Trim(), body.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty; // the sign-in handler has written the token (or the cookie)
        if (!result.IsLockedOut)
            return TypedResults.Problem(ProblemMapping.Problem(401, "login.failed", "Sign-in failed", RefusalMessages.Render("login.failed", new Dictionary<string, object?>())));
        var locked = await LockoutRefusalAsync(signIn.UserManager, body.Email.Trim());
        var problem = ProblemMapping.FromViolation(locked);
        problem.Status = 401;
        problem.Title = "Locked out";
        // Like every refusal that will pass by itself: when (possibleFrom) and, for clients that read headers, how long.
        // Identity locks accounts on real time (like sign-in lifetimes), not on Souk's movable clock.
        if (locked.PossibleFrom is { } until)
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling((until - TimeProvider.System.GetUtcNow()).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// Why a locked-out account cannot sign in, and until when (Identity's lockout end, on real time). Shared by the API
    /// and the sign-in page.
    /// </summary>
    internal static async Task<RuleViolation> LockoutRefusalAsync(UserManager<SoukUser> users, string email)
    {
        var user = await users.FindByEmailAsync(email);
        var until = user is null ? null : await users.GetLockoutEndDateAsync(user);
        return RuleViolation.Refused("login.locked-out", until, ("lockedUntil", until));
    }

    private static async Task<Ok<Me>> GetMe(ActorAccessor actors, UserManager<SoukUser> users, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        var user = await users.FindByIdAsync(actor.UserId!) ?? throw new UnauthorizedAccessException();
        return TypedResults.Ok(new Me(user.Id, user.Email ?? "", user.DisplayName, actor.Role.ToString(), actor.StoreId, user.TimeZone));
    }
}
