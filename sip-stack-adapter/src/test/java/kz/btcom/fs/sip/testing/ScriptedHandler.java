package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The feature server's side as a test plays it: relays by default, or rejects, retargets or relays a leg as told;
 * leaves every INFO and REFER to be relayed unless told otherwise. Each call gets a listener of its own, which
 * records what it hears here.
 */
public final class ScriptedHandler implements CallHandler {

    /** An INFO the services were shown. */
    public record Info(String callId, CallParty from, String contentType, String body) {
    }

    /** What the services do with an INFO: true to take it. */
    public interface InfoAnswer {
        boolean take(Info info);
    }

    private volatile Function<CallSetup, CallDecision> decision = setup -> CallDecision.relay();
    private final List<CallSetup> setups = new ArrayList<>();
    private final List<CallOutcome> ended = new ArrayList<>();
    private final List<CallEnd> ends = new ArrayList<>();
    private final List<Info> infos = new ArrayList<>();
    private volatile InfoAnswer infoAnswer = info -> false;
    private final List<Refer> refers = new ArrayList<>();
    private volatile ReferAnswer referAnswer = refer -> ReferDecision.RELAY;

    /** A REFER the services were shown. */
    public record Refer(String callId, CallParty from, ReferRequest request) {
    }

    /** What the services do with a REFER. */
    public interface ReferAnswer {
        ReferDecision decide(Refer refer);
    }

    public void relay() {
        decision = setup -> CallDecision.relay();
    }

    public void reject(int status, String reason) {
        decision = setup -> CallDecision.reject(status, reason);
    }

    /** Forwards the call to {@code number}: one diversion from the number dialled. */
    public void retarget(String number, DiversionReason reason) {
        decision = setup -> CallDecision.relay(OnwardLeg.AS_DIALLED.withTarget(number)
                .withDiversions(List.of(new Diversion(setup.called().user(), number, reason))));
    }

    /** Relays every call as this leg says. */
    public void relay(OnwardLeg leg) {
        decision = setup -> CallDecision.relay(leg);
    }

    /** Relays every call as the leg made for its set-up says. */
    public void relay(Function<CallSetup, OnwardLeg> leg) {
        decision = setup -> CallDecision.relay(leg.apply(setup));
    }

    public void decide(Function<CallSetup, CallDecision> decision) {
        this.decision = decision;
    }

    /** From now on, INFOs are answered this way (take, leave, or throw). */
    public void onInfo(InfoAnswer answer) {
        this.infoAnswer = answer;
    }

    /** From now on, REFERs are answered this way (relay, refuse, or throw). */
    public void onRefer(ReferAnswer answer) {
        this.referAnswer = answer;
    }

    /** The REFERs the services were shown, in order. */
    public List<Refer> refers() {
        synchronized (refers) {
            return List.copyOf(refers);
        }
    }

    private ReferDecision refer(CallSetup setup, CallParty from, ReferRequest request) {
        Refer refer = new Refer(setup.callId(), from, request);
        synchronized (refers) {
            refers.add(refer);
        }
        return referAnswer.decide(refer);
    }

    private boolean info(CallSetup setup, CallParty from, String contentType, String body) {
        Info info = new Info(setup.callId(), from, contentType, body);
        synchronized (infos) {
            infos.add(info);
        }
        return infoAnswer.take(info);
    }

    /** The INFOs the services were shown, in order. */
    public List<Info> infos() {
        synchronized (infos) {
            return List.copyOf(infos);
        }
    }

    @Override
    public CallStart onNewCall(CallSetup setup) {
        synchronized (setups) {
            setups.add(setup);
            setups.notifyAll();
        }
        return new CallStart(decision.apply(setup), new CallListener() {
            @Override
            public void onEnded(CallEnd end) {
                ended(end);
            }

            @Override
            public boolean onInfo(CallParty from, String contentType, String body) {
                return info(setup, from, contentType, body);
            }

            @Override
            public ReferDecision onRefer(CallParty from, ReferRequest refer) {
                return refer(setup, from, refer);
            }
        });
    }

    private void ended(CallEnd end) {
        synchronized (ended) {
            ended.add(end.outcome());
            ends.add(end);
        }
    }

    /** How each call ended, in order, as the services were told. */
    public List<CallEnd> ends() {
        synchronized (ended) {
            return List.copyOf(ends);
        }
    }

    /** The CallSetup of the most recent call the services saw. */
    public CallSetup lastSetup() {
        synchronized (setups) {
            if (setups.isEmpty()) {
                throw new AssertionFailedError("the services saw no call");
            }
            return setups.get(setups.size() - 1);
        }
    }

    public int callsSeen() {
        synchronized (setups) {
            return setups.size();
        }
    }

    public List<CallOutcome> endedOutcomes() {
        synchronized (ended) {
            return List.copyOf(ended);
        }
    }
}
