package kz.btcom.fs.admin.calls;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.query.CallRecordSource;
import kz.btcom.fs.numbering.NumberingPlan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /calls?number=&from=&to=}: the rated call records of a number (PRODUCT.md "Billing"), as a JSON array.
 * {@code from} and {@code to} are ISO-8601 instants ({@code 2026-11-25T08:00:00Z}) or dates (a date is its UTC
 * midnight, {@code to} exclusive); left out, the last 31 days up to now.
 */
public final class CallRecordsEndpoint {

    private static final Set<String> KNOWN = Set.of("number", "from", "to");
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(31);

    private final CallRecordSource records;
    private final NumberingPlan numbering;
    private final Clock clock;

    public CallRecordsEndpoint(CallRecordSource records, NumberingPlan numbering, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AdminResponse list(AuthenticatedRequest request) {
        Map<String, List<String>> query = request.http().query();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!KNOWN.contains(parameter.getKey())) {
                throw RequestRejected.badRequest("unknown query parameter \"" + parameter.getKey()
                        + "\"; this call takes number, from and to");
            }
            if (parameter.getValue().size() > 1) {
                throw RequestRejected.badRequest(parameter.getKey() + " is given more than once");
            }
        }
        String given = single(query, "number");
        if (given.isEmpty()) {
            throw RequestRejected.badRequest("number: required, E.164 with or without +");
        }
        // A '+' written as is in a query string arrives as a space (form encoding).
        String number = numbering.toE164(given.startsWith(" ") ? "+" + given.strip() : given)
                .orElseThrow(() -> RequestRejected.badRequest("number: \"" + given
                        + "\" is not a telephone number; write it in E.164, with or without +"));
        Instant to = time(query, "to").orElse(clock.instant());
        Instant from = time(query, "from").orElse(to.minus(DEFAULT_PERIOD));
        if (!from.isBefore(to)) {
            throw RequestRejected.badRequest("from " + from + " is not before to " + to);
        }
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        records.recordsOf(number, from, to).forEach(record -> body.add(json(record)));
        return AdminResponse.json(200, body);
    }

    static ObjectNode json(CallRecord record) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("callId", record.callId());
        json.put("caller", record.caller());
        json.put("chargedParty", record.chargedParty());
        json.put("called", record.called());
        if (record.numberClass() == null) {
            json.putNull("class");
        } else {
            json.put("class", record.numberClass().jsonName());
        }
        json.put("start", record.start().toString());
        if (record.answer() == null) {
            json.putNull("answer");
        } else {
            json.put("answer", record.answer().toString());
        }
        json.put("end", record.end().toString());
        json.put("billedSeconds", record.billedSeconds());
        json.put("tariff", record.tariff());
        json.put("cost", record.cost().toPlainString());
        json.put("vat", record.vat().toPlainString());
        json.put("currency", record.currency());
        return json;
    }

    private static java.util.Optional<Instant> time(Map<String, List<String>> query, String name) {
        String text = single(query, name);
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text.replace(' ', '+')));
        } catch (DateTimeParseException e) {
            throw RequestRejected.badRequest(name + ": \"" + text
                    + "\" is not an ISO-8601 UTC time (2026-11-25T08:00:00Z) or date (2026-11-25)");
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
