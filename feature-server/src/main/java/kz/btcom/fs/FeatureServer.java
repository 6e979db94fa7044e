package kz.btcom.fs;

import kz.btcom.fs.admin.AdminHttpServer;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.admin.api.ApiV1;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.auth.Authorization;
import kz.btcom.fs.admin.auth.FailedTokens;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.admin.calls.ItemizedBillEndpoint;
import kz.btcom.fs.admin.console.ConsoleFiles;
import kz.btcom.fs.admin.subscribers.LineTestEndpoint;
import kz.btcom.fs.admin.subscribers.WakeUpEndpoints;
import kz.btcom.fs.admin.traces.TraceSources;
import kz.btcom.fs.billing.export.ExportService;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.JournalSpace;
import kz.btcom.fs.billing.query.JournalCallRecords;
import kz.btcom.fs.billing.rating.JournalRater;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpLimits;
import kz.btcom.fs.featurecode.AnnouncedConfirmations;
import kz.btcom.fs.featurecode.ConfirmationPlayer;
import kz.btcom.fs.featurecode.PromptChoice;
import kz.btcom.fs.media.ConferenceRoom;
import kz.btcom.fs.media.MediaEndpoint;
import kz.btcom.fs.media.MediaException;
import kz.btcom.fs.media.Prompt;
import kz.btcom.fs.media.Tone;
import kz.btcom.fs.media.WavPrompt;
import kz.btcom.fs.metrics.FeatureServerMetrics;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.service.threeway.ConferenceAudio;
import kz.btcom.fs.service.threeway.ConferenceFocus;
import kz.btcom.fs.service.threeway.Conferences;
import kz.btcom.fs.service.threeway.FocusAddresses;
import kz.btcom.fs.service.threeway.ThreeWaySettings;
import kz.btcom.fs.service.barring.RefusalAnnouncement;
import kz.btcom.fs.service.callreturn.JdbcLastCallStore;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.linetest.LineTests;
import kz.btcom.fs.service.mcid.JdbcMaliciousCallStore;
import kz.btcom.fs.service.mcid.MaliciousCallStore;
import kz.btcom.fs.service.waiting.CallsInProgress;
import kz.btcom.fs.service.wakeup.JdbcWakeUpStore;
import kz.btcom.fs.service.wakeup.WakeUpBookings;
import kz.btcom.fs.service.wakeup.WakeUpCalendar;
import kz.btcom.fs.service.wakeup.WakeUpDialer;
import kz.btcom.fs.service.wakeup.WakeUpStore;
import kz.btcom.fs.service.wiring.CallHistory;
import kz.btcom.fs.service.wiring.ServiceEnvironment;
import kz.btcom.fs.service.wiring.ServiceOrder;
import kz.btcom.fs.sessioncase.SubscriberLookup;
import kz.btcom.fs.sip.SipStartException;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.NotificationListener;
import kz.btcom.fs.subscriber.ProfileChangeListener;
import kz.btcom.fs.subscriber.StoreException;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.time.ExecutorScheduler;
import kz.btcom.fs.time.Scheduler;
import kz.btcom.fs.time.SingleThreadWriter;
import kz.btcom.fs.trace.SharedCaptures;
import kz.btcom.fs.trace.SipTraces;
import kz.btcom.fs.trace.TraceLimits;
import kz.btcom.fs.trace.audit.JdbcTraceAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The feature server, wired: metrics, the HTTP interface, the services, then the SIP side. Stopping runs the
 * other way round, so that /health says "stopping" and calls are released before anything else goes.
 */
public final class FeatureServer {

    private static final Logger log = LoggerFactory.getLogger(FeatureServer.class);
    /** How often the last callers are written behind the calls: what a crash could lose of them. */
    private static final Duration LAST_CALLERS_FLUSH = Duration.ofSeconds(1);

    private final FeatureServerConfig config;
    private final Health health;
    private final AdminHttpServer http;
    private final ExecutorScheduler scheduler;
    private final MediaEndpoint media;
    private final SipTraces traces;
    private final SubscriberDirectory subscribers;
    private final LastCallers lastCallers;
    private final SingleThreadWriter recordWriter;
    private final ChronicleJournal journal;
    private final JournalSpace journalSpace;
    private final Optional<ExportService> export;
    private final SipSide sip;
    private final WakeUpDialer wakeUps;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FeatureServer(FeatureServerConfig config, Health health, AdminHttpServer http,
                          ExecutorScheduler scheduler, MediaEndpoint media, SipTraces traces,
                          SubscriberDirectory subscribers, LastCallers lastCallers, SingleThreadWriter recordWriter,
                          ChronicleJournal journal, JournalSpace journalSpace, Optional<ExportService> export,
                          SipSide sip, WakeUpDialer wakeUps) {
        this.config = config;
        this.health = health;
        this.http = http;
        this.scheduler = scheduler;
        this.media = media;
        this.traces = traces;
        this.subscribers = subscribers;
        this.lastCallers = lastCallers;
        this.recordWriter = recordWriter;
        this.journal = journal;
        this.journalSpace = journalSpace;
        this.export = export;
        this.sip = sip;
        this.wakeUps = wakeUps;
    }

