using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;
using Souk.Data;

namespace Souk.Web.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on every changing call under /api (POST, PUT, DELETE): a retry with the same key and the
/// same request gets the first answer again — status, content type, Location and body, plus
/// <c>Idempotency-Replayed: true</c> — and does nothing else. The same key with another request → 422
/// <c>idempotency.key-reused</c>; while the first is still running → 409 <c>idempotency.in-progress</c>. Keys are
/// per user ("anonymous" when signed out), kept in the database (<see cref="IdempotencyRecord"/>) so any process
/// answers, for <c>Souk:Idempotency:Retention</c> (24 h). Without the header a call behaves as it always did.
/// </summary>
public static class Idempotency
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    private const string TransientItem = "Souk.Idempotency.Transient";

    public static WebApplicationBuilder AddSoukIdempotency(this WebApplicationBuilder builder)
    {
        var retention = builder.Configuration.GetValue<TimeSpan?>("Souk:Idempotency:Retention") ?? new IdempotencyOptions().Retention;
        if (retention < TimeSpan.FromHours(24) || retention > TimeSpan.FromDays(365))
            throw new InvalidOperationException(
                $"Souk:Idempotency:Retention is {retention}; it must be between 24 hours (the API promises keys are kept that long) and 365 days.");
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.ConfigureAll<OpenApiOptions>(o => o.AddOperationTransformer(DescribeHeaderAsync));
        return builder;
    }

    /// <summary>
    /// Only calls that carry the header take the idempotent path. It has its own exception handler inside, so a
    /// refusal thrown by the handler becomes its problem answer here, where it can be stored and replayed.
    /// </summary>
    public static WebApplication UseIdempotency(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Headers.ContainsKey(KeyHeader) && Applies(http), branch => branch
            .UseMiddleware<IdempotencyMiddleware>()
            .UseExceptionHandler());
        return app;
    }

    /// <summary>Turns the header off for a route (sign-in: its answer is a credential, which is never stored).</summary>
    public static RouteHandlerBuilder WithoutIdempotency(this RouteHandlerBuilder route) => route.WithMetadata(new NoIdempotency());

    /// <summary>
    /// The answer is a passing state (a lost optimistic race), not the request's outcome: it is not stored, so a
    /// retry with the same key runs again.
    /// </summary>
    public static void MarkTransient(HttpContext http) => http.Items[TransientItem] = true;

    internal static bool IsTransient(HttpContext http) => http.Items.ContainsKey(TransientItem);

    private static bool Applies(HttpContext http) =>
        IsChanging(http.Request.Method) && http.Request.Path.StartsWithSegments("/api")
        && http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<NoIdempotency>() is null;

    private static bool IsChanging(string? method) =>
        HttpMethods.IsPost(method ?? "") || HttpMethods.IsPut(method ?? "") || HttpMethods.IsDelete(method ?? "") || HttpMethods.IsPatch(method ?? "");

    /// <summary>
    /// The key as sent, or null when it is not usable: exactly one value of 1–200 visible ASCII characters (spaces
    /// allowed inside). A quoted value (the IETF draft's structured-field string) is the same key unquoted.
    /// </summary>
    internal static string? ReadKey(StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } key) return null;
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"') key = key[1..^1];
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength || string.IsNullOrWhiteSpace(key)) return null;
        return key.All(c => c is >= ' ' and <= '~') ? key : null;
    }

    /// <summary>SHA-256 of method, path (with query) and the body's bytes, as lower-case hex.</summary>
    internal static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method.ToUpperInvariant()}\n{request.PathBase}{request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Documents the optional header (and the 409/422 it can cause) on every operation it applies to.</summary>
    private static Task DescribeHeaderAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        if (!IsChanging(description.HttpMethod) || !("/" + description.RelativePath).StartsWith("/api/", StringComparison.Ordinal)
            || description.ActionDescriptor.EndpointMetadata.OfType<NoIdempotency>().Any())
            return Task.CompletedTask;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = KeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional, up to 200 visible ASCII characters (a UUID is ideal). Retrying with the same key and the same request "
                + "returns the first answer again, with Idempotency-Replayed: true, and does nothing else. Keys are per user and kept at least 24 hours.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyRecord.MaxKeyLength },
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("409", Problem(context, "Refused, or (idempotency.in-progress) a request with this Idempotency-Key is still running"));
        operation.Responses.TryAdd("422", Problem(context, "idempotency.key-reused: this Idempotency-Key was used for a different request"));
        return Task.CompletedTask;
    }

    /// <summary>A problem answer like those the endpoints declare with ProducesProblem (application/problem+json).</summary>
    private static OpenApiResponse Problem(OpenApiOperationTransformerContext context, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
        },
    };

    private sealed class NoIdempotency;
}

