package kz.btcom.fs.billing;

import kz.btcom.fs.numbering.NumberClass;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One rated, chargeable leg of a call (PRODUCT.md "Billing", the fields of GET /calls): a plain call is one
 * record; a forwarded call one more per forwarded leg, charged to the subscriber who forwarded. The records of
 * one call share its {@code icid}, also when the core sent it through the server twice (one pass charges the caller,
 * the other only what it forwarded), each pass with a Call-ID of its own.
 *
 * <p>A fee record ({@link #isFee()}, made by {@link #fee}) is one use of a feature charged per use (the
 * {@code featureFees} of tariffs.yaml): a delivered wake-up call, a malicious call recorded, a feature code. It has
 * the same fields, so that every reader of call records reads it: caller, charged party and called are all the
 * subscriber who used the feature and pays for it, start and end the moment of the use, no answer, no class,
 * 0 billed seconds, the tariff {@code "fee <name>"}; the Call-ID and icid are those of the call the use belongs to
 * (the icid null where the journal's event has none).
 *
 * @param called        E.164 (or the short code)
 * @param numberClass   null when the numbering plan could not place the number
 * @param answer        null when never answered
 * @param billedSeconds the duration after the tariff's rounding (started 10 s blocks, started minutes...)
 * @param tariff        the tariff's name from config/tariffs.yaml, e.g. "national zone 2"
 * @param cost          net of VAT, in tenge with 2 decimals (tiyn)
 * @param vat           the VAT on the cost
 * @param icid          the IMS charging identifier of the call (RFC 7315); null for calls journaled before it was
 *                      kept
 * @param feature       the fee's name in tariffs.yaml ("wakeUpCall") for a fee record; null for a call's
 */
public record CallRecord(String callId, String caller, String chargedParty, String called, NumberClass numberClass,
                         Instant start, Instant answer, Instant end, long billedSeconds, String tariff,
                         BigDecimal cost, BigDecimal vat, String currency, String icid, String feature) {

    /** The tariff of a fee record: "fee " and the fee's name. */
    public static final String FEE_TARIFF_PREFIX = "fee ";

    public CallRecord {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(chargedParty, "chargedParty");
        Objects.requireNonNull(called, "called");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(currency, "currency");
        if (feature != null && (answer != null || numberClass != null || billedSeconds != 0)) {
            throw new IllegalArgumentException("a fee record (" + feature + ") has no answer, class or billed time");
        }
    }

    /** The record of one leg of a call. */
    public CallRecord(String callId, String caller, String chargedParty, String called, NumberClass numberClass,
                      Instant start, Instant answer, Instant end, long billedSeconds, String tariff,
                      BigDecimal cost, BigDecimal vat, String currency, String icid) {
        this(callId, caller, chargedParty, called, numberClass, start, answer, end, billedSeconds, tariff, cost, vat,
                currency, icid, null);
    }

    /**
     * The record of one use of the feature {@code feature}, charged to {@code subscriber} at {@code at}.
     *
     * @param cost net of VAT
     */
    public static CallRecord fee(String callId, String subscriber, String feature, Instant at, BigDecimal cost,
                                 BigDecimal vat, String currency, String icid) {
        Objects.requireNonNull(feature, "feature");
        return new CallRecord(callId, subscriber, subscriber, subscriber, null, at, null, at, 0,
                FEE_TARIFF_PREFIX + feature, cost, vat, currency, icid, feature);
    }

    public boolean isAnswered() {
        return answer != null;
    }

    /** Whether this is a fee for the use of a feature rather than a leg of a call. */
    public boolean isFee() {
        return feature != null;
    }

    /** "call" or "fee", as the export's {@code kind} column and GET /calls say it. */
    public String kind() {
        return isFee() ? "fee" : "call";
    }
}
