package kz.btcom.fs.admin.traces;

import kz.btcom.fs.service.mcid.MaliciousCallRecords;
import kz.btcom.fs.trace.SipTraces;
import kz.btcom.fs.trace.audit.TraceAudit;

import java.time.Clock;
import java.util.Objects;

/**
 * What the trace calls read and write: the SIP captures, the malicious-call records, the audit, and the clock
 * the audit's times and the reads' default windows come from.
 */
public record TraceSources(SipTraces sipTraces, MaliciousCallRecords maliciousCalls, TraceAudit audit, Clock clock) {

    public TraceSources {
        Objects.requireNonNull(sipTraces, "sipTraces");
        Objects.requireNonNull(maliciousCalls, "maliciousCalls");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
    }
}