    /** Starts with the process's environment (FS_ADMIN_TOKENS). */
    public static FeatureServer start(FeatureServerConfig config, Clock clock, SipSide.Launcher sipLauncher)
            throws StartException, ConfigException {
        return start(config, System.getenv(), clock, sipLauncher);
    }

    /** Starts with the malicious-call records in the server's database. */
    public static FeatureServer start(FeatureServerConfig config, Map<String, String> env, Clock clock,
                                      SipSide.Launcher sipLauncher) throws StartException, ConfigException {
        return start(config, env, clock, sipLauncher, JdbcMaliciousCallStore::new);
    }

    /**
     * @param maliciousCallStore where the malicious-call records are written and the technicians read them, made on
     *                           the server's database
     * @throws ConfigException the API tokens ({@code FS_ADMIN_TOKENS}, {@code admin.tokens}) are unusable
     * @throws StartException  something the configuration names cannot be had: a port, the database, a prompt
     */
    public static FeatureServer start(FeatureServerConfig config, Map<String, String> env, Clock clock,
                                      SipSide.Launcher sipLauncher,
                                      Function<Database, MaliciousCallStore> maliciousCallStore)
            throws StartException, ConfigException {
        createDataDir(config);
        AccessTokens tokens = AccessTokens.resolve(config.admin().tokens(), config.admin().tokensSource(), env,
                config.dataDir());
        Resources resources = new Resources();
        try {
            // One pool for every table: the subscribers, the trace audit, the services' own. Closing the
            // subscriber store closes it, after everything on it has stopped (see stop()).
            Database database = resources.add(openDatabase(config));
            // Every profile in memory before anything takes calls: no call lane ever reads the database.
            SubscriberDirectory subscribers = resources.add(loadSubscribers(database, config));
            // On a shared PostgreSQL: other nodes' profile changes reach this node within a second (NOTIFY).
            ProfileChangeListener.startFor(config.store(), subscribers).ifPresent(subscribers::closeWith);
            ExecutorScheduler scheduler = resources.add(new ExecutorScheduler("fs-timers"));
            LastCallers lastCallers = resources.add(readLastCallers(database, scheduler));
            // On a shared PostgreSQL: a last call recorded by another node replaces an older copy here (NOTIFY),
            // so *69# and *39# act on the newest call of a line whose share came back to this node.
            NotificationListener.startFor(config.store(), LastCallers.CHANNEL, "last callers",
                    lastCallers::changedElsewhere, lastCallers::reloadAll).ifPresent(subscribers::closeWith);
            SingleThreadWriter recordWriter = resources.add(new SingleThreadWriter("mcid-writer"));
            MaliciousCallStore maliciousCalls = maliciousCallStore.apply(database);
            // Wake-up bookings, made by feature codes and the API on a thread of their own (never a call's lane);
            // what is queued there is written before the database closes (the directory closes it first).
            SingleThreadWriter wakeUpWriter = new SingleThreadWriter("wakeup-bookings");
            subscribers.closeWith(wakeUpWriter);
            WakeUpStore wakeUpStore = new JdbcWakeUpStore(database, clock);
            WakeUpBookings wakeUpBookings = new WakeUpBookings(wakeUpStore, subscribers,
                    new WakeUpCalendar(config.wakeUp().zone()), clock, wakeUpWriter);
            ChronicleJournal journal = resources.add(openJournal(config));
            Optional<ExportService> export = config.billingExportDir().map(dir -> resources.add(
                    ExportService.of(journal, dir, new JournalRater(config.tables().tariffs())::rate).start()));
            // The gauge is registered before the SIP side exists, and reads it once it does.
            AtomicReference<SipSide> sipRef = new AtomicReference<>();
            FeatureServerMetrics metrics = new FeatureServerMetrics(() -> {
                SipSide running = sipRef.get();
                return running == null ? 0 : running.callsInProgress();
            });
            MediaEndpoint media = resources.add(startMedia(config, metrics));
            ConfirmationPlayer confirmations = loadPrompts(config, media);
            Health health = Health.startingUp();
            NumberingPlan numbering = config.tables().numbering();
            JournalSpace journalSpace = resources.add(JournalSpace.watch(journal,
                    config.billing().journalReserveBytes(), scheduler, health::journalTakesNewCalls));
            metrics.watchJournal(journalSpace::usableBytes, journalSpace::takesNewCalls, journal::waitingEntries);
            // The captures are the cluster's, in the database: started through any node, taken on every node,
            // downloaded whole through any node; a node hears of a start within a second (NOTIFY).
            SipTraces traces = resources.add(openTraces(config, numbering, clock, scheduler,
                    new SharedCaptures(database, nodeName(config))));
            NotificationListener.startFor(config.store(), SharedCaptures.CHANNEL, "SIP capture changes",
                    id -> traces.sharedCapturesChanged(), traces::sharedCapturesChanged)
                    .ifPresent(subscribers::closeWith);
            TraceSources traceSources = new TraceSources(traces, maliciousCalls,
                    new JdbcTraceAudit(database), clock);
            JournalCallRecords callRecords = new JournalCallRecords(journal,
                    new JournalRater(config.tables().tariffs()));
            OwnCalls ownCalls = new OwnCalls(Set.of(config.lineTest().callerNumber(), config.wakeUp().callerNumber()));
            LineTests lineTests = new LineTests(placerOf(sipRef), media, journal, numbering, clock,
                    config.lineTest().callerNumber(), ownCalls);
            AdminHttpServer http = resources.add(startHttp(config, health, metrics,
                    ApiV1.routes(authorization(tokens, config, clock), subscribers, numbering,
                            new CallRecordsEndpoint(callRecords, numbering, clock),
                            new ItemizedBillEndpoint(callRecords, numbering, config.tables().tariffs()),
                            traceSources,
                            new LineTestEndpoint(subscribers, numbering, lineTests, journalSpace::takesNewCalls),
                            new WakeUpEndpoints(wakeUpBookings, numbering))));
            CallsInProgress callsInProgress = new CallsInProgress();
            metrics.watchSubscribersInCalls(callsInProgress::busySubscribers);
            CallHistory history = new CallHistory(callsInProgress, lastCallers, maliciousCalls, recordWriter,
                    config.tables().trunks(), ownCalls);
            ServiceEnvironment environment = new ServiceEnvironment(clock, scheduler, numbering, subscribers,
                    config.tables().featureCodes().table(), confirmations, refusalAnnouncement(config, media),
                    journal, journalSpace::takesNewCalls, history, wakeUpBookings);
            SubscriberLookup lookup = new SubscriberLookup(numbering, subscribers);
            Conferences conferences = new Conferences(roomsOf(media), journal, clock, moverOf(sipRef),
                    placerOf(sipRef));
            metrics.watchConferences(conferences::inProgress);
            metrics.watchQueues(onceSipRuns(sipRef, SipSide::laneQueueingMillis),
                    onceSipRuns(sipRef, SipSide::receiveQueueingMillis));
            CallHandler handler = ServiceOrder.handler(environment, lookup, new ConferenceFocus(
                    focusAddresses(config), conferences, lookup, numbering));
            SipSide sip;
            try {
                sip = sipLauncher.start(config.sip().toSipSettings(clock).withMessageTap(traces), handler, metrics);
            } catch (SipStartException e) {
                throw new StartException("cannot start SIP on " + config.sip().listen() + ": " + e.getMessage(), e);
            }
            sipRef.set(sip);
            // The dialer's database work runs on a thread of its own, which finishes before the database closes.
            SingleThreadWriter wakeUpWorker = new SingleThreadWriter("wakeup-dialer");
            subscribers.closeWith(wakeUpWorker);
            WakeUpDialer wakeUps = resources.add(new WakeUpDialer(wakeUpStore,
                    new WakeUpCalendar(config.wakeUp().zone()), config.wakeUp(), sip.placer(), media,
                    wakeUpAnnouncement(config), journal, numbering, subscribers::profile,
                    number -> callsInProgress.callsOf(number) > 0, ownCalls, journalSpace::takesNewCalls,
                    metrics::wakeUpCall, clock, scheduler, wakeUpWorker, nodeName(config)).start());
            metrics.watchWakeUps(wakeUps::dueNextHour, wakeUps::inProgress);
            // Only now: a load balancer (or a test) that sees "up" may send calls at once.
            health.markUp();
            FeatureServer server = new FeatureServer(config, health, http, scheduler, media, traces, subscribers,
                    lastCallers, recordWriter, journal, journalSpace, export, sip, wakeUps);
            log.info("SIP on {} ({}), core {} ({}), HTTP on {}, media on {} ports {}-{}, data in {}: ready",
                    config.sip().listen(), config.sip().transportList(), config.sip().core(),
                    config.sip().coreTransport().configName(), HostPort.of(http.address()), config.media().address(),
                    config.media().portMin(), config.media().portMax(), config.dataDir());
            log.info("SIP taken only from {}; anyone else's requests are {}", config.sip().trustedPeers(),
                    config.sip().untrustedPolicy() == kz.btcom.fs.sip.UntrustedPolicy.DROP ? "dropped" : "refused (403)");
            log.info("numbering plan from {}, feature codes from {}", config.tables().numberingSource(),
                    config.tables().featureCodesSource());
            return server;
        } catch (StartException | RuntimeException e) {
            resources.closeAll();
            throw e;
        }
    }

