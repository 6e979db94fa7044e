package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.testing.TestServiceEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.pServedUser;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.CallSetups.withIcid;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call the server placed itself (a wake-up call) comes back through the core to its callee B: it reaches B's line
 * or finds it busy, whatever B has set. It is never forwarded, never a waiting call, and not B's last caller.
 */
class OwnCallDeliveryTest {

    static final String B = "+77272777102";
    static final String C = "+77272777103";
    static final String X = "+77272777197";
    static final String WAKE_UP = TestServiceEnvironment.WAKE_UP_NUMBER;

    final ServedCalls calls = new ServedCalls();
    final CallsInProgress lines = calls.services.callsInProgress;

    @AfterEach
    void close() {
        calls.close();
    }

    /** The terminating pass of the server's own call to B, as the core sends it back. */
    private static CallSetup wakeUpCallTo(String line) {
        return withCallId(pServedUser(WAKE_UP, line, SessionCase.TERMINATING, line), "wake-up-pass");
    }

    @Test
    void itReachesALineThatForwardsEverythingAndOccupiesIt() {
        calls.provision(line(B).forwardsUnconditionallyTo(C), line(C));

        OnwardLeg leg = calls.relayed(wakeUpCallTo(B));

        assertEquals(Optional.empty(), leg.targetNumber(), "to B itself, not to B's forwarding target");
        assertTrue(leg.diversions().isEmpty());
        assertEquals(1, lines.callsOf(B));
    }

    @Test
    void aLineInACallIsBusyEvenWithCallWaitingOn() {
        calls.provision(line(B).withCallWaiting().forwardsOnBusyTo(C), line(C));
        calls.answer(calls.relayed(withCallId(call(X, B), "first")));

        assertEquals(new CallDecision.Reject(486, "Busy Here"), calls.call(wakeUpCallTo(B)));
    }

    @Test
    void itIsNotRememberedAsTheLinesLastCaller() {
        calls.provision(line(B));

        calls.relayed(wakeUpCallTo(B));

        assertEquals(Optional.empty(), calls.services.lastCallers.of(B));
    }

    @Test
    void aCallPlacedByThisNodeIsKnownByItsChargingIdentifierWhateverItsCaller() {
        calls.provision(line(B).forwardsUnconditionallyTo(C), line(C));
        CallSetup placed = withIcid(withCallId(pServedUser(X, B, SessionCase.TERMINATING, B), "placed-pass"),
                "icid-of-a-placed-call");
        new RecordingPlacedCall("icid-of-a-placed-call").placeTrackedBy(calls.services.ownCalls);

        assertEquals(Optional.empty(), calls.relayed(placed).targetNumber(), "not forwarded");
    }

    @Test
    void anOrdinaryCallIsStillForwarded() {
        calls.provision(line(B).forwardsUnconditionallyTo(C), line(C));

        assertEquals(Optional.of(C), calls.relayed(withCallId(call(X, B), "ordinary")).targetNumber());
    }
}
