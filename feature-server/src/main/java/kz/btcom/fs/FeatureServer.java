package kz.btcom.fs;

import kz.btcom.fs.admin.AdminHttpServer;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.metrics.FeatureServerMetrics;
import kz.btcom.fs.service.ServiceChainCallHandler;
import kz.btcom.fs.service.ServiceEnvironment;
import kz.btcom.fs.service.ServiceOrder;
import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.sessioncase.SessionCaseResolver;
import kz.btcom.fs.sip.SipStartException;
import kz.btcom.fs.time.ExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The feature server, wired: metrics, the HTTP interface, the services, then the SIP side. Stopping runs the
 * other way round, so that /health says "stopping" and calls are released before anything else goes.
 */
public final class FeatureServer {

    private static final Logger log = LoggerFactory.getLogger(FeatureServer.class);

    private final FeatureServerConfig config;
    private final Health health;
    private final AdminHttpServer http;
    private final ExecutorScheduler scheduler;
    private final SipSide sip;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FeatureServer(FeatureServerConfig config, Health health, AdminHttpServer http,
                          ExecutorScheduler scheduler, SipSide sip) {
        this.config = config;
        this.health = health;
        this.http = http;
        this.scheduler = scheduler;
        this.sip = sip;
    }

    public static FeatureServer start(FeatureServerConfig config, Clock clock, SipSide.Launcher sipLauncher)
            throws StartException {
        createDataDir(config);
        // The gauge is registered before the SIP side exists, and reads it once it does.
        AtomicReference<SipSide> sipRef = new AtomicReference<>();
        FeatureServerMetrics metrics = new FeatureServerMetrics(() -> {
            SipSide running = sipRef.get();
            return running == null ? 0 : running.callsInProgress();
        });
        Health health = new Health();
        AdminHttpServer http = startHttp(config, health, metrics);
        ExecutorScheduler scheduler = new ExecutorScheduler("fs-timers");
        CallHandler handler = new ServiceChainCallHandler(
                new SessionCaseResolver(ServedSubscribers.NOBODY),
                ServiceOrder.chains(new ServiceEnvironment(clock, scheduler)));
        SipSide sip;
        try {
            sip = sipLauncher.start(config.sip().toSipSettings(clock), handler, metrics);
        } catch (SipStartException e) {
            scheduler.close();
            http.close();
            throw new StartException("cannot start SIP on " + config.sip().listen() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            scheduler.close();
            http.close();
            throw e;
        }
        sipRef.set(sip);
        FeatureServer server = new FeatureServer(config, health, http, scheduler, sip);
        log.info("SIP on {} ({}), core {} ({}), HTTP on {}, data in {}: ready",
                config.sip().listen(), config.sip().transportList(), config.sip().core(),
                config.sip().coreTransport().configName(), HostPort.of(http.address()), config.dataDir());
        return server;
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
            sip.stopAcceptingCalls();
            sip.releaseAllCalls(config.shutdown().grace());
        } finally {
            sip.close();
            http.close();
            scheduler.close();
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

    private static AdminHttpServer startHttp(FeatureServerConfig config, Health health, FeatureServerMetrics metrics)
            throws StartException {
        try {
            return AdminHttpServer.start(config.http().listen(), AdminRoutes.create(health, metrics.registry()));
        } catch (IOException e) {
            throw new StartException(e.getMessage(), e);
        }
    }
}
