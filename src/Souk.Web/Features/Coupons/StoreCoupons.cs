using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Coupons;

/// <summary>
/// A seller's store coupons (spec §4, Coupons): fixed amount or percent off, minimum order, validity period, usage
/// limit. Buyers apply one per store at checkout by its code. Coupons are deactivated, never deleted, because orders
/// refer to them.
/// </summary>
public static class StoreCoupons
{
    public sealed record Body(string? Code, CouponKind? Kind, long? Value, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
        string? Currency = null, long? MinOrderMinor = null, int? UsageLimit = null);

    /// <summary>What an edit may change: the terms. The code and currency stay as created (they name the coupon buyers
    /// type and the money it is in), so an edit does not ask for them.</summary>
    public sealed record TermsBody(CouponKind? Kind, long? Value, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
        long? MinOrderMinor = null, int? UsageLimit = null);

    public sealed record CouponView(long Id, long StoreId, string Code, CouponKind Kind, long Value, string Currency, long MinOrderMinor,
        DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int? UsageLimit, int Used, int? UsesLeft, bool Active)
    {
        public static CouponView Of(Coupon c) => new(c.Id, c.StoreId, c.Code, c.Kind, c.Value, c.Currency, c.MinOrderMinor, c.ValidFrom,
            c.ValidUntil, c.UsageLimit, c.Used, c.UsageLimit is { } l ? Math.Max(0, l - c.Used) : null, c.IsActive);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var coupons = api.MapGroup("/coupons").WithTags("Coupons").RequireAuthorization(Roles.Seller);
        coupons.MapGet("/", List).WithName("list-coupons").WithSummary("The seller's store coupons, newest first")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        coupons.MapPost("/", Create).WithName("create-coupon")
            .WithSummary("Create a store coupon: fixed amount or percent off, minimum order, validity period, usage limit")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        coupons.MapPut("/{id:long}", Update).WithName("update-coupon")
            .WithSummary("Change a coupon's terms (the code and currency stay)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
        coupons.MapPost("/{id:long}/deactivate", Deactivate).WithName("deactivate-coupon")
            .WithSummary("Stop a coupon being used at checkout; orders that used it keep their discount")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
    }

    internal static async Task<Ok<List<CouponView>>> List(ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var storeId = await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
        var coupons = await db.Coupons.AsNoTracking().Where(c => c.StoreId == storeId).OrderByDescending(c => c.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(coupons.Select(CouponView.Of).ToList());
    }

    internal static async Task<Created<CouponView>> Create(Body body, ActorAccessor actors, SoukDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var storeId = await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
        var coupon = new Coupon(storeId, body.Code ?? "", body.Currency ?? "", Terms(body), clock.GetUtcNow());
        if (await db.Coupons.AnyAsync(c => c.StoreId == storeId && c.Code == coupon.Code, ct))
            throw RuleViolation.Refused("coupon.code-taken", null, ("code", coupon.Code)).ToException();
        db.Coupons.Add(coupon);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/coupons/{coupon.Id}", CouponView.Of(coupon));
    }

    private static async Task<Ok<CouponView>> Update(long id, TermsBody body, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var coupon = await FindAsync(id, actors, db, ct);
        coupon.Update(Terms(body));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CouponView.Of(coupon));
    }

    internal static async Task<Ok<CouponView>> Deactivate(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var coupon = await FindAsync(id, actors, db, ct);
        if (!coupon.IsActive) throw RuleViolation.Refused("coupon.already-inactive", null, ("code", coupon.Code)).ToException();
        coupon.Deactivate();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CouponView.Of(coupon));
    }

    private static CouponTerms Terms(Body b) => Terms(new TermsBody(b.Kind, b.Value, b.ValidFrom, b.ValidUntil, b.MinOrderMinor, b.UsageLimit));

    private static CouponTerms Terms(TermsBody b)
    {
        if (b.Kind is not { } kind || !Enum.IsDefined(kind)) throw RuleViolation.Invalid("coupon.kind-invalid", "kind").ToException();
        if (b.Value is not { } value) throw RuleViolation.Invalid("coupon.value-out-of-range", "value", ("kind", kind.ToString())).ToException();
        if (b.ValidFrom is not { } from) throw RuleViolation.Invalid("coupon.validity-required", "validFrom").ToException();
        if (b.ValidUntil is not { } until) throw RuleViolation.Invalid("coupon.validity-required", "validUntil").ToException();
        return new CouponTerms(kind, value, b.MinOrderMinor ?? 0, from, until, b.UsageLimit);
    }

    /// <summary>Another store's coupon answers 404, like an unknown one.</summary>
    private static async Task<Coupon> FindAsync(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var storeId = await Stores.StoreEndpoints.MyStoreIdAsync(actors, ct);
        return await db.Coupons.FirstOrDefaultAsync(c => c.Id == id && c.StoreId == storeId, ct)
            ?? throw new NotFoundException("coupon.not-found", RefusalMessages.Render("coupon.not-found", new Dictionary<string, object?>()));
    }
}
