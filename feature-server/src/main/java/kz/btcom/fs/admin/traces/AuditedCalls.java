package kz.btcom.fs.admin.traces;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedHandler;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.admin.auth.Authorization;
import kz.btcom.fs.subscriber.StoreException;
import kz.btcom.fs.trace.audit.AuditEntry;
import kz.btcom.fs.trace.audit.TraceAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Puts every trace call in the audit before its answer leaves (PRODUCT.md: every read of a trace is audited):
 * who (token id and role, and the address it came from), when (the injected clock), what (method, path, query, the
 * capture or subscriber) and the status answered, bad requests, unknown ids and the token check's refusals (401,
 * 403, 429) included. When the entry cannot be written the answer is a 503 instead, and a capture the call started
 * is discarded: no trace data without its audit.
 */
final class AuditedCalls {

    private static final Logger log = LoggerFactory.getLogger(AuditedCalls.class);

    private final TraceAudit audit;
    private final Clock clock;

    AuditedCalls(TraceAudit audit, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    AuthenticatedHandler of(TraceCall call) {
        Objects.requireNonNull(call, "call");
        return request -> {
            TraceAnswer answer = answer(call, request);
            AdminRequest http = request.http();
            Principal principal = request.principal();
            AuditEntry entry = new AuditEntry(clock.instant(), principal.tokenId(), Optional.of(principal.role()),
                    http.source(), http.method(), http.path(), queryText(http.query()), answer.captureId(),
                    answer.number(), answer.response().status());
            return recorded(entry, answer.response(), answer.unlessAudited());
        };
    }

    /** The token check's refusals of trace calls, audited as the calls it lets through are. */
    Authorization.Refusals refusals() {
        return (http, tokenId, role, refusal) -> recorded(new AuditEntry(clock.instant(), tokenId, role,
                http.source(), http.method(), http.path(), queryText(http.query()), "", "", refusal.status()),
                refusal, () -> { });
    }

    /** The answer, once its entry is written; else a 503, and what the call did is undone. */
    private AdminResponse recorded(AuditEntry entry, AdminResponse answer, Runnable undo) {
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            log.warn("HTTP {} {} by token {} from {}: the trace audit cannot be written, so nothing is given: {}",
                    entry.method(), entry.path(), entry.tokenId().isEmpty() ? "(none)" : entry.tokenId(),
                    entry.source(), describe(e));
            undo.run();
            return AdminResponse.error(503, "the trace audit cannot be written, so no trace data is given;"
                    + " try again shortly").withHeader("Retry-After", "5");
        }
        return answer;
    }

    private static TraceAnswer answer(TraceCall call, AuthenticatedRequest request) {
        try {
            return call.answer(request);
        } catch (RequestRejected e) {
            return TraceAnswer.of(e.toResponse());
        } catch (StoreException e) {
            log.warn("HTTP {} {}: the database failed: {}", request.http().method(), request.http().path(),
                    describe(e));
            return TraceAnswer.of(AdminResponse.error(503, "the database is not available; try again shortly")
                    .withHeader("Retry-After", "5"));
        }
    }

    /** The query as decoded, in name order: {@code from=...&victim=...}. */
    static String queryText(Map<String, List<String>> query) {
        return new TreeMap<>(query).entrySet().stream()
                .flatMap(parameter -> parameter.getValue().stream().map(value -> parameter.getKey() + "=" + value))
                .collect(Collectors.joining("&"));
    }

    private static String describe(RuntimeException e) {
        return e.getCause() == null ? e.toString() : e.getMessage() + ": " + e.getCause();
    }
}
