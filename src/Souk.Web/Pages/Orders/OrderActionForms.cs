using System.Globalization;
using System.Reflection;
using Souk.Domain.Orders;
using Souk.Web.Features.Orders;

namespace Souk.Web.Pages.Orders;

/// <summary>
/// The order page's forms: which actions it renders as a generic form (from the action's <see cref="ActionField"/>s,
/// the same list the API publishes), and how a submitted form becomes the domain verb: the form is read into the very
/// body record the action's API endpoint reads, and the action's row in <see cref="ActionCatalog"/> makes the verb of
/// it, so argument handling lives once. The runner and the commit step are shared.
/// </summary>
public static class OrderActionForms
{
    /// <summary>Actions with a page of their own (cancel dialog, delete confirmations, payment, cart) or a row button.</summary>
    public static bool HasOwnPage(string action) => ActionCatalog.Find(action) is not { OwnPage: false };

    /// <summary>Amounts are typed in major units (12.50) and travel in minor units (1250), like every money field of the API.</summary>
    public static bool IsMoney(ActionField field) => field.Type == "integer" && field.Name.EndsWith("Minor", StringComparison.Ordinal);

    /// <summary>An option's value as a form sends it: typed in the API's JSON (a refund id is a number), text in a form.</summary>
    public static string FormValue(object option) => Convert.ToString(option, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The submitted form as the body the action's API endpoint takes, and that endpoint's verb.</summary>
    public static OrderVerb Verb(OrderAction action, Func<string, string?> form) =>
        // Amounts are read in the order's currency (its minor digits), known once the order is loaded.
        (order, actor, now, rules) =>
        {
            var call = ActionCatalog.Row(action).Call;
            call.VerbFor(call.BodyType is { } type ? Read(type, form, order.Currency) : null)(order, actor, now, rules);
        };

    /// <summary>
    /// A form read into a body record, by the record's constructor: each parameter from the form field of its JSON name.
    /// A form sends every field, empty or not, so an empty one is a missing one (null) and a typed one loses its stray
    /// blanks; a number that does not parse is missing too, as in a JSON body without it. Amounts (<c>…Minor</c>) are
    /// typed in major units; one that does not parse is passed on as -1, out of range, so the verb refuses it with its
    /// own rule. A checkbox is true when ticked.
    /// </summary>
    public static object Read(Type bodyType, Func<string, string?> form, string currency)
    {
        var constructor = bodyType.GetConstructors().Single();
        return constructor.Invoke(constructor.GetParameters().Select(p => Value(bodyType, p, form, currency)).ToArray());
    }

    private static object? Value(Type bodyType, ParameterInfo parameter, Func<string, string?> form, string currency)
    {
        var name = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
        var text = form(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type == typeof(string)) return text;
        if (type == typeof(bool)) return text is "true" or "on";
        if (text is null) return null;
        if (type == typeof(long) && name.EndsWith("Minor", StringComparison.Ordinal)) return OrderDisplay.ToMinor(text, currency) ?? -1;
        if (type == typeof(long)) return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
        if (type == typeof(int)) return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        if (type == typeof(DateTimeOffset))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        throw new NotSupportedException($"A form cannot fill {bodyType.Name}.{parameter.Name} of type {type.Name}.");
    }

    /// <summary>The action an action name (as in <see cref="ActionView.Action"/>) stands for.</summary>
    public static OrderAction? Parse(string? name) => ActionCatalog.Find(name) is { Action: not OrderAction.AddToCartAgain } row ? row.Action : null;
}
