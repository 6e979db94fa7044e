package kz.btcom.fs.admin.traces;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.QueryParameters;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.callreturn.CallOrigin;
import kz.btcom.fs.service.mcid.MaliciousCallRecord;
import kz.btcom.fs.service.mcid.MaliciousCallRecords;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /traces/malicious?victim=&from=&to=&limit=}: the malicious-call records flagged in {@code [from, to)},
 * oldest first, of one victim or of everyone. Left out, {@code to} is now and {@code from} 30 days before it;
 * at most {@code limit} (1-1000, default 1000) records: for more, ask again from the last one's time.
 */
final class MaliciousCallsEndpoint {

    static final int MAX_RECORDS = 1000;
    private static final List<String> KNOWN = List.of("victim", "from", "to", "limit");
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final MaliciousCallRecords records;
    private final NumberingPlan numbering;
    private final Clock clock;

    MaliciousCallsEndpoint(MaliciousCallRecords records, NumberingPlan numbering, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    TraceAnswer list(AuthenticatedRequest request) {
        QueryParameters query = QueryParameters.of(request.http(), KNOWN);
        Optional<String> victim = query.number("victim", numbering);
        QueryParameters.Window window = query.window(clock, DEFAULT_PERIOD);
        int limit = query.integer("limit", MAX_RECORDS, 1, MAX_RECORDS);
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        records.find(victim, window.from(), window.to(), limit).forEach(record -> body.add(json(record)));
        return TraceAnswer.about(AdminResponse.json(200, body), "", victim.orElse(""));
    }

    static ObjectNode json(MaliciousCallRecord record) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("victim", record.victim())
                .put("callerNumber", record.callerNumber())
                .put("callerUri", record.callerUri())
                .put("callerRestricted", record.callerRestricted())
                .put("callId", record.callId())
                .put("callStart", record.callStart().toString())
                .put("flaggedAt", record.flaggedAt().toString());
        CallOrigin origin = record.origin();
        ObjectNode originJson = json.putObject("origin")
                .put("type", origin.kind().jsonName())
                .put("value", origin.value());
        if (origin.trunkContext().isEmpty()) {
            originJson.putNull("trunkContext");
        } else {
            originJson.put("trunkContext", origin.trunkContext());
        }
        return json;
    }
}
