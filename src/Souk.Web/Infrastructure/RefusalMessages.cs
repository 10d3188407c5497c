using System.Globalization;
using System.Text.RegularExpressions;
using Souk.Domain;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Renders a refusal's code + arguments as a sentence. English for now; the domain only knows codes, so other
/// languages are another table. Placeholders are <c>{argument}</c>; times render in the reader's zone; <c>{argument:money}</c>
/// is an amount in minor units rendered as money in the refusal's <c>currency</c> argument ("12.99 USD").
/// </summary>
public static partial class RefusalMessages
{
    private static readonly Dictionary<string, string> English = new()
    {
        ["order.in-deleted-orders"] = "This order is in Deleted orders. Restore it first.",
        ["order.permanently-deleted"] = "This order was deleted permanently and can no longer be used.",
        ["order.action-not-for-role"] = "Only the order's {role} can do this.",
        ["order.changed-concurrently"] = "The order was changed by someone else at the same moment. Reload it and try again.",
        ["listing.changed-concurrently"] = "The listing was changed by someone else at the same moment. Reload it and try again.",
        ["coupon.changed-concurrently"] = "The coupon was changed by someone else at the same moment. Reload it and try again.",
        ["investigation.changed-concurrently"] = "The investigation was changed by someone else at the same moment. Reload it and try again.",
        ["order.not-found"] = "There is no such order, or it is not yours.",
        ["pay.already-paid-or-closed"] = "This order is no longer awaiting payment (it is {state}).",
        ["cancel.payment-under-review"] = "The instant-cancel window ended at {instantCancelEndedAt} and the payment is being reviewed. Once the review is done (by {reviewEndsBy} at the latest) you can ask the seller to cancel.",
        ["cancel.needs-seller-approval"] = "The payment is confirmed, so the seller must agree: send a cancellation request instead.",
        ["cancel.already-shipped"] = "The order has shipped and can no longer be cancelled. If there is a problem, wait for it to arrive or open a dispute.",
        ["cancel.order-completed"] = "The order is completed ({outcome}); there is nothing left to cancel.",
        ["cancel.unknown-reason"] = "'{reason}' is not a cancellation reason. Choose one of: {allowed}.",
        ["cancel.comment-required"] = "The reason '{reason}' needs a comment explaining it.",
        ["request-cancellation.not-paid-cancel-directly"] = "The order is not paid yet: cancel it directly, no request is needed.",
        ["request-cancellation.instant-cancel-available"] = "You can still cancel instantly, without asking the seller, until {instantCancelUntil}.",
        ["request-cancellation.payment-under-review"] = "The payment is being reviewed. You can request cancellation once the review is done, by {reviewEndsBy} at the latest.",
        ["request-cancellation.already-open"] = "A cancellation request is already waiting for the seller's answer (due by {respondBy}; no answer by then approves it).",
        ["request-cancellation.already-shipped"] = "The order has shipped, so it can no longer be cancelled. If there is a problem, open a dispute once it is possible.",
        ["request-cancellation.order-completed"] = "The order is completed ({outcome}); there is nothing to cancel.",
        ["cancellation.no-open-request"] = "There is no open cancellation request on this order.",
        ["refuse-cancellation.message-required"] = "Tell the buyer why you refuse: a message is required.",
        ["handling-extension.not-awaiting-shipment"] = "Handling time can only be extended while the order awaits shipment.",
        ["handling-extension.request-pending"] = "An extension request is already waiting for the buyer's answer.",
        ["handling-extension.limit-reached"] = "Handling time can be extended by at most {maxDays} days in all; this would go past that.",
        ["extension.message-required"] = "Say why in a message; an extension is asked with days and a message.",
        ["handling-extension.no-pending-request"] = "There is no extension request waiting for an answer.",
        ["extension.days-out-of-range"] = "The extension must be between 1 and {max} days ({days} was asked).",
        ["ship.not-paid"] = "The order is not paid yet; it cannot ship.",
        ["ship.payment-under-review"] = "The payment is still under review (until {reviewEndsBy} at the latest); ship once it is confirmed.",
        ["ship.already-shipped"] = "The order has already shipped.",
        ["ship.order-completed"] = "The order is completed ({outcome}); it can no longer ship.",
        ["ship.carrier-required"] = "Give the carrier's name.",
        ["ship.tracking-number-required"] = "Give the tracking number.",
        ["tracking.not-shipped"] = "Tracking events can be added only while the order is shipped.",
        ["tracking.description-required"] = "Describe the tracking event.",
        ["tracking.event-in-future"] = "A tracking event cannot be in the future.",
        ["confirm-receipt.not-shipped"] = "The order has not shipped yet.",
        ["confirm-receipt.order-completed"] = "The order is already completed ({outcome}).",
        ["confirm-receipt.dispute-open"] = "A dispute is open on this order: withdraw the dispute first, or wait until it is settled.",
        ["protection-extension.not-shipped"] = "Buyer protection can be extended only while the order is shipped.",
        ["protection-extension.request-pending"] = "A request to extend buyer protection is waiting for the seller (until {respondBy}).",
        ["protection-extension.limit-reached"] = "Buyer protection has already been extended by the maximum of {maxDays} days.",
        ["protection-extension.no-pending-request"] = "There is no request to extend buyer protection waiting for an answer.",
        ["delete.order-not-completed"] = "Only completed orders can be deleted; this one is {state}.",
        ["restore.not-in-deleted-orders"] = "This order is not in Deleted orders.",
        ["delete-permanently.not-in-deleted-orders"] = "Move the order to Deleted orders first; only from there can it be deleted permanently.",
        ["delete-permanently.confirmation-required"] = "Deleting permanently cannot be undone: the order can never be restored, viewed or disputed. Send \"confirm\": true to proceed.",
        ["review.not-under-review"] = "The payment is not under review.",
        ["checkout.no-lines"] = "There is nothing to order.",
        ["checkout.listing-not-sold"] = "'{title}' is no longer sold.",
        ["checkout.not-enough-stock"] = "Only {available} of '{title}' are left ({requested} requested).",
        ["listing.title-invalid"] = "The title is required and at most {maxLength} characters.",
        ["listing.price-invalid"] = "The price must be a positive amount (in minor units over the API), at most {max:money}.",
        ["listing.currency-invalid"] = "The currency must be a three-letter ISO code such as USD.",
        ["listing.currency-fixed"] = "A listing's currency cannot be changed.",
        ["listing.stock-invalid"] = "Stock must be between 0 and {max}.",
        ["listing.handling-days-out-of-range"] = "Handling time must be between {min} and {max} days.",
        ["listing.shipping-required"] = "Offer at least one shipping option.",
        ["listing.shipping-duplicate"] = "Each shipping option needs its own code.",
        ["listing.shipping-invalid"] = "Each shipping option needs a code (≤ 40 characters) and a name (≤ 100 characters).",
        ["listing.shipping-price-invalid"] = "Each shipping option needs a price (in minor units over the API), from 0 (free) to {max:money}.",
        ["listing.delivery-days-out-of-range"] = "A delivery estimate must be between {min} and {max} days.",
        ["store.name-invalid"] = "The store name is required and at most {maxLength} characters.",
        ["dev-clock.advance-invalid"] = "Give \"advance\" as a positive duration such as \"3.00:00:00\" (at most ten years).",
        ["pay.method-invalid"] = "Choose a payment method: Card, EWallet, Phone or Balance (your platform balance).",
        ["pay.balance-part-out-of-range"] = "The part paid from your balance (balanceMinor) must be at least 0 and less than the order's total of {total:money}; to pay all of it from your balance choose the method Balance.",
        ["pay.balance-insufficient"] = "Your platform balance is {balance:money}, not enough for the {needed:money} asked. Pay the rest with a card, e-wallet or phone.",
        ["refund-part.not-paid"] = "This order was never paid, so there is nothing to refund.",
        ["refund-part.payment-not-confirmed"] = "Nothing can be refunded yet: the payment is still being reviewed.",
        ["refund-part.released-to-seller"] = "The money of this order has been released to the store; a refund from escrow is no longer possible.",
        ["refund-part.nothing-held"] = "Everything paid for this order has already been refunded.",
        ["refund-part.amount-out-of-range"] = "The refund must be more than 0 and at most {max:money}: what escrow still holds for this order.",
        ["refund-part.more-than-held"] = "Escrow holds only {max:money} for this order now; a refund cannot be more.",
        ["refund-part.note-required"] = "Say why you give this money back; the buyer sees the note.",
        ["report-missing-refund.no-refund"] = "This order has no refund to report.",
        ["report-missing-refund.not-yet-due"] = "This refund can still arrive: its method allows until {dueAt}. If it has not arrived by then, report it.",
        ["report-missing-refund.already-reported"] = "You reported this refund on {reportedAt}; an admin is looking into it.",
        ["report-missing-refund.on-balance"] = "This refund went to your platform balance; see GET /api/balance.",
        ["resolve-refund.nothing-to-resolve"] = "No refund of this order is overdue or reported missing.",
        ["resolve-refund.note-required"] = "Write what was found or done; the buyer sees it on the order.",
        ["resolve-refund.resolution-invalid"] = "Choose a resolution: {allowed}.",
        ["resolve-refund.already-refunded"] = "The provider already paid this refund (on {refundedAt}); it cannot also go to the balance. Resolve it as paid-confirmed with the provider's reference.",
        ["refund.unknown"] = "This order has no refund {refundId}.",
        ["dispute.already-opened"] = "This order already has a dispute (opened on {openedAt}, now {status}); an order has one dispute.",
        ["dispute.too-early"] = "A dispute can be opened from {opensAt}, when the parcel has had time to arrive. Check the tracking until then.",
        ["dispute.window-closed"] = "The time to open a dispute on this received order ended on {closedAt}.",
        ["dispute.order-completed"] = "This order ended ({outcome}); there is nothing to dispute.",
        ["dispute.not-shipped"] = "A dispute can be opened once the order has shipped. Before that, cancel it or ask the seller to.",
        ["dispute.unknown-reason"] = "Choose a dispute reason: {allowed}.",
        ["dispute.reason-not-offered"] = "'The seller did not agree to cancel' is a reason only when you asked to cancel and the seller shipped anyway. Choose one of: {allowed}.",
        ["dispute.comment-required"] = "Say what went wrong; the seller and, if it comes to it, an admin read it.",
        ["dispute.amount-out-of-range"] = "Ask for more than 0 and at most {max:money}: what was paid and not yet refunded.",
        ["dispute.none-open"] = "This order has no open dispute.",
        ["dispute.seller-already-answered"] = "The seller has already answered this dispute (it is {status}).",
        ["dispute.proposal-out-of-range"] = "Propose 0 to {max:money}, other than the {requested:money} the buyer asked (accept the dispute to agree to that).",
        ["dispute.message-required"] = "Write a message saying why; the buyer and, later, an admin read it.",
        ["dispute.no-proposal"] = "The seller has not proposed another amount.",
        ["dispute.already-settled"] = "This dispute is already settled (it is {status}).",
        ["dispute.escalation-too-early"] = "You can ask an admin to decide from {escalationAllowedFrom}, or at once if the seller rejects the dispute.",
        ["dispute.already-escalated"] = "An admin is already deciding this dispute.",
        ["dispute.not-escalated"] = "Only an escalated dispute is ruled by an admin.",
        ["dispute.ruling-amount-out-of-range"] = "Rule a refund of 0 (none) to {max:money} (everything still held).",
        ["dispute.ruling-required"] = "Write the ruling; both sides see it.",
        ["return.not-awaited"] = "No return is awaited for this order.",
        ["return.tracking-number-required"] = "Give the return parcel's tracking number.",
        ["return.not-shipped"] = "The return has not been shipped.",
        ["return.already-delivered"] = "The return is already marked delivered; the refund is paid automatically on {autoAcceptAt} unless the seller confirms it sooner.",
        ["delete.dispute-open"] = "An order with an open dispute cannot be deleted. Withdraw the dispute or wait until it is settled.",
        ["protection-extension.dispute-open"] = "Buyer protection does not end while the dispute is open, so it needs no extension.",
        ["evidence.parties-only"] = "Only the buyer and the seller add evidence; admins read it.",
        ["evidence.no-open-dispute"] = "Evidence is attached to an open dispute, and this order has none.",
        ["evidence.too-many"] = "A dispute holds at most {max} evidence files.",
        ["evidence.file-required"] = "Send the image as the multipart form field 'file'.",
        ["evidence.too-large"] = "The file is {bytes} bytes; evidence files are at most {maxBytes} bytes (5 MB).",
        ["evidence.type-not-allowed"] = "Evidence must be an image: {allowed}. The file's content is not one of them, whatever its name says.",
        ["image.unreadable"] = "The file is not a whole image: it does not decode as the PNG, JPEG or WebP it starts like ({detail}).",
        ["image.too-many-pixels"] = "The image is {width} × {height} pixels; images of at most {maxPixels} pixels are accepted. Send a smaller one.",
        ["image.type-not-allowed"] = "The image must be one of: {allowed}.",
        ["evidence.not-found"] = "This order's dispute has no such evidence file.",
        ["messages.admin-after-escalation"] = "Admins read an order's messages once its dispute is escalated to them.",
        ["messages.parties-only"] = "Only the order's buyer and seller write in its thread.",
        ["messages.text-invalid"] = "A message has 1 to {max} characters.",
        ["order.frozen"] = "This order is frozen while its store is investigated (since {frozenSince}). Its money stays held and its countdowns wait until the investigation ends.",
        ["listing.store-blocked"] = "Your store was blocked after an investigation; it cannot list products.",
        ["complaint.unknown-reason"] = "Choose a complaint reason: {allowed}.",
        ["complaint.text-invalid"] = "Describe the problem in 1 to {max} characters.",
        ["investigation.reason-required"] = "Say why the store is investigated (at most 2,000 characters).",
        ["investigation.already-open"] = "Store {storeId} is already under investigation.",
        ["investigation.none-open"] = "The store is not under investigation.",
        ["investigation.closed"] = "This investigation is over ({status}).",
        ["investigation.evidence-too-late"] = "The time to submit evidence ended on {evidenceDueAt}.",
        ["investigation.evidence-required"] = "Write the store's evidence (1 to {max} characters).",
        ["investigation.decision-required"] = "Write the decision; the seller sees it.",
        ["investigation.outcome-invalid"] = "Choose the outcome: {allowed}.",
        ["investigation.unknown-status"] = "'{status}' is not an investigation status. Choose one of: {allowed}.",
        ["text.too-long"] = "The text is too long (at most {max} characters).",
        ["coupon.code-invalid"] = "A coupon code has 1 to {maxLength} letters, digits, '-' or '_'.",
        ["coupon.currency-required"] = "A fixed-amount coupon or a minimum order needs the currency it is in (three letters, e.g. USD).",
        ["coupon.kind-invalid"] = "Choose the coupon's kind: FixedAmount or Percent.",
        ["coupon.value-out-of-range"] = "The coupon's value is out of range: a Percent coupon takes 1 to 100, a FixedAmount coupon a positive amount in minor units.",
        ["coupon.min-order-out-of-range"] = "The minimum order must be 0 or a positive amount in minor units.",
        ["coupon.validity-required"] = "Give the coupon's validity period (validFrom and validUntil).",
        ["coupon.validity-empty"] = "The coupon's validity must end after it starts.",
        ["coupon.usage-limit-out-of-range"] = "The usage limit is 1 to {max} uses, or none for unlimited.",
        ["coupon.limit-below-used"] = "The coupon has already been used {used} times; the limit cannot be lower.",
        ["coupon.code-taken"] = "Your store already has a coupon {code}.",
        ["coupon.already-inactive"] = "Coupon {code} is already inactive.",
        ["coupon.not-found"] = "There is no such coupon in your store.",
        ["refusal.possible-from"] = "Possible from {at}.",
        ["webhook.url-invalid"] = "Give the endpoint's full http(s) URL, at most 2000 characters, without a user name, password or #fragment.",
        ["webhook.url-not-https"] = "Webhooks are sent only over https, so the events and their signatures cannot be read on the way.",
        ["webhook.url-private"] = "Webhooks are sent only to public internet addresses; {address} is not one ({range}). Give an address reachable from the internet.",
        ["webhook.url-own-address"] = "{address} is an address of the Souk server itself; webhooks are not sent to it.",
        ["webhook.url-local-name"] = "{host} is a name of this machine, of a local network or of a cloud metadata service, not a public one; give the receiver's public DNS name.",
        ["webhook.events-required"] = "Choose the events to receive: * for all, a group such as dispute.*, or names from GET /api/webhooks/event-types.",
        ["webhook.event-unknown"] = "'{event}' is not an event type (see GET /api/webhooks/event-types; a group is written like dispute.*).",
        ["webhook.secret-invalid"] = "A signing secret has {min} to {max} characters and no spaces; leave it out and Souk generates one.",
        ["webhook.too-many"] = "At most {max} endpoints can be active at once; disable one first.",
        ["webhook.not-found"] = "There is no such webhook endpoint among yours.",
        ["webhook.already-disabled"] = "This endpoint has been disabled since {since}.",
        ["webhook.already-enabled"] = "This endpoint is already enabled.",
        ["webhook-delivery.not-found"] = "This endpoint has no such delivery.",
        ["webhook-delivery.already-pending"] = "This event is already queued; it is sent at its next attempt.",
        ["webhook-delivery.not-dead-lettered"] = "Only a dead-lettered event can be skipped; this one is {status}.",
        ["coupon.unknown"] = "Store {storeId} has no coupon {code}.",
        ["coupon.inactive"] = "Coupon {code} is no longer offered by the store.",
        ["coupon.wrong-currency"] = "Coupon {code} is in {currency}, and this order is in {orderCurrency}.",
        ["coupon.not-yet-valid"] = "Coupon {code} can be used from {validFrom}.",
        ["coupon.expired"] = "Coupon {code} expired on {validUntil}.",
        ["coupon.used-up"] = "Coupon {code} has been used its {limit} times.",
        ["coupon.minimum-not-met"] = "Coupon {code} needs items worth at least {minOrder:money}; this order's items come to {itemsTotal:money}.",
        ["pay.account-required"] = "Give the card number, wallet id or phone number that pays (at most 100 characters).",
        ["register.role-invalid"] = "Register as \"buyer\" or \"seller\"; admins are created by configuration.",
        ["register.email-invalid"] = "Give a valid email address.",
        ["register.password-invalid"] = "Give a password.",
        ["register.display-name-too-long"] = "The display name is too long (at most {max} characters).",
        ["login.credentials-required"] = "Give both email and password.",
        ["login.failed"] = "The email or password is wrong.",
        ["login.locked-out"] = "Too many failed attempts: the account is locked until {lockedUntil}. Sign in again after that.",
        ["request.cross-origin"] = "A change signed in with Souk's cookie must come from Souk's own pages (this one came from {origin}). Send it from Souk's site, with its antiforgery header, or sign in with a bearer token.",
        ["orders.unknown-tab"] = "'{tab}' is not a tab. Use one of: {allowed}.",
        ["orders.deleted-view-is-for-buyers"] = "Deleted orders is the buyer's own view.",
        ["orders.bad-cursor"] = "The cursor is not one this API returned.",
        ["orders.bad-limit"] = "The page size must be between 1 and {max}.",
        ["listing.shipping-too-many"] = "Offer at most {max} shipping options.",
        ["listing.no-store"] = "Open your store first (POST /api/stores); listings belong to a store.",
        ["listings.bad-query"] = "Search for at most {maxLength} characters.",
        ["listings.bad-cursor"] = "The cursor is not one this API returned.",
        ["listings.bad-limit"] = "The page size must be between 1 and {max}.",
        ["notifications.bad-limit"] = "The page size must be between 1 and {max}.",
        ["balance.bad-limit"] = "The page size must be between 1 and {max}.",
        ["webhook-deliveries.bad-limit"] = "The page size must be between 1 and {max}.",
        ["store.already-open"] = "You already have a store; a seller has one store. Rename it instead.",
        ["address.field-required"] = "The address needs a {field}.",
        ["address.field-too-long"] = "The {field} may be at most {maxLength} characters.",
        ["address.book-full"] = "The address book holds at most {max} addresses. Delete one first.",
        ["cart.listing-required"] = "Say which listing to add (listingId).",
        ["cart.quantity-out-of-range"] = "The quantity must be between {min} and {max}.",
        ["cart.quantity-limit"] = "At most {max} of '{title}' fit in one cart line; {inCart} are already in your cart.",
        ["cart.full"] = "The cart holds at most {max} different listings. Order or remove some first.",
        ["cart.listing-not-sold"] = "'{title}' is no longer sold.",
        ["cart.not-enough-stock"] = "Only {available} of '{title}' are left ({requested} wanted).",
        ["cart.no-common-shipping-method"] = "The items from {storeName} have no shipping method in common, so they cannot ship as one order. Order them separately.",
        ["checkout.cart-empty"] = "Your cart is empty.",
        ["checkout.address-unknown"] = "Choose an address from your address book (addressId).",
        ["checkout.shipping-method-missing"] = "Choose a shipping method for the items from {storeName}.",
        ["checkout.shipping-method-not-offered"] = "'{title}' from {storeName} cannot ship by '{method}'. Methods all its items offer: {offered}.",
        ["checkout.shipping-store-repeated"] = "Choose one shipping method per store; store {storeId} was given twice.",
        ["checkout.mixed-currencies"] = "The items from {storeName} are priced in different currencies, and an order has one currency. Order them separately.",
        ["checkout.buyer-blocked"] = "You cannot place orders: too many of your orders expired unpaid. An admin must lift the block before you can order again.",
        ["checkout.too-many-unpaid-orders"] = "You already have {unpaid} orders awaiting payment and may have at most {max}. Pay or cancel some before ordering more.",
        ["address.not-found"] = "There is no such address in your address book.",
        ["store.not-open"] = "You have not opened a store yet (POST /api/stores).",
        ["store.not-found"] = "There is no such store.",
        ["listing.not-found"] = "There is no such listing.",
        ["cart-again.no-longer-sold"] = "“{title}” is no longer sold.",
        ["cart-again.out-of-stock"] = "“{title}” is out of stock.",
        ["cart.item-not-found"] = "This listing is not in your cart.",
        ["buyer.not-found"] = "There is no such buyer.",
        ["buyer-block.not-blocked"] = "This buyer is not blocked.",
        ["idempotency.key-invalid"] = "The Idempotency-Key must be one value of 1 to {maxLength} visible ASCII characters, such as a UUID.",
        ["idempotency.key-reused"] = "This Idempotency-Key was used for a different request. Use a new key for a new request.",
        ["idempotency.in-progress"] = "A request with this Idempotency-Key is still running. Retry in a moment to get its answer.",
        ["auth.required"] = "Sign in to do this.",
        ["auth.forbidden"] = "Your account's role may not do this.",
        ["request.not-found"] = "There is no such address in this API, or an id in it is not a valid number.",
        ["request.method-not-allowed"] = "This address does not take this HTTP method.",
        ["request.unsupported-media-type"] = "The request body must be JSON (Content-Type: application/json) here.",
        ["request.refused"] = "The request was refused.",
        ["request.field-required"] = "The request body must give {field}.",
        ["request.duplicate-property"] = "The request body gives {field} more than once; give each field once.",
    };

