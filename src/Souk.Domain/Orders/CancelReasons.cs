namespace Souk.Domain.Orders;

/// <summary>One row of the cancellation reason table: data, not code, so a marketplace can change it.</summary>
public sealed record CancelReason(string Code, Responsibility CountsAgainst, bool RequiresComment, IReadOnlyDictionary<string, string> Texts)
{
    /// <summary>The reason's text in <paramref name="language"/> (two letters), or in English when it has none.</summary>
    public string TextIn(string language) => Texts.TryGetValue(language, out var text) ? text : Texts["en"];
}

/// <summary>The reasons a buyer can pick when cancelling (spec §3, "Cancellation request").</summary>
public sealed class CancelReasonTable(IEnumerable<CancelReason> reasons)
{
    private readonly IReadOnlyList<CancelReason> _reasons = reasons.ToList();

    public IReadOnlyList<CancelReason> All => _reasons;

    public CancelReason? Find(string? code) => _reasons.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));

    /// <summary>The spec's table, in English and Russian.</summary>
    public static CancelReasonTable Default { get; } = new(
    [
        new("NoLongerNeeded", Responsibility.Buyer, false, Texts("I don't need this order any more", "Мне больше не нужен этот заказ")),
        new("ChangeOrder", Responsibility.Buyer, false, Texts("I want to change the order", "Я хочу изменить заказ")),
        new("ChangeAddress", Responsibility.Buyer, false, Texts("I want to change the shipping address", "Я хочу изменить адрес доставки")),
        new("ChangeCoupon", Responsibility.Buyer, false, Texts("I want to use another coupon", "Я хочу использовать другой купон")),
        new("ChangeShipping", Responsibility.Buyer, false, Texts("I want another shipping method", "Я хочу другой способ доставки")),
        new("PaymentProblem", Responsibility.Platform, false, Texts("Payment problem", "Проблема с оплатой")),
        new("Other", Responsibility.Buyer, true, Texts("Other", "Другое")),
    ]);

    private static Dictionary<string, string> Texts(string en, string ru) => new() { ["en"] = en, ["ru"] = ru };
}
