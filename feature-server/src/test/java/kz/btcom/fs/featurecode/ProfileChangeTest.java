package kz.btcom.fs.featurecode;

import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Barring;
import kz.btcom.fs.subscriber.CallWaiting;
import kz.btcom.fs.subscriber.Forwarding;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberStore.Change;
import kz.btcom.fs.testing.TestSubscribers;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static kz.btcom.fs.featurecode.Indication.NEGATIVE;
import static kz.btcom.fs.featurecode.Indication.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each feature code does to a profile and what the subscriber hears (PRODUCT.md, "Feature codes"). */
class ProfileChangeTest {

    private static final String ALMATY = "+77272777888";
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private final FeatureCodeTable table = FeatureCodeFiles.shipped().table();
    private final ProfileChange change = new ProfileChange(numbering());

    private static NumberingPlan numbering() {
        try {
            return NumberingPlan.read(Path.of("..", "config", "numbering.yaml"));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line subscribed to everything, nothing switched on, PIN 0000. */
    private static Subscriber subscribedToAll() {
        return TestSubscribers.plain(ALMATY).withServices(new Services(true, false, new CallWaiting(true, false),
                new Forwarding(true, Optional.empty(), Optional.empty(), Optional.empty(), 20, Optional.empty()),
                new Barring(true, 0), true, true, true, true));
    }

    private Change<Indication> dial(Subscriber subscriber, String code) {
        return dial(subscriber, code, NOW);
    }

    private Change<Indication> dial(Subscriber subscriber, String code, Instant at) {
        return change.apply(subscriber, table.parse(code).orElseThrow(), at);
    }

    @Test
    void callWaitingIsSwitchedOnAndOffAndTheCheckTellsWhichItIs() {
        Subscriber on = dial(subscribedToAll(), "*43#").subscriber();
        assertTrue(on.services().callWaiting().active());
        assertEquals(POSITIVE, dial(on, "*#43#").result());

        Change<Indication> off = dial(on, "#43#");
        assertEquals(POSITIVE, off.result());
        assertEquals(NEGATIVE, dial(off.subscriber(), "*#43#").result());
    }

    @Test
    void forwardingUnconditionalToALocalNumberIsStoredInE164() {
        Change<Indication> set = dial(subscribedToAll(), "*21*2777000#");

        assertEquals(POSITIVE, set.result());
        assertEquals(Optional.of("+77272777000"), set.subscriber().services().forwarding().unconditional());
        assertEquals(POSITIVE, dial(set.subscriber(), "*#21#").result());

        Change<Indication> cleared = dial(set.subscriber(), "#21#");
        assertEquals(POSITIVE, cleared.result());
        assertEquals(Optional.empty(), cleared.subscriber().services().forwarding().unconditional());
        assertEquals(NEGATIVE, dial(cleared.subscriber(), "*#21#").result());
    }

    @Test
    void forwardingOnNoReplyTakesItsTimerWithinFiveTo180Seconds() {
        Change<Indication> set = dial(subscribedToAll(), "*61*87172555111*30#");
        assertEquals(POSITIVE, set.result());
        assertEquals(Optional.of("+77172555111"), set.subscriber().services().forwarding().noReply());
        assertEquals(30, set.subscriber().services().forwarding().noReplySeconds());

        assertEquals(NEGATIVE, dial(subscribedToAll(), "*61*2777000*4#").result());
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*61*2777000*181#").result());
    }

    @Test
    void cancelAllForwardingClearsEveryKind() {
        Subscriber all = dial(dial(dial(subscribedToAll(), "*21*2777000#").subscriber(), "*22*2777001#")
                .subscriber(), "*62*2777002#").subscriber();

        Change<Indication> cancelled = dial(all, "#002#");

        assertEquals(POSITIVE, cancelled.result());
        assertEquals(subscribedToAll().services().forwarding(), cancelled.subscriber().services().forwarding());
    }

    @Test
    void aForwardingTargetThatIsNoNumberOrTheSubscriberItselfIsRefused() {
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*21*12#").result());
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*21*112#").result());
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*21*2777888#").result());
    }

    @Test
    void aForwardingTargetTheSubscribersOwnBarringForbidsIsRefused() {
        Subscriber level1 = dial(subscribedToAll(), "*34*0000*1#").subscriber();

        assertEquals(NEGATIVE, dial(level1, "*21*810493012345678#").result());
        assertEquals(NEGATIVE, dial(level1, "*21*+79161234567#").result());
        assertEquals(POSITIVE, dial(level1, "*21*87172555111#").result());
    }

    @Test
    void barringLevelIsSetWithThePinAndClearedWithIt() {
        Change<Indication> set = dial(subscribedToAll(), "*34*0000*1#");
        assertEquals(POSITIVE, set.result());
        assertEquals(1, set.subscriber().services().barring().level());
        assertEquals(POSITIVE, dial(set.subscriber(), "*#34#").result());

        Change<Indication> cleared = dial(set.subscriber(), "#34*0000#");
        assertEquals(POSITIVE, cleared.result());
        assertEquals(0, cleared.subscriber().services().barring().level());
        assertEquals(NEGATIVE, dial(cleared.subscriber(), "*#34#").result());
    }

    @Test
    void barringLevelsAreOneToFour() {
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*34*0000*5#").result());
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*34*0000*0#").result());
        assertEquals(4, dial(subscribedToAll(), "*34*0000*4#").subscriber().services().barring().level());
    }

    @Test
    void threeWrongPinsInARowLockBarringChangesForFifteenMinutes() {
        Subscriber s = subscribedToAll();
        for (int i = 0; i < 3; i++) {
            Change<Indication> wrong = dial(s, "*34*9999*1#");
            assertEquals(NEGATIVE, wrong.result());
            assertEquals(0, wrong.subscriber().services().barring().level());
            s = wrong.subscriber();
        }
        assertEquals(NEGATIVE, dial(s, "*34*0000*1#", NOW.plus(Duration.ofMinutes(14))).result(),
                "locked: even the right PIN is refused");

        Change<Indication> later = dial(s, "*34*0000*1#", NOW.plus(Duration.ofMinutes(15)));
        assertEquals(POSITIVE, later.result());
        assertEquals(1, later.subscriber().services().barring().level());
        assertEquals(0, later.subscriber().pinGuard().failures());
    }

    @Test
    void theRightPinResetsTheCountOfWrongOnes() {
        Subscriber twoWrong = dial(dial(subscribedToAll(), "*34*9999*1#").subscriber(), "*34*9999*1#").subscriber();
        Subscriber right = dial(twoWrong, "*34*0000*1#").subscriber();
        Subscriber oneWrong = dial(right, "#34*9999#").subscriber();

        assertEquals(1, oneWrong.pinGuard().failures());
        assertEquals(POSITIVE, dial(oneWrong, "#34*0000#").result());
    }

    @Test
    void thePinIsChangedWithTheOldOneAndTheNewOneTwice() {
        Change<Indication> changed = dial(subscribedToAll(), "*03*0000*4821*4821#");
        assertEquals(POSITIVE, changed.result());
        assertTrue(changed.subscriber().pin().matches("4821"));
        assertEquals(NEGATIVE, dial(changed.subscriber(), "*34*0000*1#").result());
        assertEquals(POSITIVE, dial(changed.subscriber(), "*34*4821*1#").result());

        assertEquals(NEGATIVE, dial(subscribedToAll(), "*03*0000*4821*4822#").result());
        assertEquals(NEGATIVE, dial(subscribedToAll(), "*03*0000*12*12#").result());
        Change<Indication> wrongOld = dial(subscribedToAll(), "*03*1111*4821*4821#");
        assertEquals(NEGATIVE, wrongOld.result());
        assertEquals(1, wrongOld.subscriber().pinGuard().failures());
    }

    @Test
    void aServiceTheLineIsNotSubscribedToGivesTheNegativeToneAndChangesNothing() {
        Subscriber none = TestSubscribers.plain(ALMATY);
        for (String code : new String[]{"*43#", "*21*2777000#", "#002#", "*34*0000*1#", "*03*0000*1234*1234#"}) {
            Change<Indication> result = dial(none, code);
            assertEquals(NEGATIVE, result.result(), code);
            assertEquals(none, result.subscriber(), code);
        }
    }

    @Test
    void aSuspendedLineCannotChangeItsServices() {
        Subscriber suspended = subscribedToAll().withStatus(LineStatus.SUSPENDED);

        Change<Indication> result = dial(suspended, "*21*2777000#");

        assertEquals(NEGATIVE, result.result());
        assertSame(suspended, result.subscriber());
    }
}
