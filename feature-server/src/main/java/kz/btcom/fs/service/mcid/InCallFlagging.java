package kz.btcom.fs.service.mcid;

import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.featurecode.FeatureRequest;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.service.callreturn.IncomingCalls;
import kz.btcom.fs.service.waiting.LinesInCall;
import kz.btcom.fs.session.InfoListener;
import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.session.SessionKey;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code *39#} keyed by the callee during the call, as DTMF in INFO requests (TS 24.616): flags this very call.
 * The last terminating service: a call offered to a line of ours listens for its callee's keys from then on. Only
 * the keys of a callee of ours with malicious-call identification are looked at (the callee the call is offered to
 * when the key comes, after any forwarding). A key sequence that starts with {@code *} or {@code #} is a feature
 * code keyed in the call and is the server's, never the caller's: a malicious caller must not hear that it was
 * flagged, and the keys cannot be given back once held (a code other than {@code *39#} does nothing and is
 * logged). Any other key is passed on as usual.
 */
public final class InCallFlagging implements CallService {

    private static final Logger log = LoggerFactory.getLogger(InCallFlagging.class);
    /** A sequence this long without its closing {@code #} is no feature code. */
    private static final int MAX_CODE_LENGTH = 16;
    private static final SessionKey<KeysInCall> KEY = SessionKey.named("keys in call");

    private final FeatureCodeTable codes;
    private final SubscriberDirectory subscribers;
    private final IncomingCalls incoming;
    private final MaliciousCallReports reports;

    public InCallFlagging(FeatureCodeTable codes, SubscriberDirectory subscribers, IncomingCalls incoming,
                          MaliciousCallReports reports) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() == SessionCase.TERMINATING && call.servedSubscriber().isPresent()
                && !call.isSentElsewhere()) {
            SessionCall session = call.call();
            session.data(KEY, () -> {
                KeysInCall keys = new KeysInCall(session);
                session.addInfoListener(keys);
                return keys;
            });
        }
        return call.proceed();
    }

    /** One call's keys, held back while they may be a code; the call's INFOs come on its lane, one at a time. */
    private final class KeysInCall implements InfoListener {

        private final SessionCall call;
        private StringBuilder sequence;

        KeysInCall(SessionCall call) {
            this.call = call;
        }

        @Override
        public boolean onInfo(CallParty from, String contentType, String body) {
            if (from != CallParty.CALLEE) {
                return false;
            }
            Optional<Character> key = DtmfSignal.of(contentType, body);
            if (key.isEmpty()) {
                return false;
            }
            Optional<Subscriber> victim = LinesInCall.find(call).flatMap(LinesInCall::callee)
                    .flatMap(subscribers::profile).filter(s -> s.services().mcid());
            if (victim.isEmpty()) {
                return false;
            }
            if (sequence == null) {
                if (key.get() != '*' && key.get() != '#') {
                    return false;
                }
                sequence = new StringBuilder();
            }
            sequence.append(key.get());
            if (key.get() == '#' && sequence.length() > 1 || sequence.length() >= MAX_CODE_LENGTH) {
                String keyed = sequence.toString();
                sequence = null;
                if (codes.parse(keyed).orElse(null) instanceof FeatureRequest.MaliciousCallReport) {
                    reports.flag(victim.get().number(), incoming.describe(call.setup()));
                } else {
                    // Not logged as keyed: a code may carry a PIN.
                    log.info("call {}: {} keyed a code other than malicious-call identification in the call; ignored",
                            call.callId(), victim.get().number());
                }
            }
            return true;
        }
    }
}