/// <summary>Runs a keyed request once, stores its answer and replays it; see <see cref="Idempotency"/>.</summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IProblemDetailsService problems,
    ILogger<IdempotencyMiddleware> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var key = Idempotency.ReadKey(http.Request.Headers[Idempotency.KeyHeader]);
        if (key is null)
        {
            await RefuseAsync(http, 400, "idempotency.key-invalid", "Invalid Idempotency-Key");
            return;
        }
        var scope = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var fingerprint = await Idempotency.FingerprintAsync(http.Request, ct);

        var (claimed, existing) = await store.ClaimAsync(scope, key, fingerprint, ct);
        if (claimed is { } id)
        {
            await RunAndStoreAsync(http, id);
            return;
        }
        switch (existing)
        {
            case { } record when record.Fingerprint != fingerprint:
                await RefuseAsync(http, 422, "idempotency.key-reused", "Idempotency-Key reused");
                break;
            case { Status: IdempotencyStatus.Completed } record:
                await ReplayAsync(http, record);
                break;
            default: // still running (or, null, just let go by the request that held it: a retry will run)
                await InProgressAsync(http);
                break;
        }
    }

    private async Task RunAndStoreAsync(HttpContext http, long id)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            // Nothing answered (the inner exception handler let it through): the client may retry with the same key.
            await store.ForgetAsync(id);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        // A failure of Souk's (5xx, a busy database), a lost race or a client that went away (499) is not the
        // request's outcome: forget the key so a retry runs. Everything else — success or a refusal — is stored.
        if (status >= 500 || status == StatusCodes.Status499ClientClosedRequest || Idempotency.IsTransient(http))
            await store.ForgetAsync(id);
        else
            await store.CompleteAsync(id, status, http.Response.ContentType, http.Response.Headers.Location.ToString(), buffer.ToArray());

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record)
    {
        var response = http.Response;
        response.StatusCode = record.ResponseStatus ?? StatusCodes.Status200OK;
        if (record.ResponseContentType is { Length: > 0 } contentType) response.ContentType = contentType;
        if (record.ResponseLocation is { Length: > 0 } location) response.Headers.Location = location;
        response.Headers[Idempotency.ReplayedHeader] = "true";
        var body = record.ResponseBody ?? [];
        if (body.Length == 0) return;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    private Task InProgressAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return RefuseAsync(http, 409, "idempotency.in-progress", "Still in progress");
    }

    private async Task RefuseAsync(HttpContext http, int status, string code, string title)
    {
        using (OrderLogContext.Begin(log, http))
            log.LogInformation("Refused {Method} {Path}: {Status} {Code}", http.Request.Method, http.Request.Path, status, code);
        var problem = ProblemMapping.Problem(status, code, title,
            RefusalMessages.Render(code, new Dictionary<string, object?> { ["maxLength"] = IdempotencyRecord.MaxKeyLength }));
        http.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

/// <summary>
/// The <see cref="IdempotencyRecord"/> table. Each step is its own short write outside the request's transaction:
/// claiming the key must be visible to every other process before the request runs.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, SoukClock clock, IOptions<SoukOptions> options, ILogger<IdempotencyStore> log)
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);
    private long _nextCleanupTicks;

    /// <summary>
    /// Real time, not Souk's clock: a client retries in wall-clock time, and the development clock, moved days ahead
    /// in demos, would otherwise forget keys within seconds (as sign-in lifetimes, see SoukServices.AddSoukAccounts).
    /// Tests move the fake time under Souk's clock, which is this one.
    /// </summary>
    private DateTimeOffset Now => clock.RealTime.GetUtcNow();

    /// <summary>
    /// Claims the key for this request (returns its record id), or returns the record already holding it. An expired
    /// record is forgotten first. Of two requests claiming at once, the unique index lets exactly one win; the other
    /// reads the winner's record (null if the winner has meanwhile let it go — still running, as far as it can tell).
    /// </summary>
    public async Task<(long? Claimed, IdempotencyRecord? Existing)> ClaimAsync(string scope, string key, string fingerprint, CancellationToken ct)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<SoukDbContext>();
        var now = Now;
        var existing = await FindAsync(db, scope, key, ct);
        if (existing is not null && existing.ExpiresAt > now) return (null, existing);
        if (existing is not null)
            await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
        await CleanUpAsync(db, now, ct);

        var record = new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            Fingerprint = fingerprint,
            Status = IdempotencyStatus.InProgress,
            CreatedAt = now,
            ExpiresAt = now + options.Value.Idempotency.Retention,
        };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return (record.Id, null);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (null, await FindAsync(db, scope, key, ct));
        }
    }

    /// <summary>Stores the answer. Not cancellable: the request's effect has happened, so its answer must be kept.</summary>
    public async Task CompleteAsync(long id, int status, string? contentType, string? location, byte[] body)
    {
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<SoukDbContext>();
            await db.IdempotencyRecords.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IdempotencyStatus.Completed)
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseContentType, contentType)
                .SetProperty(r => r.ResponseLocation, string.IsNullOrEmpty(location) ? null : location)
                .SetProperty(r => r.ResponseBody, body));
        }
        catch (Exception e)
        {
            // The effect is done and the client still gets its answer; retries with this key answer 409 in-progress
            // until the key expires, which is safer than running the request twice.
            log.LogError(e, "Could not store the answer for idempotency record {Id}", id);
        }
    }

    /// <summary>Lets the key go, so a retry runs the request (it failed without an outcome).</summary>
    public async Task ForgetAsync(long id)
    {
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<SoukDbContext>();
            await db.IdempotencyRecords.Where(r => r.Id == id).ExecuteDeleteAsync();
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not release idempotency record {Id}; retries answer 409 until it expires", id);
        }
    }

    private static Task<IdempotencyRecord?> FindAsync(SoukDbContext db, string scope, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);

    /// <summary>
    /// At most once an hour per process, while claiming a key, expired records are deleted (an indexed delete). Expiry
    /// itself does not depend on it: an expired record is never replayed.
    /// </summary>
    private async Task CleanUpAsync(SoukDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextCleanupTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextCleanupTicks, (now + CleanupEvery).UtcTicks, due) != due) return;
        var deleted = await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        if (deleted > 0) log.LogInformation("Forgot {Count} expired idempotency keys", deleted);
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true, // SQLITE_CONSTRAINT
        DbException { SqlState: "23505" } => true,        // PostgreSQL unique_violation
        _ => false,
    };
}