    private static Database openDatabase(FeatureServerConfig config) throws StartException {
        try {
            return SubscriberStores.openDatabase(config.store(), config.dataDir());
        } catch (StoreException e) {
            throw new StartException("cannot open the subscriber database: " + e.getMessage(), e);
        }
    }

    private static SubscriberDirectory loadSubscribers(Database database, FeatureServerConfig config)
            throws StartException {
        try {
            return SubscriberDirectory.load(SubscriberStores.on(database), config.store());
        } catch (StoreException e) {
            throw new StartException("cannot load the subscribers: " + e.getMessage(), e);
        }
    }

    private static LastCallers readLastCallers(Database database, Scheduler scheduler) throws StartException {
        try {
            return LastCallers.start(new JdbcLastCallStore(database), scheduler, LAST_CALLERS_FLUSH);
        } catch (StoreException e) {
            throw new StartException("cannot read the last callers: " + e.getMessage(), e);
        }
    }

    private static SipTraces openTraces(FeatureServerConfig config, NumberingPlan numbering, Clock clock,
                                        Scheduler scheduler, SharedCaptures shared) throws StartException {
        try {
            return SipTraces.open(config.dataDir(), numbering, clock, scheduler, TraceLimits.DEFAULTS, shared);
        } catch (IOException e) {
            throw new StartException("cannot open the SIP captures in "
                    + config.dataDir().resolve(SipTraces.DIRECTORY) + ": " + e.getMessage(), e);
        }
    }

