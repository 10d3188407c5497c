using System.Globalization;

namespace Souk.Web.Pages.Orders;

/// <summary>
/// The order timeline's sentences: one neutral, third-person, past-tense sentence per event kind of
/// <see cref="Souk.Domain.Orders.OrderEventKinds.All"/>, readable alike by the buyer, the seller and an admin (unlike the
/// notification texts, which speak to the person notified). The current UI culture picks English or Russian.
/// </summary>
public static class TimelineTexts
{
    /// <summary>The sentence for <paramref name="kind"/> in the current UI culture; an unknown kind reads as itself.</summary>
    public static string Of(string kind)
    {
        var table = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? Russian : English;
        return table.TryGetValue(kind, out var sentence) ? sentence : kind;
    }

    /// <summary>The kinds with a sentence (the test checks both tables cover exactly <c>OrderEventKinds.All</c>).</summary>
    public static IReadOnlyCollection<string> Kinds => English.Keys;

    /// <summary>The kinds with a Russian sentence, for the test.</summary>
    internal static IReadOnlyCollection<string> RussianKinds => Russian.Keys;

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["order.placed"] = "Order placed.",
        ["order.paid"] = "Payment sent for review.",
        ["payment.confirmed"] = "Payment confirmed; the handling countdown started.",
        ["payment.rejected"] = "Payment rejected in review; the order closed with a full refund.",
        ["payment.review-timed-out"] = "Payment review took too long; the order closed with a full refund.",
        ["order.expired-unpaid"] = "Not paid in time; the order closed.",

        ["order.cancelled"] = "The buyer cancelled the unpaid order.",
        ["order.cancelled-instantly"] = "The buyer cancelled the order right after paying; a full refund followed.",

        ["cancellation.requested"] = "The buyer asked the seller to cancel.",
        ["cancellation.approved"] = "The seller approved the cancellation; a full refund followed.",
        ["cancellation.auto-approved"] = "Cancellation approved automatically: the seller did not answer in time.",
        ["cancellation.refused"] = "The seller refused to cancel.",
        ["cancellation.superseded-by-shipment"] = "The order shipped before the seller answered the cancellation request.",

        ["handling-extension.requested"] = "The seller asked for more handling time.",
        ["handling-extension.accepted"] = "The buyer agreed to more handling time.",
        ["handling-extension.declined"] = "The buyer declined more handling time.",
        ["handling.extended"] = "The buyer gave the seller more handling time.",

        ["order.closed-not-shipped"] = "Not shipped in time; the order closed with a full refund.",
        ["order.shipped"] = "Shipped.",
        ["tracking.event-added"] = "Tracking updated.",

        ["order.receipt-confirmed"] = "The buyer confirmed receipt.",
        ["order.receipt-auto-confirmed"] = "Buyer protection ended; receipt was confirmed automatically.",
        ["order.received-after-dispute"] = "The dispute ended; the order is complete.",

        ["protection-extension.requested"] = "The buyer asked for longer buyer protection.",
        ["protection-extension.accepted"] = "The seller extended buyer protection.",
        ["protection-extension.declined"] = "The seller declined to extend buyer protection.",
        ["protection-extension.declined-by-silence"] = "Buyer protection was not extended: the seller did not answer in time.",

        ["refund.created"] = "Refund created.",
        ["refund.stage-changed"] = "The refund moved to its next stage.",
        ["refund.redirected-to-balance"] = "The refund went to the buyer's platform balance.",
        ["refund.overdue"] = "The refund is overdue; an admin was told.",
        ["refund.reported-missing"] = "The buyer reported a missing refund; an admin is looking into it.",
        ["refund.case-resolved"] = "An admin resolved the refund case.",

        ["escrow.released"] = "The money was released to the store.",

