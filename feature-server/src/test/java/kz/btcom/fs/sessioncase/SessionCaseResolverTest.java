package kz.btcom.fs.sessioncase;

import kz.btcom.fs.testing.TestSubscribers;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.SessionCase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static kz.btcom.fs.call.SessionCase.ORIGINATING;
import static kz.btcom.fs.call.SessionCase.TERMINATING;
import static kz.btcom.fs.testing.CallSetups.anonymous;
import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.pServedUser;
import static kz.btcom.fs.testing.CallSetups.routeOrig;
import static kz.btcom.fs.testing.CallSetups.tel;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PRODUCT.md, "Session case": whose services apply to a new call. */
class SessionCaseResolverTest {

    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172555111";
    private static final String ELSEWHERE = "+74951234567";

    /** Both BTcom lines are served here; the Moscow number is not. */
    private final SessionCaseResolver resolver = new SessionCaseResolver(TestSubscribers.served(ALMATY, ASTANA));

    private List<ServedCase> resolve(CallSetup setup) {
        return resolver.resolve(setup);
    }

    private static ServedCase served(SessionCase sessionCase, String user) {
        return new ServedCase(sessionCase, tel(user));
    }

    @Test
    void aServedCallerGetsItsOriginatingServices() {
        assertEquals(List.of(served(ORIGINATING, ALMATY)), resolve(call(ALMATY, ELSEWHERE)));
    }

    @Test
    void aServedCalleeGetsItsTerminatingServices() {
        assertEquals(List.of(served(TERMINATING, ASTANA)), resolve(call(ELSEWHERE, ASTANA)));
    }

    @Test
    void whenBothAreServedTheCallersOriginatingServicesComeFirst() {
        assertEquals(List.of(served(ORIGINATING, ALMATY), served(TERMINATING, ASTANA)),
                resolve(call(ALMATY, ASTANA)));
    }

    @Test
    void whenNeitherIsServedNoServicesApply() {
        assertEquals(List.of(), resolve(call(ELSEWHERE, "+74957654321")));
    }

    @Test
    void anAnonymousCallerHasNoOriginatingServices() {
        SessionCaseResolver servesEveryone = new SessionCaseResolver(TestSubscribers.everyone());

        assertEquals(List.of(served(TERMINATING, ASTANA)),
                servesEveryone.resolve(call(anonymous(), tel(ASTANA), Optional.empty())));
    }

    @Test
    void routeOrigMeansOriginatingServicesOnlyEvenWhenTheCalleeIsServed() {
        assertEquals(List.of(served(ORIGINATING, ALMATY)), resolve(routeOrig(ALMATY, ASTANA)));
    }

    @Test
    void pServedUserWithSescaseTermNamesTheServedUserAndTheCase() {
        // A forwarded call: the Request-URI is the forwarding target, the served user the forwarding subscriber.
        assertEquals(List.of(served(TERMINATING, ASTANA)),
                resolve(pServedUser(ALMATY, ELSEWHERE, TERMINATING, ASTANA)));
    }

    @Test
    void pServedUserWithSescaseOrigNamesTheServedUserAndTheCase() {
        assertEquals(List.of(served(ORIGINATING, ASTANA)),
                resolve(pServedUser(ELSEWHERE, ALMATY, ORIGINATING, ASTANA)));
    }

    @Test
    void whatTheCoreStatedIsTakenWithoutAskingWhetherTheUserIsServed() {
        SessionCaseResolver servesNobody = new SessionCaseResolver(ServedSubscribers.NOBODY);

        assertEquals(List.of(served(ORIGINATING, ELSEWHERE)), servesNobody.resolve(routeOrig(ELSEWHERE, ALMATY)));
    }

    @Test
    void untilThereIsASubscriberStoreNobodyIsServed() {
        SessionCaseResolver servesNobody = new SessionCaseResolver(ServedSubscribers.NOBODY);

        assertEquals(List.of(), servesNobody.resolve(call(ALMATY, ASTANA)));
    }
}
