package kz.btcom.fs.testing;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.featurecode.ConfirmationPlayer;
import kz.btcom.fs.featurecode.FeatureCodeFiles;
import kz.btcom.fs.featurecode.Indication;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.mcid.TrunkTable;
import kz.btcom.fs.service.waiting.CallsInProgress;
import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.service.wiring.CallHistory;
import kz.btcom.fs.service.wiring.ServiceEnvironment;
import kz.btcom.fs.service.barring.RefusalAnnouncement;
import kz.btcom.fs.service.wakeup.JdbcWakeUpStore;
import kz.btcom.fs.service.wakeup.WakeUpBookings;
import kz.btcom.fs.service.wakeup.WakeUpCalendar;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import kz.btcom.fs.time.SingleThreadWriter;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services' environment for tests without sockets: a fake clock, the shipped numbering plan and feature codes,
 * subscribers in memory behind the real cache, confirmations that record what would have been played, a
 * billing journal that records every event, and the wake-up bookings in a database of their own (H2 in memory),
 * booked on a background thread as in the server, in Almaty's time.
 */
public final class TestServiceEnvironment implements AutoCloseable {

    /** The number the server's own calls come from in these tests (wakeUp.callerNumber's default). */
    public static final String WAKE_UP_NUMBER = "+77272777100";

    public final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    public final FakeScheduler scheduler = new FakeScheduler(clock);
    public final InMemorySubscriberStore store = new InMemorySubscriberStore();
    public final SubscriberDirectory subscribers = SubscriberDirectory.load(store, StoreSettings.defaults());
    public final NumberingPlan numbering = shippedNumbering();
    public final RecordingConfirmations confirmations = new RecordingConfirmations();
    public final RecordingCallEvents journal = new RecordingCallEvents();
    public final CallsInProgress callsInProgress = new CallsInProgress();
    public final InMemoryCallHistoryStores.LastCalls lastCallStore = new InMemoryCallHistoryStores.LastCalls();
    public final LastCallers lastCallers = LastCallers.manual(lastCallStore);
    public final InMemoryCallHistoryStores.MaliciousCalls maliciousCalls =
            new InMemoryCallHistoryStores.MaliciousCalls();
    /** Records are written at once, on the thread that asks: a test sees them when its call returns. */
    /** The server's own calls come from the wake-up service's number. */
    public final OwnCalls ownCalls = new OwnCalls(java.util.Set.of(WAKE_UP_NUMBER));
    public final CallHistory history = new CallHistory(callsInProgress, lastCallers, maliciousCalls, Runnable::run,
            TrunkTable.NONE, ownCalls);
    /** Whether the billing journal takes new calls (its disk has room): a test may say it does not. */
    public volatile boolean journalTakesNewCalls = true;
    public final Database database = SubscriberStores.openDatabase(StoreSettings.defaults().withDatabase(
            "jdbc:h2:mem:services-" + UUID.randomUUID(), "sa", ""), Path.of("unused"));
    public final JdbcWakeUpStore wakeUpStore = new JdbcWakeUpStore(database, clock);
    private final SingleThreadWriter wakeUpWriter = new SingleThreadWriter("test-wakeup-bookings");
    public final WakeUpBookings wakeUpBookings = new WakeUpBookings(wakeUpStore, subscribers,
            new WakeUpCalendar(ZoneId.of("Asia/Almaty")), clock, wakeUpWriter);
    public final ServiceEnvironment environment = new ServiceEnvironment(clock, scheduler, numbering, subscribers,
            FeatureCodeFiles.shipped().table(), confirmations, RefusalAnnouncement.NONE, journal,
            () -> journalTakesNewCalls, history, wakeUpBookings);

    public static NumberingPlan shippedNumbering() {
        try {
            return NumberingPlan.read(Path.of("..", "config", "numbering.yaml"));
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lastCallers.close();
        wakeUpWriter.close();
        subscribers.close();
        database.close();
    }

    /** Each confirmation asked for, with the indication it will play once known. */
    public static final class RecordingConfirmations implements ConfirmationPlayer {
        public final List<CompletionStage<Indication>> asked = new CopyOnWriteArrayList<>();

        @Override
        public LocalMedia confirm(String callId, CompletionStage<Indication> indication) {
            asked.add(indication);
            return new LocalMedia() {
                @Override
                public String sdpAnswer(String sdpOffer) {
                    return "";
                }

                @Override
                public void start(Runnable hangUp) {
                    hangUp.run();
                }

                @Override
                public void close() {
                }

                @Override
                public String toString() {
                    return "confirmation of " + callId;
                }
            };
        }
    }
}