    public static string Render(RuleViolation v) => Render(v.Code, v.Arguments);

    public static string Render(string code, IReadOnlyDictionary<string, object?> arguments)
    {
        string? template = null;
        var russian = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" && Russian.TryGetValue(code, out template);
        if (template is null && !English.TryGetValue(code, out template)) template = code;
        return Placeholder().Replace(template, m =>
            !arguments.TryGetValue(m.Groups[1].Value, out var value) ? m.Value
            : m.Groups[2].Value == "money" ? Money(value, arguments.GetValueOrDefault("currency") as string, russian)
            : Format(value, russian));
    }

    /// <summary>
    /// A <c>{name:money}</c> placeholder: minor units shown as money in the sentence's language ("12.99 USD", "12,99 USD"),
    /// in the refusal's <c>currency</c> argument, through the pages' one formatter.
    /// </summary>
    private static string Money(object? value, string? currency, bool russian)
    {
        if (value is not (long or int)) return Format(value, russian);
        var language = russian ? "ru" : "en";
        var culture = CultureInfo.CurrentCulture.TwoLetterISOLanguageName == language ? CultureInfo.CurrentCulture : CultureInfo.GetCultureInfo(language);
        return MoneyText.Format(Convert.ToInt64(value, CultureInfo.InvariantCulture), currency, culture);
    }

    /// <summary>Whether a sentence exists for <paramref name="code"/> (tests check that every code has one).</summary>
    public static bool Knows(string code) => English.ContainsKey(code);

    /// <summary>Every code that has an English sentence (tests check that each has a Russian one too).</summary>
    public static IReadOnlyCollection<string> EnglishCodes => English.Keys;

    /// <summary>Whether a Russian sentence exists for <paramref name="code"/>.</summary>
    public static bool KnowsInRussian(string code) => Russian.ContainsKey(code);


    private static string Format(object? value, bool russian) => value switch
    {
        null => "",
        DateTimeOffset t => Time(t),
        Enum e when russian && RussianWords.TryGetValue(e, out var word) => word,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>An instant in the reader's time zone: the page viewer's profile zone, UTC for the API (and by default).</summary>
    private static string Time(DateTimeOffset t)
    {
        var zone = DisplayZone.Zone;
        if (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime) return t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(t, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" + local.ToString("zzz", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{(\w+)(?::(money))?\}")]
    private static partial Regex Placeholder();
}
