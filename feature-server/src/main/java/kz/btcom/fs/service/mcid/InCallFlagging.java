package kz.btcom.fs.service.mcid;

import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.featurecode.FeatureRequest;
import kz.btcom.fs.service.callreturn.IncomingCalls;
import kz.btcom.fs.service.waiting.CallsInProgress;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code *39#} keyed by the callee during the call, as DTMF in INFO requests (TS 24.616): flags this very call.
 * Only the keys of a callee of ours with malicious-call identification are looked at. A key sequence that starts
 * with {@code *} or {@code #} is a feature code keyed in the call and is the server's, never the caller's: a
 * malicious caller must not hear that it was flagged, and the keys cannot be given back once held (a code other
 * than {@code *39#} does nothing and is logged). Any other key is passed on as usual.
 */
public final class InCallFlagging {

    private static final Logger log = LoggerFactory.getLogger(InCallFlagging.class);
    /** A sequence this long without its closing {@code #} is no feature code. */
    private static final int MAX_CODE_LENGTH = 16;

    private final FeatureCodeTable codes;
    private final CallsInProgress calls;
    private final SubscriberDirectory subscribers;
    private final IncomingCalls incoming;
    private final MaliciousCallReports reports;
    /** The keys held back so far, per call; each call's INFOs come on its own lane, one at a time. */
    private final ConcurrentHashMap<String, StringBuilder> keyed = new ConcurrentHashMap<>();

    public InCallFlagging(FeatureCodeTable codes, CallsInProgress calls, SubscriberDirectory subscribers,
                          IncomingCalls incoming, MaliciousCallReports reports) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    /** @return true when the INFO is taken here (a key of a code in progress), false to relay it */
    public boolean onInfo(CallSetup setup, CallParty from, String contentType, String body) {
        if (from != CallParty.CALLEE) {
            return false;
        }
        Optional<Character> key = DtmfSignal.of(contentType, body);
        if (key.isEmpty()) {
            return false;
        }
        Optional<Subscriber> victim = calls.calleeOf(setup.callId()).flatMap(subscribers::profile)
                .filter(s -> s.services().mcid());
        if (victim.isEmpty()) {
            return false;
        }
        StringBuilder sequence = keyed.get(setup.callId());
        if (sequence == null) {
            if (key.get() != '*' && key.get() != '#') {
                return false;
            }
            sequence = new StringBuilder();
            keyed.put(setup.callId(), sequence);
        }
        sequence.append(key.get());
        if (key.get() == '#' && sequence.length() > 1 || sequence.length() >= MAX_CODE_LENGTH) {
            keyed.remove(setup.callId());
            if (codes.parse(sequence.toString()).orElse(null) instanceof FeatureRequest.MaliciousCallReport) {
                reports.flag(victim.get().number(), incoming.describe(setup));
            } else {
                // Not logged as keyed: a code may carry a PIN.
                log.info("call {}: {} keyed a code other than malicious-call identification in the call; ignored",
                        setup.callId(), victim.get().number());
            }
        }
        return true;
    }

    /** The call is over: forget its keys. */
    public void ended(String callKey) {
        keyed.remove(callKey);
    }
}
