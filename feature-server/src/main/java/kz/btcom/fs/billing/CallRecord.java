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
 * @param called        E.164 (or the short code)
 * @param numberClass   null when the numbering plan could not place the number
 * @param answer        null when never answered
 * @param billedSeconds the duration after the tariff's rounding (started 10 s blocks, started minutes...)
 * @param tariff        the tariff's name from config/tariffs.yaml, e.g. "national zone 2"
 * @param cost          net of VAT, in tenge with 2 decimals (tiyn)
 * @param vat           the VAT on the cost
 * @param icid          the IMS charging identifier of the call (RFC 7315); null for calls journaled before it was
 *                      kept
 */
public record CallRecord(String callId, String caller, String chargedParty, String called, NumberClass numberClass,
                         Instant start, Instant answer, Instant end, long billedSeconds, String tariff,
                         BigDecimal cost, BigDecimal vat, String currency, String icid) {

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
    }

    public boolean isAnswered() {
        return answer != null;
    }
}
