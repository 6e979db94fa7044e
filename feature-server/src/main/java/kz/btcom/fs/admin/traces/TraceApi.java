package kz.btcom.fs.admin.traces;

import kz.btcom.fs.admin.auth.AuthenticatedHandler;
import kz.btcom.fs.admin.auth.Authorization;
import kz.btcom.fs.numbering.NumberingPlan;

/**
 * The technicians' trace calls (PRODUCT.md, issue 6), each audited ({@link AuditedCalls}) before its answer
 * leaves. {@code kz.btcom.fs.admin.api.ApiV1} routes them, for the technician role only.
 */
public final class TraceApi {

    /** The path parameter of {@code /traces/sip/{id}}. */
    public static final String CAPTURE_ID = SipTraceEndpoints.ID;

    private final AuditedCalls audited;
    private final SipTraceEndpoints sip;
    private final MaliciousCallsEndpoint malicious;
    private final TraceAuditEndpoint auditRead;

    /** @param sipCapturesPath where the captures are ({@code /api/v1/traces/sip}), for the Location of a new one */
    public TraceApi(TraceSources sources, NumberingPlan numbering, String sipCapturesPath) {
        this.audited = new AuditedCalls(sources.audit(), sources.clock());
        this.sip = new SipTraceEndpoints(sources.sipTraces(), numbering, sipCapturesPath);
        this.malicious = new MaliciousCallsEndpoint(sources.maliciousCalls(), numbering, sources.clock());
        this.auditRead = new TraceAuditEndpoint(sources.audit(), sources.clock());
    }

    /** {@code POST /traces/sip}. */
    public AuthenticatedHandler startCapture() {
        return audited.of(sip::start);
    }

    /** {@code GET /traces/sip/{id}}. */
    public AuthenticatedHandler capture() {
        return audited.of(sip::download);
    }

    /** {@code GET /traces/sip}. */
    public AuthenticatedHandler captures() {
        return audited.of(sip::list);
    }

    /** {@code GET /traces/malicious}. */
    public AuthenticatedHandler maliciousCalls() {
        return audited.of(malicious::list);
    }

    /** What the token check refuses on these calls is audited too: pass to {@link Authorization#withRefusals}. */
    public Authorization.Refusals refusals() {
        return audited.refusals();
    }

    /** {@code GET /traces/audit}. */
    public AuthenticatedHandler audit() {
        return audited.of(auditRead::list);
    }
}