        ["dispute.opened"] = "The buyer opened a dispute.",
        ["dispute.accepted"] = "The seller accepted the buyer's request.",
        ["dispute.accepted-by-silence"] = "The buyer's request was accepted automatically: the seller did not answer in time.",
        ["dispute.amount-proposed"] = "The seller proposed another amount.",
        ["dispute.rejected"] = "The seller rejected the buyer's request.",
        ["dispute.proposal-accepted"] = "The buyer accepted the seller's proposal.",
        ["dispute.withdrawn"] = "The buyer withdrew the dispute.",
        ["dispute.escalated"] = "The buyer passed the dispute to an admin.",
        ["dispute.escalated-automatically"] = "The dispute went to an admin automatically.",
        ["dispute.ruled"] = "An admin ruled on the dispute.",
        ["dispute.settled"] = "Dispute settled.",
        ["dispute.evidence-added"] = "Evidence added to the dispute.",

        ["return.awaited"] = "The buyer is to ship the item back for the refund.",
        ["return.shipped"] = "The buyer shipped the item back.",
        ["return.delivered"] = "The return was delivered to the seller.",
        ["return.received"] = "The seller confirmed the return; the refund was paid.",
        ["return.accepted-automatically"] = "Return accepted automatically: the seller did not answer in time; the refund was paid.",
        ["return.lapsed"] = "The item was not shipped back in time; no refund.",

        ["order.frozen"] = "Order frozen while the store is investigated.",
        ["order.unfrozen"] = "Order unfrozen; its countdowns carried on.",
        ["order.annulled"] = "Order annulled and fully refunded: the store was blocked.",

        ["order.moved-to-deleted"] = "Order moved to Deleted orders.",
        ["order.restored"] = "Order restored from Deleted orders.",
        ["order.permanently-deleted"] = "Order deleted permanently.",

        ["warning.payment-window"] = "Warning sent: the payment window ends soon.",
        ["warning.handling"] = "Warning sent: the handling time ends soon.",
        ["warning.seller-cancel-response"] = "Warning sent: the time to answer the cancellation request ends soon.",
        ["warning.buyer-protection"] = "Warning sent: buyer protection ends soon.",
        ["warning.dispute-seller-response"] = "Warning sent: the time to answer the dispute ends soon.",
        ["warning.return-ship-window"] = "Warning sent: the time to ship the item back ends soon.",

