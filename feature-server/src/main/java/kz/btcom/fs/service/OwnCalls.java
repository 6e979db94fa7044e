package kz.btcom.fs.service;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The calls the server places itself (wake-up calls, line tests), as they come back: the core routes such a call to
 * its callee like any other, through this server again for the callee's terminating services. There it must not be
 * forwarded, offered as a waiting call or remembered as the line's last caller: it reaches the line or finds it busy.
 * <p>
 * A call is the server's own when its charging identifier is one of a call this node placed and has not ended, or
 * when its asserted caller is one of the server's service numbers (so that a node recognises a call another node
 * placed: only the trusted core asserts identities to us). Thread-safe: calls are placed and come back on any lane.
 */
public final class OwnCalls {

    private final Set<String> icidsInProgress = ConcurrentHashMap.newKeySet();
    private final Set<String> serviceNumberDigits;

    /** @param serviceNumbers the numbers the server's own calls come from, E.164 with '+' */
    public OwnCalls(Set<String> serviceNumbers) {
        this.serviceNumberDigits = serviceNumbers.stream().map(OwnCalls::digits).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a new call is one the server placed. */
    public boolean isOwn(CallSetup setup) {
        return icidsInProgress.contains(setup.icid()) || serviceNumberDigits.contains(digits(setup.caller().user()));
    }

    /** {@code events}, with the call known as the server's own from before its INVITE leaves until it ends. */
    public PlacedCallEvents tracking(PlacedCallEvents events) {
        Objects.requireNonNull(events, "events");
        return new PlacedCallEvents() {
            private String icid;

            @Override
            public void onPlaced(PlacedCall call) {
                icid = call.icid();
                icidsInProgress.add(icid);
                events.onPlaced(call);
            }

            @Override
            public void onProvisional(int status, PlacedCall call) {
                events.onProvisional(status, call);
            }

            @Override
            public void onAnswered(PlacedCall call) {
                events.onAnswered(call);
            }

            @Override
            public void onFailed(int status, PlacedCall call) {
                events.onFailed(status, call);
            }

            @Override
            public void onEnded(CallEnd end) {
                if (icid != null) {
                    icidsInProgress.remove(icid);
                }
                events.onEnded(end);
            }
        };
    }

    /** How many of the server's own calls this node has in progress. */
    public int inProgress() {
        return icidsInProgress.size();
    }

    private static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
