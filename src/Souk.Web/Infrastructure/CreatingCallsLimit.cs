using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Policy.CreatingCallsPerMinute: every call that changes something (POST, PUT, DELETE) counts against its user
/// (or, signed out, its address) in a one-minute window; reads are never limited. Over the limit → 429 problem
/// with Retry-After.
/// </summary>
public static class CreatingCallsLimit
{
    public static IServiceCollection AddCreatingCallsLimit(this IServiceCollection services, Policy policy) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
                    return RateLimitPartition.GetNoLimiter("reads");
                var who = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(who, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = policy.CreatingCallsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problem = ProblemMapping.Problem(429, "rate-limit.exceeded", "Too many requests",
                    $"At most {policy.CreatingCallsPerMinute} changing calls per minute. Try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.");
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            };
        });
}
