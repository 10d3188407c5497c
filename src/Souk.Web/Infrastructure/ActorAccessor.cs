using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>Turns the signed-in user into a domain <see cref="Actor"/> (with the seller's store).</summary>
public sealed class ActorAccessor(IHttpContextAccessor http, SoukDbContext db)
{
    private Actor? _actor;

    public async Task<Actor> GetAsync(CancellationToken ct = default)
    {
        if (_actor is not null) return _actor;
        var user = http.HttpContext?.User;
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user is null || id is null) throw new UnauthorizedAccessException();
        if (user.IsInRole(Roles.Admin)) return _actor = Actor.Admin(id);
        if (user.IsInRole(Roles.Seller))
        {
            var storeId = await db.Stores.Where(s => s.OwnerId == id).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
            return _actor = new Actor(ActorRole.Seller, id, storeId);
        }
        return _actor = Actor.Buyer(id);
    }

    public string UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException();
}
