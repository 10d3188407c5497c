using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features.Addresses;

/// <summary>
/// The buyer's address book: checkout ships to one of these. Orders copy the address, so deleting or changing an
/// entry never changes an order already placed.
/// </summary>
public static class AddressBook
{
    /// <summary>Enough for home, work and family; it also keeps one buyer from filling the table.</summary>
    public const int MaxAddresses = 20;

    public sealed record Body(string? Name, string? Line1, string? City, string? PostalCode, string? Country, string? Line2 = null, string? Phone = null);

    public sealed record AddressView(long Id, string Name, string Line1, string? Line2, string City, string PostalCode, string Country, string? Phone)
    {
        public static AddressView Of(AddressBookEntry a) => new(a.Id, a.Name, a.Line1, a.Line2, a.City, a.PostalCode, a.Country, a.Phone);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var addresses = api.MapGroup("/me/addresses").WithTags("Addresses").RequireAuthorization(Roles.Buyer);
        addresses.MapGet("/", List).WithName("list-addresses").WithSummary("The buyer's address book")
            .ProducesProblem(401).ProducesProblem(403);
        addresses.MapPost("/", Add).WithName("add-address").WithSummary("Add an address to the buyer's address book")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(429).ProducesProblem(503);
        addresses.MapDelete("/{id:long}", Delete).WithName("delete-address")
            .WithSummary("Remove an address; orders already placed keep their copy")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
    }

    private static async Task<Ok<List<AddressView>>> List(ActorAccessor actors, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(actors.UserId, db, ct));

    /// <summary>The address book itself, shared by the API and the pages.</summary>
    public static async Task<List<AddressView>> ListAsync(string buyerId, SoukDbContext db, CancellationToken ct)
    {
        var entries = await db.Addresses.AsNoTracking().Where(a => a.BuyerId == buyerId).OrderBy(a => a.Id).ToListAsync(ct);
        return entries.Select(AddressView.Of).ToList();
    }

    private static async Task<Created<AddressView>> Add(Body body, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var added = await AddAsync(actors.UserId, body, db, ct);
        return TypedResults.Created($"/api/me/addresses/{added.Id}", added);
    }

    public static async Task<AddressView> AddAsync(string buyerId, Body body, SoukDbContext db, CancellationToken ct)
    {
        var entry = new AddressBookEntry
        {
            BuyerId = buyerId,
            Name = Required(body.Name, "name", 100),
            Line1 = Required(body.Line1, "line1", 200),
            Line2 = Optional(body.Line2, "line2", 200),
            City = Required(body.City, "city", 100),
            PostalCode = Required(body.PostalCode, "postalCode", 20),
            Country = Required(body.Country, "country", 60),
            Phone = Optional(body.Phone, "phone", 40),
        };
        // The count and the insert share one write transaction, so two racing adds cannot pass the limit together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Addresses.CountAsync(a => a.BuyerId == entry.BuyerId, ct) >= MaxAddresses)
            throw RuleViolation.Refused("address.book-full", null, ("max", MaxAddresses)).ToException();
        db.Addresses.Add(entry);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AddressView.Of(entry);
    }

    private static async Task<NoContent> Delete(long id, ActorAccessor actors, SoukDbContext db, CancellationToken ct)
    {
        var buyerId = actors.UserId;
        // Another buyer's address answers exactly like an unknown one, so ids cannot be probed.
        var entry = await db.Addresses.FirstOrDefaultAsync(a => a.Id == id && a.BuyerId == buyerId, ct)
            ?? throw new NotFoundException("address.not-found", RefusalMessages.Render("address.not-found", new Dictionary<string, object?>()));
        db.Addresses.Remove(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw RuleViolation.Invalid("address.field-required", field, ("field", field)).ToException();
        return Optional(value, field, maxLength)!;
    }

    private static string? Optional(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw RuleViolation.Invalid("address.field-too-long", field, ("field", field), ("maxLength", maxLength)).ToException();
        return trimmed;
    }
}
