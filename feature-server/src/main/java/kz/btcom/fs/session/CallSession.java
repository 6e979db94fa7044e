package kz.btcom.fs.session;

import kz.btcom.fs.call.CallSetup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the services hold of a call while it lasts, from its INVITE to its end: one object per call, made when the
 * call arrives and dropped with it, so that nothing about a call is kept in a map keyed by its Call-ID. It holds
 * its calls (always one, the call that started it: a three-way conference is not one session of several calls
 * but a {@code service.threeway.Conference} holding a media seat of each party's own call), and each call
 * ({@link SessionCall}) holds its set-up, the cases the services served, the listeners the services added and the
 * data they keep about it. Ending the call frees what it held.
 *
 * <p>Threads: a call's events come on that call's own lane, one at a time, so a session with one call needs no
 * lock at all. A session that will own calls on different lanes (a conference joined by a call that arrived on
 * another lane, or one the server placed) keeps the rule "one lane owns each piece of state": the session's own
 * state (its list of calls, what they share) belongs to the lane of the call that started it, and each call's
 * state to that call's lane. A call on another lane never touches the session's state directly nor takes a lock
 * for it: it hands the session a task to run on the session's lane, and hears back the same way, by a task on its
 * own lane (the adapter will offer "run this on that call's lane" for it, as {@code CallControl.schedule} already
 * does for a leg's timers). So no lock is ever held across lanes, and two lanes never wait for each other.
 */
public final class CallSession {

    private final List<SessionCall> calls = new ArrayList<>(1);

    private CallSession() {
    }

    /** A session for a call that just arrived; the call is its first. */
    public static CallSession start(CallSetup setup) {
        CallSession session = new CallSession();
        session.calls.add(new SessionCall(session, Objects.requireNonNull(setup, "setup")));
        return session;
    }

    /** The call that started the session. */
    public SessionCall firstCall() {
        return calls.get(0);
    }

    /** Its calls, the first first. */
    public List<SessionCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String toString() {
        return "CallSession" + calls;
    }
}
