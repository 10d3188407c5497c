using System.Globalization;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Orders;

/// <summary>
/// An event kind's words in one language: its <c>Label</c> (the webhook pages' name for it), its <c>Timeline</c>
/// sentence — neutral, third person, past tense, readable alike by the buyer, the seller and an admin — and its
/// <c>Notification</c>, which speaks to the person notified and follows "Order 7: ".
/// </summary>
public sealed record EventWords(string Label, string Timeline, string Notification);

public sealed record EventTexts(EventWords English, EventWords Russian);

/// <summary>
/// The words of every event kind of <see cref="OrderEventKinds.Catalogue"/>, one row per kind in English and Russian,
/// read by the order timeline, the notification bell and the webhook pages. The current UI culture picks the
/// language (Russian for "ru", English otherwise). <c>OrderEventTextsTests</c> fails when a kind lacks its row.
/// </summary>
public static class OrderEventTexts
{
    /// <summary>The words of <paramref name="kind"/> in the current UI culture; an unknown kind reads as itself.</summary>
    public static EventWords Of(string kind) =>
        All.TryGetValue(kind, out var texts)
            ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? texts.Russian : texts.English
            : new EventWords(kind, kind, kind);

    public static readonly IReadOnlyDictionary<string, EventTexts> All = new Dictionary<string, EventTexts>(StringComparer.Ordinal)
    {
        ["order.placed"] = new(
            new("Order placed", "Order placed.", "it was placed and awaits payment."),
            new("Заказ оформлен", "Заказ оформлен.", "заказ оформлен и ожидает оплаты.")),
        ["order.paid"] = new(
            new("Order paid", "Payment sent for review.", "the payment was sent and is being reviewed."),
            new("Заказ оплачен", "Оплата отправлена на проверку.", "оплата отправлена и проходит проверку.")),

        ["payment.confirmed"] = new(
            new("Payment confirmed", "Payment confirmed; the handling countdown started.", "the payment is confirmed; the handling countdown has started."),
            new("Платёж подтверждён", "Оплата подтверждена; начался отсчёт срока обработки.", "оплата подтверждена, начался отсчёт срока обработки.")),
        ["payment.rejected"] = new(
            new("Payment rejected", "Payment rejected in review; the order closed with a full refund.", "the payment did not pass review; it is refunded."),
            new("Платёж отклонён", "Оплата не прошла проверку; заказ закрыт с полным возвратом средств.", "платёж не прошёл проверку, средства возвращены.")),
        ["payment.review-timed-out"] = new(
            new("Payment review timed out", "Payment review took too long; the order closed with a full refund.", "the payment did not pass review; it is refunded."),
            new("Время проверки платежа истекло", "Проверка оплаты затянулась; заказ закрыт с полным возвратом средств.", "платёж не прошёл проверку, средства возвращены.")),

        ["order.expired-unpaid"] = new(
            new("Order expired unpaid", "Not paid in time; the order closed.", "it was not paid in time and has closed."),
            new("Заказ истёк неоплаченным", "Заказ не был оплачен вовремя и закрыт.", "заказ не был оплачен вовремя и закрыт.")),
        ["order.cancelled"] = new(
            new("Order cancelled", "The buyer cancelled the unpaid order.", "the buyer cancelled it."),
            new("Заказ отменён", "Покупатель отменил неоплаченный заказ.", "покупатель отменил заказ.")),
        ["order.cancelled-instantly"] = new(
            new("Order cancelled instantly", "The buyer cancelled the order right after paying; a full refund followed.", "the buyer cancelled it."),
            new("Заказ отменён сразу", "Покупатель отменил заказ сразу после оплаты; средства возвращены полностью.", "покупатель отменил заказ.")),

        ["cancellation.requested"] = new(
            new("Cancellation requested", "The buyer asked the seller to cancel.", "the buyer asks you to cancel it."),
            new("Запрошена отмена", "Покупатель попросил продавца отменить заказ.", "покупатель просит отменить заказ.")),
        ["cancellation.approved"] = new(
            new("Cancellation approved", "The seller approved the cancellation; a full refund followed.", "your cancellation request was approved; the refund is on its way."),
            new("Отмена одобрена", "Продавец одобрил отмену; средства возвращены полностью.", "ваш запрос на отмену одобрен, возврат средств уже в пути.")),
        ["cancellation.auto-approved"] = new(
            new("Cancellation approved by silence", "Cancellation approved automatically: the seller did not answer in time.", "your cancellation request was approved; the refund is on its way."),
            new("Отмена одобрена из-за отсутствия ответа", "Отмена одобрена автоматически: продавец не ответил вовремя.", "ваш запрос на отмену одобрен, возврат средств уже в пути.")),
        ["cancellation.refused"] = new(
            new("Cancellation refused", "The seller refused to cancel.", "the seller refused your cancellation request."),
            new("В отмене отказано", "Продавец отказался отменить заказ.", "продавец отклонил ваш запрос на отмену.")),
        ["cancellation.superseded-by-shipment"] = new(
            new("Cancellation request overtaken by shipment", "The order shipped before the seller answered the cancellation request.", "it shipped before the seller answered your cancellation request."),
            new("Запрос на отмену опережён отправкой", "Заказ отправлен раньше, чем продавец ответил на запрос об отмене.", "заказ был отправлен раньше, чем продавец ответил на ваш запрос на отмену.")),

        ["handling-extension.requested"] = new(
            new("Handling extension requested", "The seller asked for more handling time.", "the seller asks for more handling time."),
            new("Запрошено продление срока отправки", "Продавец попросил продлить срок обработки.", "продавец просит продлить срок обработки.")),
        ["handling-extension.accepted"] = new(
            new("Handling extension accepted", "The buyer agreed to more handling time.", "the buyer gave you more handling time."),
            new("Продление срока отправки принято", "Покупатель согласился продлить срок обработки.", "покупатель продлил вам срок обработки.")),
        ["handling-extension.declined"] = new(
            new("Handling extension declined", "The buyer declined more handling time.", "the buyer declined more handling time."),
            new("Продление срока отправки отклонено", "Покупатель отказался продлить срок обработки.", "покупатель отказался продлить срок обработки.")),

        ["handling.extended"] = new(
            new("Handling time extended", "The buyer gave the seller more handling time.", "the buyer gave you more handling time."),
            new("Срок отправки продлён", "Покупатель продлил продавцу срок обработки.", "покупатель продлил вам срок обработки.")),

        ["order.closed-not-shipped"] = new(
            new("Order closed: not shipped in time", "Not shipped in time; the order closed with a full refund.", "it was not shipped in time and has closed with a full refund."),
            new("Заказ закрыт: не отправлен вовремя", "Заказ не был отправлен вовремя и закрыт с полным возвратом средств.", "заказ не был отправлен вовремя и закрыт с полным возвратом средств.")),
        ["order.shipped"] = new(
            new("Order shipped", "Shipped.", "it has shipped."),
            new("Заказ отправлен", "Заказ отправлен.", "заказ отправлен.")),

        ["tracking.event-added"] = new(
            new("Tracking event added", "Tracking updated.", "new tracking information."),
            new("Добавлено событие отслеживания", "Обновлены данные отслеживания.", "новые данные отслеживания.")),

        ["order.receipt-confirmed"] = new(
            new("Receipt confirmed", "The buyer confirmed receipt.", "the buyer confirmed receipt."),
            new("Получение подтверждено", "Покупатель подтвердил получение.", "покупатель подтвердил получение.")),
        ["order.receipt-auto-confirmed"] = new(
            new("Receipt confirmed automatically", "Buyer protection ended; receipt was confirmed automatically.", "buyer protection ended and receipt was confirmed automatically."),
            new("Получение подтверждено автоматически", "Срок защиты покупателя истёк; получение подтверждено автоматически.", "срок защиты покупателя истёк, получение подтверждено автоматически.")),
        ["order.received-after-dispute"] = new(
            new("Received after a dispute", "The dispute ended; the order is complete.", "the dispute ended and the order is complete."),
            new("Получен после спора", "Спор завершён; заказ выполнен.", "спор завершён, заказ выполнен.")),

        ["protection-extension.requested"] = new(
            new("Protection extension requested", "The buyer asked for longer buyer protection.", "the buyer asks for longer buyer protection."),
            new("Запрошено продление защиты", "Покупатель попросил продлить защиту покупателя.", "покупатель просит продлить защиту покупателя.")),
        ["protection-extension.accepted"] = new(
            new("Protection extension accepted", "The seller extended buyer protection.", "the seller extended buyer protection."),
            new("Продление защиты принято", "Продавец продлил защиту покупателя.", "продавец продлил защиту покупателя.")),
        ["protection-extension.declined"] = new(
            new("Protection extension declined", "The seller declined to extend buyer protection.", "buyer protection was not extended."),
            new("Продление защиты отклонено", "Продавец отказался продлить защиту покупателя.", "защита покупателя не продлена.")),
        ["protection-extension.declined-by-silence"] = new(
            new("Protection extension declined by silence", "Buyer protection was not extended: the seller did not answer in time.", "buyer protection was not extended."),
            new("Продление защиты отклонено из-за отсутствия ответа", "Защита покупателя не продлена: продавец не ответил вовремя.", "защита покупателя не продлена.")),

        ["refund.created"] = new(
            new("Refund created", "Refund created.", "a refund was created."),
            new("Создан возврат средств", "Оформлен возврат средств.", "оформлен возврат средств.")),
        ["refund.stage-changed"] = new(
            new("Refund stage changed", "The refund moved to its next stage.", "your refund moved to its next stage."),
            new("Этап возврата средств изменился", "Возврат средств перешёл на следующий этап.", "ваш возврат средств перешёл на следующий этап.")),
        ["refund.redirected-to-balance"] = new(
            new("Refund sent to the platform balance", "The refund went to the buyer's platform balance.", "your refund went to your platform balance."),
            new("Возврат зачислен на баланс платформы", "Возврат средств зачислен на баланс покупателя на платформе.", "ваш возврат средств зачислен на баланс платформы.")),
        ["refund.overdue"] = new(
            new("Refund overdue", "The refund is overdue; an admin was told.", "your refund is late; an admin has been told."),
            new("Возврат средств просрочен", "Возврат средств задерживается; администратор уведомлён.", "ваш возврат средств задерживается, администратор уже уведомлён.")),
        ["refund.reported-missing"] = new(
            new("Refund reported missing", "The buyer reported a missing refund; an admin is looking into it.", "the buyer reported a missing refund; an admin is looking into it."),
            new("Сообщено о неполученном возврате", "Покупатель сообщил, что возврат не поступил; администратор разбирается.", "покупатель сообщил, что возврат не поступил; администратор разбирается.")),
        ["refund.case-resolved"] = new(
            new("Missing-refund case resolved", "An admin resolved the refund case.", "an admin settled your refund case."),
            new("Дело о неполученном возврате решено", "Администратор урегулировал вопрос с возвратом средств.", "администратор урегулировал вопрос с вашим возвратом средств.")),

        ["escrow.released"] = new(
            new("Escrow released to the seller", "The money was released to the store.", "the money was released to your store."),
            new("Средства из эскроу переданы продавцу", "Средства перечислены магазину.", "средства перечислены вашему магазину.")),

        ["dispute.opened"] = new(
            new("Dispute opened", "The buyer opened a dispute.", "the buyer opened a dispute."),
            new("Открыт спор", "Покупатель открыл спор.", "покупатель открыл спор.")),
        ["dispute.accepted"] = new(
            new("Dispute accepted", "The seller accepted the buyer's request.", "your dispute was accepted."),
            new("Спор принят", "Продавец принял требование покупателя.", "ваш спор удовлетворён.")),
        ["dispute.accepted-by-silence"] = new(
            new("Dispute accepted by silence", "The buyer's request was accepted automatically: the seller did not answer in time.", "your dispute was accepted."),
            new("Спор принят из-за отсутствия ответа", "Требование покупателя принято автоматически: продавец не ответил вовремя.", "ваш спор удовлетворён.")),
        ["dispute.amount-proposed"] = new(
            new("Dispute: amount proposed", "The seller proposed another amount.", "the seller proposed another amount."),
            new("Спор: предложена сумма", "Продавец предложил другую сумму.", "продавец предложил другую сумму.")),
        ["dispute.rejected"] = new(
            new("Dispute rejected", "The seller rejected the buyer's request.", "the seller rejected your dispute; you may escalate it."),
            new("Спор отклонён", "Продавец отклонил требование покупателя.", "продавец отклонил ваш спор, вы можете передать его администратору.")),
        ["dispute.proposal-accepted"] = new(
            new("Dispute: proposal accepted", "The buyer accepted the seller's proposal.", "the buyer accepted your proposal."),
            new("Спор: предложение принято", "Покупатель принял предложение продавца.", "покупатель принял ваше предложение.")),
        ["dispute.withdrawn"] = new(
            new("Dispute withdrawn", "The buyer withdrew the dispute.", "the buyer withdrew the dispute."),
            new("Спор отозван", "Покупатель отозвал спор.", "покупатель отозвал спор.")),
        ["dispute.escalated"] = new(
            new("Dispute escalated", "The buyer passed the dispute to an admin.", "the dispute went to an admin."),
            new("Спор передан платформе", "Покупатель передал спор администратору.", "спор передан администратору.")),
        ["dispute.escalated-automatically"] = new(
            new("Dispute escalated automatically", "The dispute went to an admin automatically.", "the dispute went to an admin."),
            new("Спор передан платформе автоматически", "Спор автоматически передан администратору.", "спор передан администратору.")),
        ["dispute.ruled"] = new(
            new("Dispute ruled", "An admin ruled on the dispute.", "an admin ruled on the dispute."),
            new("По спору вынесено решение", "Администратор вынес решение по спору.", "администратор вынес решение по спору.")),
        ["dispute.settled"] = new(
            new("Dispute settled", "Dispute settled.", "the dispute is settled."),
            new("Спор урегулирован", "Спор урегулирован.", "спор урегулирован.")),
        ["dispute.evidence-added"] = new(
            new("Dispute evidence added", "Evidence added to the dispute.", "new evidence in the dispute."),
            new("В спор добавлены доказательства", "В спор добавлены доказательства.", "в споре появились новые доказательства.")),

        ["return.awaited"] = new(
            new("Return awaited", "The buyer is to ship the item back for the refund.", "ship the item back to get your refund."),
            new("Ожидается возврат товара", "Для возврата средств покупателю нужно отправить товар обратно.", "отправьте товар обратно, чтобы получить возврат средств.")),
        ["return.shipped"] = new(
            new("Return shipped", "The buyer shipped the item back.", "the buyer shipped the item back."),
            new("Возврат товара отправлен", "Покупатель отправил товар обратно.", "покупатель отправил товар обратно.")),
        ["return.delivered"] = new(
            new("Return delivered", "The return was delivered to the seller.", "the return was delivered to you; confirm it."),
            new("Возврат товара доставлен", "Возврат доставлен продавцу.", "возврат доставлен вам, подтвердите его получение.")),
        ["return.received"] = new(
            new("Return received", "The seller confirmed the return; the refund was paid.", "the return was accepted and the refund paid."),
            new("Возврат товара получен", "Продавец подтвердил получение возврата; средства возвращены.", "возврат принят, средства возвращены.")),
        ["return.accepted-automatically"] = new(
            new("Return accepted automatically", "Return accepted automatically: the seller did not answer in time; the refund was paid.", "the return was accepted and the refund paid."),
            new("Возврат товара принят автоматически", "Возврат принят автоматически: продавец не ответил вовремя; средства возвращены.", "возврат принят, средства возвращены.")),
        ["return.lapsed"] = new(
            new("Return window lapsed", "The item was not shipped back in time; no refund.", "the item was not sent back in time; no refund."),
            new("Срок возврата товара истёк", "Товар не был отправлен обратно вовремя; возврата средств не будет.", "товар не был отправлен обратно вовремя, возврата средств не будет.")),

        ["order.frozen"] = new(
            new("Order frozen", "Order frozen while the store is investigated.", "it is frozen while the store is investigated."),
            new("Заказ заморожен", "Заказ заморожен на время проверки магазина.", "заказ заморожен на время проверки магазина.")),
        ["order.unfrozen"] = new(
            new("Order unfrozen", "Order unfrozen; its countdowns carried on.", "it is no longer frozen; its countdowns carry on."),
            new("Заказ разморожен", "Заказ разморожен; сроки пошли дальше.", "заказ разморожен, сроки идут дальше.")),
        ["order.annulled"] = new(
            new("Order annulled", "Order annulled and fully refunded: the store was blocked.", "it was annulled and fully refunded (the store was blocked)."),
            new("Заказ аннулирован", "Заказ аннулирован, средства возвращены полностью: магазин заблокирован.", "заказ аннулирован, средства возвращены полностью (магазин заблокирован).")),
        ["order.moved-to-deleted"] = new(
            new("Order moved to Deleted orders by the buyer", "Order moved to Deleted orders.", "it was moved to Deleted orders."),
            new("Покупатель переместил заказ в «Удалённые заказы»", "Заказ перемещён в «Удалённые заказы».", "заказ перемещён в «Удалённые заказы».")),
        ["order.restored"] = new(
            new("Order restored by the buyer", "Order restored from Deleted orders.", "it was restored from Deleted orders."),
            new("Покупатель восстановил заказ", "Заказ восстановлен из «Удалённых заказов».", "заказ восстановлен из «Удалённых заказов».")),
        ["order.permanently-deleted"] = new(
            new("Order deleted permanently by the buyer", "Order deleted permanently.", "it was deleted permanently."),
            new("Покупатель удалил заказ навсегда", "Заказ удалён навсегда.", "заказ удалён навсегда.")),

        ["warning.payment-window"] = new(
            new("Warning: payment window ending", "Warning sent: the payment window ends soon.", "its payment window ends soon; pay it, or it closes unpaid."),
            new("Предупреждение: срок оплаты заканчивается", "Отправлено предупреждение: срок оплаты скоро истечёт.", "срок оплаты скоро истечёт; оплатите заказ, иначе он будет закрыт.")),
        ["warning.handling"] = new(
            new("Warning: handling time ending", "Warning sent: the handling time ends soon.", "its handling time ends soon; ship it, or it closes with a full refund."),
            new("Предупреждение: срок отправки заканчивается", "Отправлено предупреждение: срок обработки скоро истечёт.", "срок отправки скоро истечёт; отправьте заказ, иначе он закроется с полным возвратом средств.")),
        ["warning.seller-cancel-response"] = new(
            new("Warning: cancellation request awaiting the seller", "Warning sent: the time to answer the cancellation request ends soon.", "the time to answer the cancellation request ends soon; no answer approves it."),
            new("Предупреждение: запрос на отмену ждёт ответа продавца", "Отправлено предупреждение: срок ответа на запрос об отмене скоро истечёт.", "срок ответа на запрос об отмене скоро истечёт; без ответа запрос будет одобрен.")),
        ["warning.buyer-protection"] = new(
            new("Warning: buyer protection ending", "Warning sent: buyer protection ends soon.", "buyer protection ends soon; open a dispute now if something is wrong."),
            new("Предупреждение: защита покупателя заканчивается", "Отправлено предупреждение: защита покупателя скоро закончится.", "защита покупателя скоро закончится; если что-то не так, откройте спор сейчас.")),
        ["warning.dispute-seller-response"] = new(
            new("Warning: dispute awaiting the seller", "Warning sent: the time to answer the dispute ends soon.", "the time to answer the dispute ends soon; no answer accepts the buyer's request."),
            new("Предупреждение: спор ждёт ответа продавца", "Отправлено предупреждение: срок ответа на спор скоро истечёт.", "срок ответа на спор скоро истечёт; без ответа требование покупателя будет принято.")),
        ["warning.return-ship-window"] = new(
            new("Warning: return shipping window ending", "Warning sent: the time to ship the item back ends soon.", "the time to ship the item back ends soon; after it the return lapses."),
            new("Предупреждение: срок отправки возврата заканчивается", "Отправлено предупреждение: срок отправки товара обратно скоро истечёт.", "срок отправки товара обратно скоро истечёт; после него возврат не состоится.")),

        ["message.sent"] = new(
            new("Message sent", "Message sent.", "a new message."),
            new("Отправлено сообщение", "Отправлено сообщение.", "новое сообщение.")),
    };
}
