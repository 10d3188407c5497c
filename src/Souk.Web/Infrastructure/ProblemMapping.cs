using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>A signed-in user asked for an action that belongs to another role on an order they can see.</summary>
public sealed class ActionNotForRoleException(string role) : Exception($"Only the {role} can do this.")
{
    public string Role { get; } = role;
}

/// <summary>
/// The one place where failures become RFC 9457 problems: a refused rule → 409 with its code, bad input → 400
/// with the field, not yours or unknown → 404, a busy database → 503 with Retry-After. Nothing a client sends
/// becomes a 500.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            RuleViolationException e => FromViolation(e.Violation),
            OrderNotFoundException => Problem(404, "order.not-found", "Order not found"),
            NotFoundException e => Problem(404, e.Code, "Not found", e.Message),
            ActionNotForRoleException e => Problem(403, "order.action-not-for-role", "Not your action",
                RefusalMessages.Render("order.action-not-for-role", new Dictionary<string, object?> { ["role"] = e.Role })),
            UnauthorizedAccessException => Problem(401, "auth.required", "Sign in required", "Sign in to do this."),
            DbUpdateConcurrencyException e => ChangedConcurrently(http, e),
            BadHttpRequestException e when e.InnerException is JsonException j => BadBody(j),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
            BadHttpRequestException e => Problem(e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400, "request.malformed", "Malformed request", e.Message),
            JsonException j => BadBody(j),
            _ when IsDatabaseBusy(exception) => Busy(http),
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled failure on {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }

        // Refusals are normal answers, logged with their code (never the body: it may hold personal data).
        using (OrderLogContext.Begin(log, http))
            log.LogInformation("Refused {Method} {Path}: {Status} {Code}", http.Request.Method, http.Request.Path, problem.Status, problem.Extensions["code"]);
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails FromViolation(RuleViolation v)
    {
        var invalid = v.Kind == ViolationKind.Invalid;
        var problem = Problem(invalid ? 400 : 409, v.Code, invalid ? "Invalid input" : "Not possible now", RefusalMessages.Render(v));
        problem.Extensions["arguments"] = v.Arguments;
        if (v.PossibleFrom is { } from) problem.Extensions["possibleFrom"] = from;
        if (v.Field is { } field)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [RefusalMessages.Render(v)] };
        return problem;
    }

    public static ProblemDetails Problem(int status, string code, string title, string? detail = null)
    {
        var p = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://souk.dev/problems/{code}" };
        p.Extensions["code"] = code;
        return p;
    }

    /// <summary>The code of a refusal made before any handler runs, by its bare status (see AddProblemDetails).</summary>
    public static string? BareStatusCode(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "auth.required",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "request.not-found",
        StatusCodes.Status405MethodNotAllowed => "request.method-not-allowed",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported-media-type",
        >= 400 and < 500 => "request.refused",
        _ => null,
    };

    /// <summary>A body past the server's or the endpoint's request size limit.</summary>
    public static ProblemDetails TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "request.too-large", "Content too large", "The request body is larger than this server accepts.");

    /// <summary>
    /// A body the parser refused, naming the field: required ones left out (<see cref="StrictBodies"/>), a property given
    /// twice, or a value of the wrong type (a number sent as a string, too) → <c>request.malformed-body</c>.
    /// </summary>
    private static ProblemDetails BadBody(JsonException j)
    {
        var at = string.IsNullOrEmpty(j.Path) ? "" : j.Path.TrimStart('$', '.');
        if (j is FieldRequiredException required)
        {
            var fields = required.Fields.Select(f => at.Length == 0 ? f : $"{at}.{f}").ToList();
            var p = Problem(400, "request.field-required", "Invalid input", Render("request.field-required", string.Join(", ", fields)));
            p.Extensions["arguments"] = new Dictionary<string, object?> { ["field"] = fields[0] };
            p.Extensions["errors"] = fields.ToDictionary(f => f, f => new[] { Render("request.field-required", f) });
            return p;
        }
        var field = at.Length == 0 ? "body" : at;
        // System.Text.Json says a property came twice only in its message (no type or code of its own); the path is the
        // property's. Without AllowDuplicateProperties = false (AddSoukApi) the last of the two would silently win.
        if (j.Message.StartsWith("Duplicate ", StringComparison.Ordinal))
        {
            var p = Problem(400, "request.duplicate-property", "Invalid input", Render("request.duplicate-property", field));
            p.Extensions["arguments"] = new Dictionary<string, object?> { ["field"] = field };
            p.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [Render("request.duplicate-property", field)] };
            return p;
        }
        var bad = Problem(400, "request.malformed-body", "Malformed body", $"The request body could not be read at '{field}'.");
        bad.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [j.Message] };
        return bad;
    }

    private static string Render(string code, string field) => RefusalMessages.Render(code, new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A lost race, not the request's outcome: a retry with the same Idempotency-Key runs again.</summary>
    private static ProblemDetails ChangedConcurrently(HttpContext http, DbUpdateConcurrencyException e)
    {
        Idempotency.MarkTransient(http);
        var code = ChangedConcurrentlyCode(e);
        return Problem(409, code, "Changed concurrently", RefusalMessages.Render(code, new Dictionary<string, object?>()));
    }

    /// <summary>
    /// Names what the other caller changed first: the order (also when its buyer's wallet or standing raced, which only
    /// order actions touch), or else the listing, coupon or investigation being edited — so a seller whose listing edit
    /// lost is not told about an order.
    /// </summary>
    public static string ChangedConcurrentlyCode(DbUpdateConcurrencyException e)
    {
        var types = e.Entries.Select(entry => entry.Metadata.IsOwned() ? entry.Metadata.FindOwnership()!.PrincipalEntityType.ClrType : entry.Metadata.ClrType).ToList();
        if (types.Contains(typeof(Souk.Domain.Orders.Order))) return "order.changed-concurrently";
        if (types.Contains(typeof(Souk.Domain.Catalog.Listing))) return "listing.changed-concurrently";
        if (types.Contains(typeof(Souk.Domain.Catalog.Coupon))) return "coupon.changed-concurrently";
        if (types.Contains(typeof(Souk.Domain.Catalog.StoreInvestigation))) return "investigation.changed-concurrently";
        return "order.changed-concurrently";
    }

    private static ProblemDetails Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problem(503, "database.busy", "Busy", "The database is busy. Try again in a moment.");
    }

    /// <summary>Transient database states a client can simply retry.</summary>
    private static bool IsDatabaseBusy(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SqliteException { SqliteErrorCode: 5 or 6 }) return true; // SQLITE_BUSY, SQLITE_LOCKED
            // PostgreSQL: serialization failure, deadlock, lock not available, too many connections, starting up.
            if (x is System.Data.Common.DbException { SqlState: "40001" or "40P01" or "55P03" or "53300" or "57P03" }) return true;
        }
        return false;
    }
}

/// <summary>Something other than an order was not found (a listing, an address, a cart item).</summary>
public sealed class NotFoundException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
