using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Catalog;
using Souk.Domain.Orders;
using Souk.Domain.Payments;
using Souk.Web.Features.Accounts;
using Souk.Web.Features.Addresses;
using Souk.Web.Features.Admin;
using Souk.Web.Features.Cart;
using Souk.Web.Features.Checkout;
using Souk.Web.Features.Coupons;
using Souk.Web.Features.Dev;
using Souk.Web.Features.Listings;
using Souk.Web.Features.Notifications;
using Souk.Web.Features.Orders;
using Souk.Web.Features.Stores;
using Souk.Web.Features.Webhooks;
using Souk.Web.Infrastructure;

namespace Souk.Web.Features;

/// <summary>
/// The examples in the OpenAPI document, in one place. Every request body has a hand-written example here — the body
/// record itself, so renaming a field breaks the build instead of the example; a new body type without one fails
/// <c>OpenApiQualityTests</c>. The order (the answer of every order action) is written by hand as one consistent
/// moment; other answers are built from their record types with fixed, plausible values (<see cref="Sample"/>), using
/// the hand-written pieces where they appear. Everything is fixed — no clock, no random — so the committed snapshot
/// does not change between runs.
/// </summary>
public static class ApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // Declared before Written, which uses them (static fields are set in order).
    private const string BuyerId = "8d3c2f0e-5b1a-4c1e-9a57-2f4e0c1d7a11";
    private static readonly ShippingAddress Address = new("Ada Buyer", "1 Market Street", null, "Springfield", "12345", "US", "+1 555 0100");
    private static readonly ActionView RequestCancellation = new("request-cancellation", true, null, null, null, null, null, "POST",
        "/api/orders/7/cancellation-request",
        [ActionField.Choice("reason", true, ["NoLongerNeeded", "ChangeAddress"]), ActionField.Text("comment", false, "required for Other")]);

    /// <summary>Hand-written examples by type: every request body, and the parts of answers worth showing as they really look.</summary>
    public static readonly IReadOnlyDictionary<Type, object> Written = WithActionBodies(new Dictionary<Type, object>
    {
        // Accounts, addresses, stores, listings
        [typeof(SignIn.RegisterBody)] = new SignIn.RegisterBody("ada@example.com", "Correct-horse-1", Roles.Buyer, "Ada"),
        [typeof(SignIn.LoginBody)] = new SignIn.LoginBody("ada@example.com", "Correct-horse-1"),
        [typeof(AddressBook.Body)] = new AddressBook.Body("Ada Buyer", "1 Market Street", "Springfield", "12345", "US", Phone: "+1 555 0100"),
        [typeof(OpenStore.Body)] = new OpenStore.Body("Brass & Copper"),
        [typeof(RenameStore.Body)] = new RenameStore.Body("Brass & Copper Works"),
        [typeof(ListingBody)] = new ListingBody("Brass teapot", 1_000, "USD", 25, 3,
            [new ShippingOptionBody("standard", "Standard post", 200, 20), new ShippingOptionBody("express", "Express courier", 900, 7)]),
        [typeof(ChangeCart.AddBody)] = new ChangeCart.AddBody(12, 1),
        [typeof(ChangeCart.QuantityBody)] = new ChangeCart.QuantityBody(2),
        [typeof(PlaceOrders.Body)] = new PlaceOrders.Body(3, [new PlaceOrders.ShippingChoice(5, "standard", "SPRING")]),

        // Order actions: each row of ActionCatalog carries its body's example (see ExampleOf)
        [typeof(OrderMessages.Body)] = new OrderMessages.Body("Could you wrap it as a gift?"),

        // Money, coupons, admin, notifications, webhooks, the development clock
        [typeof(StoreCoupons.Body)] = new StoreCoupons.Body("SPRING", CouponKind.Percent, 10, At, At.AddDays(30), Currency: "USD", MinOrderMinor: 2_000, UsageLimit: 100),
        [typeof(StoreCoupons.TermsBody)] = new StoreCoupons.TermsBody(CouponKind.Percent, 15, At, At.AddDays(30), MinOrderMinor: 2_000, UsageLimit: 100),
        [typeof(Investigations.ComplaintBody)] = new Investigations.ComplaintBody("NotShipping", "Paid three weeks ago; nothing shipped."),
        [typeof(Investigations.OpenBody)] = new Investigations.OpenBody("Several buyers report orders never shipped."),
        [typeof(Investigations.EvidenceBody)] = new Investigations.EvidenceBody("Tracking numbers for all of last month's orders are attached."),
        [typeof(Investigations.CloseBody)] = new Investigations.CloseBody("cleared", "The tracking shows every order delivered."),
        [typeof(NotificationBell.ReadBody)] = new NotificationBell.ReadBody(120),
        [typeof(WebhookApi.Body)] = new WebhookApi.Body("https://shop.example/souk-hooks", ["order.paid", "order.shipped"], null),
        [typeof(WebhookApi.SecretBody)] = new WebhookApi.SecretBody(null),
        [typeof(DevClock.Body)] = new DevClock.Body(TimeSpan.FromDays(3)),

        // Answers and their parts
        [typeof(OrderView)] = PaidOrder(),
        [typeof(ShippingAddress)] = Address,
        [typeof(ActionView)] = RequestCancellation,
        [typeof(TimelineEntryView)] = new TimelineEntryView(At, "order.placed", ActorRole.Buyer, BuyerId, new Dictionary<string, string>()),
        [typeof(DeadlineView)] = new DeadlineView("handling", At.AddDays(3)),
        [typeof(PausedDeadlineView)] = new PausedDeadlineView("handling", new TimeSpan(2, 4, 0, 0)),
        [typeof(NextDeadlineView)] = new NextDeadlineView("handling", At.AddDays(3), At.AddDays(2)),
    });

    /// <summary>The order actions' body examples, each written in its row of <see cref="ActionCatalog"/>.</summary>
    private static Dictionary<Type, object> WithActionBodies(Dictionary<Type, object> written)
    {
        foreach (var row in ActionCatalog.Rows)
            if (row.Call is { BodyType: { } type, Example: { } example }) written.TryAdd(type, example);
        return written;
    }

    /// <summary>
    /// The order every order action answers with, as its buyer sees it: paid and confirmed, waiting for the seller to
    /// ship — the instant cancel has passed (refused, with its code and sentence), a cancellation request is possible.
    /// </summary>
    private static OrderView PaidOrder()
    {
        var paidAt = At.AddMinutes(3);
        var confirmedAt = paidAt.AddMinutes(5);
        var cancel = new ActionView("cancel", false, "cancel.needs-seller-approval", new Dictionary<string, object?>(),
            RefusalMessages.Render("cancel.needs-seller-approval", new Dictionary<string, object?>()), null, null, "POST", "/api/orders/7/cancel", []);
        return new OrderView(Id: 7, StoreId: 5, BuyerId: BuyerId, State: OrderState.AwaitingShipment, Outcome: null, MoneyState: MoneyState.Held,
            InDeletedOrders: false, FrozenSince: null, Currency: "USD", ItemsTotal: 1_000, ShippingTotal: 200, Discount: 0, CouponCode: null,
            Total: 1_200, Refunded: 0, HandlingDays: 3, DeliveryDays: 20, ShippingMethod: "standard", Address: Address, PlacedAt: At,
            PaymentConfirmedAt: confirmedAt, ShippedAt: null, CompletedAt: null, CountsAgainst: null,
            Lines: [new OrderLineView(12, "Brass teapot", 1_000, 1, 1_000, 3)],
            Payment: new PaymentView(PaymentMethod.Card, "card •••• 4242", "sbx-7-1", 1_200, 1_200, 0, paidAt),
            Shipment: null, CancellationRequest: null, HandlingExtension: null, ProtectionExtension: null, Dispute: null,
            Deadlines: [new DeadlineView("handling", confirmedAt.AddDays(3))], PausedDeadlines: [], Refunds: [],
            Timeline:
            [
                new TimelineEntryView(At, "order.placed", ActorRole.Buyer, BuyerId, new Dictionary<string, string>()),
                new TimelineEntryView(paidAt, "order.paid", ActorRole.Buyer, BuyerId, new Dictionary<string, string> { ["method"] = "Card" }),
                new TimelineEntryView(confirmedAt, "payment.confirmed", ActorRole.System, null, new Dictionary<string, string>()),
            ],
            Actions: [cancel, RequestCancellation], Version: 3);
    }

    /// <summary>Adds the example of the request body and of each 2xx answer with content to one operation.</summary>
    public static Task AddToOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var description = context.Description;

        // A request body has a hand-written example or none (so the quality test names it).
        // (NoBody, the body of actions that take nothing, has no example: the document cannot show an empty object.)
        if (description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type is { } bodyType
            && Written.TryGetValue(bodyType, out var body) && operation.RequestBody?.Content is { } bodyContent)
        {
            foreach (var media in bodyContent.Values) media.Example ??= JsonSerializer.SerializeToNode(body, bodyType, json);
        }

        foreach (var answer in description.SupportedResponseTypes)
        {
            if (answer.StatusCode is < 200 or > 299 || answer.Type is not { } type || type == typeof(void)) continue;
            if (operation.Responses?.TryGetValue(answer.StatusCode.ToString(), out var response) != true || response!.Content is not { } content) continue;
            var example = Sample(type, null, 0);
            if (example is null) continue;
            foreach (var media in content.Values) media.Example ??= JsonSerializer.SerializeToNode(example, type, json);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// An instance of <paramref name="type"/> with fixed values: hand-written where <see cref="Written"/> has one,
    /// otherwise built through the record's constructor, each value chosen by its type and name (an id is 7, an
    /// amount 1200 minor units, a currency USD). Lists get one element.
    /// </summary>
    public static object? Sample(Type type, string? name, int depth)
    {
        if (Written.TryGetValue(type, out var written)) return written;
        if (Nullable.GetUnderlyingType(type) is { } inner) return Sample(inner, name, depth);
        var lower = name?.ToLowerInvariant() ?? "";
        if (type == typeof(string)) return TextFor(lower);
        if (type == typeof(long) || type == typeof(int))
        {
            long n = lower.EndsWith("id") ? 7 : lower.Contains("days") ? 3 : lower is "version" or "quantity" or "used" ? 1
                : lower is "discount" or "refunded" or "frombalance" or "tobalance" ? 0 : lower.Contains("shipping") ? 200
                : lower is "itemstotal" or "unitprice" or "linetotal" or "price" ? 1_000
                : lower.Contains("count") || lower.Contains("orders") ? 2 : 1_200;
            return type == typeof(int) ? (object)(int)n : n;
        }
        if (type == typeof(bool)) return lower is "allowed" or "open" or "active" or "consistent" or "balanced";
        if (type == typeof(DateTimeOffset)) return At;
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(5);
        if (type == typeof(double) || type == typeof(decimal)) return Convert.ChangeType(0.25, type);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0);
        if (depth > 6) return null;

        if (type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType] && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
            map[Sample(keyType, "key", depth + 1)!] = Sample(valueType, "value", depth + 1);
            return map;
        }
        if (type != typeof(string) && ElementType(type) is { } element)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            if (Sample(element, name, depth + 1) is { } item) list.Add(item);
            return type.IsArray ? ToArray(list, element) : list;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null) return null;
        // What may be absent is absent (null), so the example shows one consistent moment: a new order has no payment,
        // shipment or dispute yet.
        var nullability = new NullabilityInfoContext();
        return constructor.Invoke(constructor.GetParameters()
            .Select(p => Nullable.GetUnderlyingType(p.ParameterType) is not null || nullability.Create(p).WriteState == NullabilityState.Nullable
                ? null
                : Sample(p.ParameterType, p.Name, depth + 1))
            .ToArray());
    }

    private static string TextFor(string name) => name switch
    {
        "currency" => "USD",
        "email" => "ada@example.com",
        "title" => "Brass teapot",
        "name" or "displayname" => "Ada Buyer",
        "reason" => "NoLongerNeeded",
        "code" => "SPRING",
        "method" => "POST",
        "href" or "url" => "https://shop.example/souk-hooks",
        "role" or "uploadedby" => Roles.Buyer,
        "account" => "card •••• 4242",
        "shippingmethod" => "standard",
        "timezone" => "Europe/Amsterdam",
        "kind" => "order.paid",
        "status" => "open",
        _ when name.EndsWith("id") => "8d3c2f0e-5b1a-4c1e-9a57-2f4e0c1d7a11",
        _ => $"example {name}".TrimEnd(),
    };

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(type) ? element
        : null;

    private static Array ToArray(IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }
}