    private static ChronicleJournal openJournal(FeatureServerConfig config) throws StartException {
        try {
            return ChronicleJournal.open(config.dataDir());
        } catch (IOException | RuntimeException e) {
            throw new StartException("cannot open the billing journal in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static MediaEndpoint startMedia(FeatureServerConfig config, FeatureServerMetrics metrics)
            throws StartException {
        try {
            return MediaEndpoint.start(config.media(), metrics::mixerTickLateness);
        } catch (MediaException e) {
            throw new StartException("cannot start the media endpoint on " + config.media().address() + ": "
                    + e.getMessage(), e);
        }
    }

    private static RefusalAnnouncement refusalAnnouncement(FeatureServerConfig config, MediaEndpoint media)
            throws StartException {
        PromptChoice choice = config.barredAnnouncement();
        Prompt prompt;
        if (choice instanceof PromptChoice.None) {
            return RefusalAnnouncement.NONE;
        } else if (choice instanceof PromptChoice.WavFile wav) {
            try {
                prompt = WavPrompt.load(wav.path());
            } catch (IOException e) {
                throw new StartException("announcements.barred: " + e.getMessage(), e);
            }
        } else {
            prompt = Tone.NEGATIVE;
        }
        return callId -> Optional.of(media.announcement(callId, CompletableFuture.completedFuture(prompt)));
    }

    private static Prompt wakeUpAnnouncement(FeatureServerConfig config) throws StartException {
        if (config.wakeUp().announcement() instanceof PromptChoice.WavFile wav) {
            try {
                return WavPrompt.load(wav.path());
            } catch (IOException e) {
                throw new StartException("wakeUp.announcement: " + e.getMessage(), e);
            }
        }
        return Tone.WAKE_UP;
    }

    /** This node's name in the wake-up bookings' leases: unique among the nodes on one database. */
    private static String nodeName(FeatureServerConfig config) {
        return config.sip().listen() + "/" + ProcessHandle.current().pid();
    }

    private static ConfirmationPlayer loadPrompts(FeatureServerConfig config, MediaEndpoint media)
            throws StartException {
        try {
            return AnnouncedConfirmations.load(media, config.tables().featureCodes());
        } catch (IOException e) {
            throw new StartException(config.tables().featureCodesSource() + ": prompts: " + e.getMessage(), e);
        }
    }

    /** A figure of the SIP side for a gauge registered before it runs: 0 until it does. */
    private static LongSupplier onceSipRuns(AtomicReference<SipSide> sipRef, ToLongFunction<SipSide> figure) {
        return () -> {
            SipSide running = sipRef.get();
            return running == null ? 0 : figure.applyAsLong(running);
        };
    }

    /** The SIP side's mover, once it runs: the services are made before it. */
    private static CallMover moverOf(AtomicReference<SipSide> sipRef) {
        return (named, namedParty, media, events) -> {
            SipSide running = sipRef.get();
            return running != null && running.mover().move(named, namedParty, media, events);
        };
    }

    /** The mixer rooms of the media endpoint, as conferences use them. */
    private static ConferenceAudio roomsOf(MediaEndpoint media) {
        return id -> {
            ConferenceRoom room = media.openRoom(id);
            return new ConferenceAudio.Room() {
                @Override
                public LocalMedia join(String callId) {
                    return room.join(callId);
                }

                @Override
                public void close() {
                    room.close();
                }
            };
        };
    }

    /**
     * The names a conference factory or conference URI may have here: the configured factory URI's host, the SIP
     * listen host, the home domain and the core's host (the served domain when no home domain is set).
     */
    private static FocusAddresses focusAddresses(FeatureServerConfig config) {
        ThreeWaySettings threeWay = config.threeWay();
        Set<String> hosts = new HashSet<>();
        threeWay.factoryHost().ifPresent(hosts::add);
        hosts.add(config.sip().listen().host());
        config.sip().homeDomain().ifPresent(hosts::add);
        hosts.add(config.sip().core().host());
        return new FocusAddresses(threeWay.factoryUser(), hosts);
    }

    /** The SIP side's placer, once it runs: the HTTP API is up before it. */
    private static CallPlacer placerOf(AtomicReference<SipSide> sipRef) {
        return (call, events) -> {
            SipSide running = sipRef.get();
            if (running == null) {
                throw new IllegalStateException("SIP is not up yet");
            }
            return running.placer().place(call, events);
        };
    }

    /**
     * Stops cleanly (SIGTERM): /health turns to "stopping", new calls get 503, calls in progress are released
     * within the grace period, then HTTP and timers stop. Safe to call more than once and from several threads.
     */
    public void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        log.info("stopping: {} calls in progress get {} s to be released",
                sip.callsInProgress(), config.shutdown().grace().toSeconds());
        health.markStopping();
        try {
            // No new wake-up call; those in progress are released with the other calls, and their outcomes are
            // written by the dialer's thread before the database closes.
            wakeUps.close();
            sip.stopAcceptingCalls();
            sip.releaseAllCalls(config.shutdown().grace());
        } finally {
            sip.close();
            http.close();
            journalSpace.close();
            scheduler.close();
            // No message reaches the tap and no API call reads a capture any more: the writer finishes the
            // files. The audit needs no closing: the HTTP server that writes it has stopped.
            traces.close();
            media.close();
            // The last callers and malicious-call records still in memory are written, and the directory's writer
            // finishes a feature code's change still in flight (and journals it), before the database closes; the
            // journal goes last, when every call's release and every change is in it.
            lastCallers.close();
            recordWriter.close();
            subscribers.close();
            export.ifPresent(ExportService::close);
            if (!journal.retryWaitingEntries()) {
                log.error("{} billing journal entries could not be written (the journal refuses them) and are lost",
                        journal.waitingEntries());
            }
            journal.close();
            log.info("stopped");
            stopped.countDown();
        }
    }

    /** Returns once {@link #stop()} has finished. */
    public void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    private static void createDataDir(FeatureServerConfig config) throws StartException {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new StartException("cannot create the data directory " + config.dataDir() + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static Authorization authorization(AccessTokens tokens, FeatureServerConfig config, Clock clock) {
        HttpLimits limits = config.http().limits();
        return new Authorization(tokens,
                new FailedTokens(limits.maxFailedTokens(), limits.failedTokensWindow(), clock));
    }

    private static AdminHttpServer startHttp(FeatureServerConfig config, Health health, FeatureServerMetrics metrics,
                                             RequestHandler apiV1) throws StartException {
        try {
            return AdminHttpServer.start(config.http().listen(), config.http().limits(),
                    AdminRoutes.create(health, metrics.registry(), apiV1, ConsoleFiles.fromJar()));
        } catch (IOException e) {
            throw new StartException(e.getMessage(), e);
        }
    }
}
