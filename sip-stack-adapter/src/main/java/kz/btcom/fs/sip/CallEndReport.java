package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.Diversion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A call's end as the services hear it ({@link CallListener#onEnded}): exactly once, when it is decided (a BYE from
 * either side, a party found gone), before the server answers that BYE, so that a journal written there holds the
 * release before anyone is told it happened; or when the call is finished, if nothing decided it earlier.
 */
final class CallEndReport {

    private static final Logger LOG = LoggerFactory.getLogger(CallEndReport.class);

    private final String callId;
    private final Clock clock;
    /** Who ended the call: the server unless a party hung up, cancelled or refused. */
    private CallEnd.Releaser releasedBy = CallEnd.Releaser.SERVER;
    private boolean reported;

    CallEndReport(String callId, Clock clock) {
        this.callId = callId;
        this.clock = clock;
    }

    /** Who ends the call, as far as anyone knows now; a later word wins until the end is reported. */
    void releasedBy(CallEnd.Releaser releaser) {
        releasedBy = releaser;
    }

    boolean isReported() {
        return reported;
    }

    /**
     * Tells the listener, unless it was told already: what the caller was told last (its final status, when it
     * rang and was answered, null when it never was) and the diversions of the call's last onward leg.
     */
    void report(CallListener listener, CallOutcome outcome, int callerStatus, Instant alertedAt, Instant answeredAt,
                List<Diversion> diversions) {
        if (reported) {
            return;
        }
        reported = true;
        try {
            listener.onEnded(new CallEnd(outcome, callerStatus, releasedBy, Optional.ofNullable(alertedAt),
                    Optional.ofNullable(answeredAt), clock.instant(), diversions));
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on call end", callId, e);
        }
    }
}