        ["message.sent"] = "Message sent.",
    };

    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        ["order.placed"] = "Заказ оформлен.",
        ["order.paid"] = "Оплата отправлена на проверку.",
        ["payment.confirmed"] = "Оплата подтверждена; начался отсчёт срока обработки.",
        ["payment.rejected"] = "Оплата не прошла проверку; заказ закрыт с полным возвратом средств.",
        ["payment.review-timed-out"] = "Проверка оплаты затянулась; заказ закрыт с полным возвратом средств.",
        ["order.expired-unpaid"] = "Заказ не был оплачен вовремя и закрыт.",

        ["order.cancelled"] = "Покупатель отменил неоплаченный заказ.",
        ["order.cancelled-instantly"] = "Покупатель отменил заказ сразу после оплаты; средства возвращены полностью.",

        ["cancellation.requested"] = "Покупатель попросил продавца отменить заказ.",
        ["cancellation.approved"] = "Продавец одобрил отмену; средства возвращены полностью.",
        ["cancellation.auto-approved"] = "Отмена одобрена автоматически: продавец не ответил вовремя.",
        ["cancellation.refused"] = "Продавец отказался отменить заказ.",
        ["cancellation.superseded-by-shipment"] = "Заказ отправлен раньше, чем продавец ответил на запрос об отмене.",

        ["handling-extension.requested"] = "Продавец попросил продлить срок обработки.",
        ["handling-extension.accepted"] = "Покупатель согласился продлить срок обработки.",
        ["handling-extension.declined"] = "Покупатель отказался продлить срок обработки.",
        ["handling.extended"] = "Покупатель продлил продавцу срок обработки.",

        ["order.closed-not-shipped"] = "Заказ не был отправлен вовремя и закрыт с полным возвратом средств.",
        ["order.shipped"] = "Заказ отправлен.",
        ["tracking.event-added"] = "Обновлены данные отслеживания.",

        ["order.receipt-confirmed"] = "Покупатель подтвердил получение.",
        ["order.receipt-auto-confirmed"] = "Срок защиты покупателя истёк; получение подтверждено автоматически.",
        ["order.received-after-dispute"] = "Спор завершён; заказ выполнен.",

        ["protection-extension.requested"] = "Покупатель попросил продлить защиту покупателя.",
        ["protection-extension.accepted"] = "Продавец продлил защиту покупателя.",
        ["protection-extension.declined"] = "Продавец отказался продлить защиту покупателя.",
        ["protection-extension.declined-by-silence"] = "Защита покупателя не продлена: продавец не ответил вовремя.",

        ["refund.created"] = "Оформлен возврат средств.",
        ["refund.stage-changed"] = "Возврат средств перешёл на следующий этап.",
        ["refund.redirected-to-balance"] = "Возврат средств зачислен на баланс покупателя на платформе.",
        ["refund.overdue"] = "Возврат средств задерживается; администратор уведомлён.",
        ["refund.reported-missing"] = "Покупатель сообщил, что возврат не поступил; администратор разбирается.",
        ["refund.case-resolved"] = "Администратор урегулировал вопрос с возвратом средств.",

        ["escrow.released"] = "Средства перечислены магазину.",

        ["dispute.opened"] = "Покупатель открыл спор.",
        ["dispute.accepted"] = "Продавец принял требование покупателя.",
        ["dispute.accepted-by-silence"] = "Требование покупателя принято автоматически: продавец не ответил вовремя.",
        ["dispute.amount-proposed"] = "Продавец предложил другую сумму.",
        ["dispute.rejected"] = "Продавец отклонил требование покупателя.",
        ["dispute.proposal-accepted"] = "Покупатель принял предложение продавца.",
        ["dispute.withdrawn"] = "Покупатель отозвал спор.",
        ["dispute.escalated"] = "Покупатель передал спор администратору.",
        ["dispute.escalated-automatically"] = "Спор автоматически передан администратору.",
        ["dispute.ruled"] = "Администратор вынес решение по спору.",
        ["dispute.settled"] = "Спор урегулирован.",
        ["dispute.evidence-added"] = "В спор добавлены доказательства.",

        ["return.awaited"] = "Для возврата средств покупателю нужно отправить товар обратно.",
        ["return.shipped"] = "Покупатель отправил товар обратно.",
        ["return.delivered"] = "Возврат доставлен продавцу.",
        ["return.received"] = "Продавец подтвердил получение возврата; средства возвращены.",
        ["return.accepted-automatically"] = "Возврат принят автоматически: продавец не ответил вовремя; средства возвращены.",
        ["return.lapsed"] = "Товар не был отправлен обратно вовремя; возврата средств не будет.",

        ["order.frozen"] = "Заказ заморожен на время проверки магазина.",
        ["order.unfrozen"] = "Заказ разморожен; сроки пошли дальше.",
        ["order.annulled"] = "Заказ аннулирован, средства возвращены полностью: магазин заблокирован.",

        ["order.moved-to-deleted"] = "Заказ перемещён в «Удалённые заказы».",
        ["order.restored"] = "Заказ восстановлен из «Удалённых заказов».",
        ["order.permanently-deleted"] = "Заказ удалён навсегда.",

        ["warning.payment-window"] = "Отправлено предупреждение: срок оплаты скоро истечёт.",
        ["warning.handling"] = "Отправлено предупреждение: срок обработки скоро истечёт.",
        ["warning.seller-cancel-response"] = "Отправлено предупреждение: срок ответа на запрос об отмене скоро истечёт.",
        ["warning.buyer-protection"] = "Отправлено предупреждение: защита покупателя скоро закончится.",
        ["warning.dispute-seller-response"] = "Отправлено предупреждение: срок ответа на спор скоро истечёт.",
        ["warning.return-ship-window"] = "Отправлено предупреждение: срок отправки товара обратно скоро истечёт.",

        ["message.sent"] = "Отправлено сообщение.",
    };
}
