package kz.btcom.fs.admin.calls;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.QueryParameters;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.query.CallRecordSource;
import kz.btcom.fs.numbering.NumberingPlan;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /calls?number=&from=&to=}: the rated call records of a number (PRODUCT.md "Billing"), as a JSON array;
 * each with the call's {@code icid}, which the records of one call share whichever pass through the server made
 * them (null for calls journaled before icids were kept). Besides the legs of calls ({@code "kind": "call"}) it lists
 * the fees of the number's uses of features charged per use ({@code "kind": "fee"}, {@code "feature"} the fee's name
 * in tariffs.yaml, e.g. {@code "wakeUpCall"}; null on a call's record), as the export does.
 * {@code from} and {@code to} are ISO-8601 instants ({@code 2026-11-25T08:00:00Z}) or dates (a date is its UTC
 * midnight, {@code to} exclusive); left out, the last 31 days up to now.
 */
public final class CallRecordsEndpoint {

    private static final List<String> KNOWN = List.of("number", "from", "to");
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
        QueryParameters query = QueryParameters.of(request.http(), KNOWN);
        String number = query.number("number", numbering)
                .orElseThrow(() -> RequestRejected.badRequest("number: required, E.164 with or without +"));
        QueryParameters.Window window = query.window(clock, DEFAULT_PERIOD);
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        records.recordsOf(number, window.from(), window.to()).forEach(record -> body.add(json(record)));
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
        if (record.icid() == null) {
            json.putNull("icid");
        } else {
            json.put("icid", record.icid());
        }
        json.put("kind", record.kind());
        if (record.isFee()) {
            json.put("feature", record.feature());
        } else {
            json.putNull("feature");
        }
        return json;
    }
}
