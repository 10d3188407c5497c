using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain.Catalog;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Stores;

/// <summary>The store routes: a seller opens and renames their one store; anyone can look a store up.</summary>
public static class StoreEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var stores = api.MapGroup("/stores").WithTags("Stores");
        OpenStore.Map(stores);
        RenameStore.Map(stores);
        ReadStores.Map(stores);
        StorePerformance.Map(stores);
    }

    /// <summary>The signed-in seller's store; a seller who has not opened one gets 404 <c>store.not-open</c>.</summary>
    public static async Task<Store> MyStoreAsync(ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        return await db.Stores.FirstOrDefaultAsync(s => s.OwnerId == actor.UserId, ct) ?? throw NotOpen();
    }

    /// <summary>The signed-in seller's store id, from their sign-in; 404 <c>store.not-open</c> before they open one.</summary>
    public static async Task<long> MyStoreIdAsync(ActorAccessor actors, CancellationToken ct) =>
        (await actors.GetAsync(ct)).StoreId ?? throw NotOpen();

    private static NotFoundException NotOpen() =>
        new("store.not-open", RefusalMessages.Render("store.not-open", new Dictionary<string, object?>()));
}

public sealed record StoreView(long Id, string Name, DateTimeOffset OpenedAt, int ListedCount)
{
    public static async Task<StoreView> OfAsync(Store store, SoukDbContext db, CancellationToken ct) =>
        new(store.Id, store.Name, store.OpenedAt, await db.Listings.CountAsync(l => l.StoreId == store.Id && l.IsListed, ct));
}
