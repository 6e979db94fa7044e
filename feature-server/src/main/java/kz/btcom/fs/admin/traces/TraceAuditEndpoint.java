package kz.btcom.fs.admin.traces;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.QueryParameters;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.trace.audit.AuditEntry;
import kz.btcom.fs.trace.audit.TraceAudit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /traces/audit?from=&to=&limit=}: the audit of the trace calls in {@code [from, to)}, oldest first;
 * the same defaults and limit as {@code /traces/malicious}. This read is itself audited.
 */
final class TraceAuditEndpoint {

    private static final List<String> KNOWN = List.of("from", "to", "limit");
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final TraceAudit audit;
    private final Clock clock;

    TraceAuditEndpoint(TraceAudit audit, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    TraceAnswer list(AuthenticatedRequest request) {
        QueryParameters query = QueryParameters.of(request.http(), KNOWN);
        QueryParameters.Window window = query.window(clock, DEFAULT_PERIOD);
        int limit = query.integer("limit", MaliciousCallsEndpoint.MAX_RECORDS, 1, MaliciousCallsEndpoint.MAX_RECORDS);
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        audit.between(window.from(), window.to(), limit).forEach(entry -> body.add(json(entry)));
        return TraceAnswer.of(AdminResponse.json(200, body));
    }

    static ObjectNode json(AuditEntry entry) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("at", entry.at().toString());
        optional(json, "tokenId", entry.tokenId());
        optional(json, "role", entry.role().map(Role::configName).orElse(""));
        optional(json, "source", entry.source());
        json.put("method", entry.method())
                .put("path", entry.path())
                .put("query", entry.query());
        optional(json, "captureId", entry.captureId());
        optional(json, "number", entry.number());
        return json.put("status", entry.status());
    }

    private static void optional(ObjectNode json, String field, String value) {
        if (value.isEmpty()) {
            json.putNull(field);
        } else {
            json.put(field, value);
        }
    }
}
