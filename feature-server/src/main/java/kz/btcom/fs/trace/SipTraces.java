package kz.btcom.fs.trace;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipMessageTap;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIP signalling captures for the technicians (PRODUCT.md): each takes every message of one number's calls,
 * both legs, for a bounded time, into {@code <dataDir>/traces/<id>.pcap}, which Wireshark, tshark and sngrep
 * open. The SIP side feeds it every message through {@link SipMessageTap}; with no capture running that costs
 * one volatile read per message.
 *
 * <p>A call is the traced number's when its initial INVITE names the number ({@link TracedNumber}) or a service
 * says so ({@link #involve}); from then on every message with that call's key is taken. Captures end after their
 * seconds (on the injected scheduler), and survive a restart: the files stay, with their metadata beside them
 * ({@link CaptureSidecar}), and a capture whose time has not run out goes on.
 *
 * <p>With {@link SharedCaptures} (the server on its database, one node or several) a capture is the cluster's: a
 * start is written there, within the cluster's limits, and every node joins every running capture (told by
 * {@link #sharedCapturesChanged}, and reading them again every {@value #REREAD_SECONDS} s whatever it is told);
 * the writer thread adds what each node takes to the shared capture every {@value #SHARE_MILLIS} ms, and a
 * download, through any node, is the shared capture: every node's messages in time order. The file on disk stays
 * the node's own copy. The call path never waits for any of this: the database is read and written on the writer
 * thread and the HTTP threads only.
 */
public final class SipTraces implements SipMessageTap, AutoCloseable {

    /**
     * A capture runs 1 s to 1 h: long enough to reproduce a fault with the subscriber on the phone, short enough
     * that a forgotten capture does not keep recording a line's calls (signalling says who called whom) and
     * checking every message on the call path for the rest of the day.
     */
    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 3600;
    /** Under the data directory. */
    public static final String DIRECTORY = "traces";
    static final String PCAP_SUFFIX = ".pcap";

    private static final Logger log = LoggerFactory.getLogger(SipTraces.class);
    private static final SipCapture[] NONE = new SipCapture[0];
    /** How long a download waits for the messages already queued to reach the file. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(2);
    /** How often the messages taken reach the shared capture: what another node's download may lack. */
    static final long SHARE_MILLIS = 250;
    /** How often the shared captures are read again, whatever the notifications said: the fallback behind them. */
    static final long REREAD_SECONDS = 5;

    private final Path directory;
    private final NumberingPlan numbering;
    private final Clock clock;
    private final Scheduler scheduler;
    private final TraceLimits limits;
    private final CaptureWriter writer;
    /** The cluster's captures; null on a node of its own, without a database. */
    private final SharedCaptures shared;
    /** Every capture known, running or finished; changed under this object's lock. */
    private final Map<String, SipCapture> captures = new ConcurrentHashMap<>();
    /** The running ones, as the call path reads them: replaced whole under the lock, read without it. */
    private volatile SipCapture[] running = NONE;
    private boolean closed;
    /** The timers of the sharing, under the lock. */
    private Scheduler.Timer shareTimer;
    private Scheduler.Timer rereadTimer;
    /** Writer thread: whether the last attempt to reach the shared captures failed (logged once per outage). */
    private boolean sharingFails;

    private SipTraces(Path directory, NumberingPlan numbering, Clock clock, Scheduler scheduler, TraceLimits limits,
                      SharedCaptures shared) {
        this.directory = directory;
        this.numbering = numbering;
        this.clock = clock;
        this.scheduler = scheduler;
        this.limits = limits;
        this.shared = shared;
        this.writer = new CaptureWriter(limits.queueCapacity());
    }

    /** {@link #open(Path, NumberingPlan, Clock, Scheduler, TraceLimits)} with the {@link TraceLimits#DEFAULTS}. */
    public static SipTraces open(Path dataDir, NumberingPlan numbering, Clock clock, Scheduler scheduler)
            throws IOException {
        return open(dataDir, numbering, clock, scheduler, TraceLimits.DEFAULTS);
    }

    /**
     * Opens the captures in {@code dataDir/traces} (creating it), going on with those whose time has not run out.
     * A capture whose files cannot be read is logged and left alone.
     *
     * @throws IOException the directory cannot be created or listed
     */
    public static SipTraces open(Path dataDir, NumberingPlan numbering, Clock clock, Scheduler scheduler,
                                 TraceLimits limits) throws IOException {
        return open(dataDir, numbering, clock, scheduler, limits, null);
    }

    /**
     * {@link #open(Path, NumberingPlan, Clock, Scheduler, TraceLimits)}, the captures being the cluster's, in
     * {@code shared}: this node joins those running now.
     */
    public static SipTraces open(Path dataDir, NumberingPlan numbering, Clock clock, Scheduler scheduler,
                                 TraceLimits limits, SharedCaptures shared) throws IOException {
        Path directory = dataDir.resolve(DIRECTORY);
        Files.createDirectories(directory);
        SipTraces traces = new SipTraces(directory, Objects.requireNonNull(numbering, "numbering"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(scheduler, "scheduler"),
                Objects.requireNonNull(limits, "limits"), shared);
        try {
            traces.load();
            if (shared != null) {
                traces.joinShared();
                traces.shareEvery();
                traces.rereadEvery();
            }
        } catch (IOException | RuntimeException e) {
            traces.close();
            throw e;
        }
        return traces;
    }

    /**
     * Starts capturing the calls of {@code number} for {@code seconds}.
     *
     * @param number    E.164 (or any full form {@link NumberingPlan#toE164} reads)
     * @param principal who asks: its token id is kept with the capture and logged
     * @return the new capture, whose id names it from now on
     * @throws IllegalArgumentException not a number, or seconds outside {@value #MIN_SECONDS}-{@value #MAX_SECONDS}
     * @throws CapturesBusyException    {@link TraceLimits#maxRunning} captures are running
     * @throws UncheckedIOException     its file cannot be created
     */
    public CaptureInfo start(String number, int seconds, Principal principal) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("seconds " + seconds + " is out of range " + MIN_SECONDS + "-"
                    + MAX_SECONDS);
        }
        String e164 = numbering.toE164(number)
                .orElseThrow(() -> new IllegalArgumentException(number + " is not a full telephone number"));
        Objects.requireNonNull(principal, "principal");
        if (shared != null) {
            return startShared(e164, seconds, principal);
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("SIP tracing has stopped");
            }
            if (running.length >= limits.maxRunning()) {
                throw new CapturesBusyException(running.length + " captures are running, as many as may at once; "
                        + "try again when one has ended");
            }
            String id = CaptureIds.next();
            Instant now = clock.instant();
            CaptureInfo info = new CaptureInfo(id, e164, seconds, now, now.plusSeconds(seconds),
                    principal.tokenId(), 0, PcapWriter.FILE_HEADER_BYTES, 0, false, false);
            SipCapture capture = new SipCapture(info, new TracedNumber(numbering, e164), pcapOf(id));
            capture.opened(createFiles(info, capture.pcap()));
            captures.put(id, capture);
            publish(capture);
            capture.endsWith(scheduler.schedule(Duration.ofSeconds(seconds), () -> end(capture)));
            log.info("SIP capture {} of {} for {} s started by {}", id, e164, seconds, principal);
            return capture.info();
        }
    }

    private CaptureInfo startShared(String e164, int seconds, Principal principal) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("SIP tracing has stopped");
            }
        }
        Instant now = clock.instant();
        CaptureInfo info = new CaptureInfo(CaptureIds.next(), e164, seconds, now, now.plusSeconds(seconds),
                principal.tokenId(), 0, PcapWriter.FILE_HEADER_BYTES, 0, false, false);
        shared.start(info, limits.maxRunning());
        try {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("SIP tracing has stopped");
                }
                if (!captures.containsKey(info.id())) {
                    join(info);
                }
            }
        } catch (RuntimeException e) {
            shared.delete(info.id());
            throw e;
        }
        log.info("SIP capture {} of {} for {} s started by {}, on every node", info.id(), e164, seconds, principal);
        return info;
    }

    /**
     * This node takes a capture's messages from now until it ends, into a file of its own; under the lock.
     *
     * @throws UncheckedIOException its file cannot be created
     */
    private void join(CaptureInfo whole) {
        CaptureInfo info = new CaptureInfo(whole.id(), whole.number(), whole.seconds(), whole.startedAt(),
                whole.endsAt(), whole.startedBy(), 0, PcapWriter.FILE_HEADER_BYTES, 0, whole.truncated(), false);
        SipCapture capture = new SipCapture(info, new TracedNumber(numbering, info.number()), pcapOf(info.id()),
                true);
        capture.opened(createFiles(info, capture.pcap()));
        // Its end is scheduled before the call path sees it: whoever sees it running sees its end timer too.
        Duration left = Duration.between(clock.instant(), info.endsAt());
        capture.endsWith(scheduler.schedule(left.isNegative() ? Duration.ZERO : left, () -> end(capture)));
        captures.put(info.id(), capture);
        publish(capture);
    }

    /**
     * The shared captures changed on some node (a start, a discard): this node reads them again, on its writer
     * thread. For the database's notifications, and for whatever else may say so.
     */
    public void sharedCapturesChanged() {
        if (shared != null) {
            writer.execute(this::joinShared);
        }
    }

    /** Joins the shared captures running now that this node does not take yet, and leaves those discarded. */
    private void joinShared() {
        Instant now = clock.instant();
        List<CaptureInfo> whole;
        try {
            whole = shared.running(now);
        } catch (RuntimeException e) {
            sharingFailed(e);
            return;
        }
        Set<String> ids = new HashSet<>();
        for (CaptureInfo info : whole) {
            ids.add(info.id());
            synchronized (this) {
                if (closed) {
                    return;
                }
                SipCapture known = captures.get(info.id());
                if (known == null && now.isBefore(info.endsAt())) {
                    try {
                        join(info);
                        log.info("SIP capture {} of {}, started on another node, taken here too until {}",
                                info.id(), info.number(), info.endsAt());
                    } catch (UncheckedIOException e) {
                        log.warn("SIP capture {}: this node cannot take part: {}", info.id(), e.getMessage());
                    }
                } else if (known != null && info.truncated()) {
                    known.markTruncated();
                }
            }
        }
        for (SipCapture capture : running) {
            // Read again before leaving it: a capture started here after the read above is not in it yet.
            if (!ids.contains(capture.id()) && capture.endsAt().isAfter(now) && isDiscardedElsewhere(capture)) {
                discardHere(capture.id());
            }
        }
    }

    private boolean isDiscardedElsewhere(SipCapture capture) {
        try {
            return shared.find(capture.id(), clock.instant()).isEmpty();
        } catch (RuntimeException e) {
            sharingFailed(e);
            return false;
        }
    }

    /** Writer thread: what this node took for every capture since the last time goes to the shared captures. */
    private void shareAll() {
        for (SipCapture capture : captures.values()) {
            share(capture);
        }
    }

    /** Writer thread. */
    private void share(SipCapture capture) {
        List<SharedCaptures.Frame> batch = capture.takeUnshared();
        long drops = capture.takeUnsharedDrops();
        if (batch.isEmpty() && drops == 0) {
            return;
        }
        try {
            if (shared.append(capture.id(), batch, drops, limits.maxBytesPerCapture())) {
                capture.markTruncated();
            }
            if (sharingFails) {
                log.info("SIP captures reach the database again");
                sharingFails = false;
            }
        } catch (RuntimeException e) {
            capture.notShared(batch.size(), drops);
            sharingFailed(e);
        }
    }

    private void sharingFailed(RuntimeException e) {
        if (!sharingFails) {
            log.warn("SIP captures: the database cannot be reached ({}); messages taken meanwhile are counted as"
                    + " dropped in the shared capture, and other nodes' captures are joined when it is back",
                    e.getMessage());
            sharingFails = true;
        }
    }

    private void shareEvery() {
        synchronized (this) {
            if (!closed) {
                shareTimer = scheduler.schedule(Duration.ofMillis(SHARE_MILLIS), () -> {
                    writer.execute(this::shareAll);
                    shareEvery();
                });
            }
        }
    }

    private void rereadEvery() {
        synchronized (this) {
            if (!closed) {
                rereadTimer = scheduler.schedule(Duration.ofSeconds(REREAD_SECONDS), () -> {
                    writer.execute(this::joinShared);
                    rereadEvery();
                });
            }
        }
    }

    /**
     * Tells the running captures of {@code number} that the call {@code callKey} now involves it (a call forwarded
     * to it, a line added to a conference): they take that call's messages from now on.
     */
    public void involve(String callKey, String number) {
        SipCapture[] now = running;
        if (now.length == 0) {
            return;
        }
        Optional<String> e164 = numbering.toE164(number);
        if (e164.isEmpty()) {
            return;
        }
        for (SipCapture capture : now) {
            if (capture.number().e164().equals(e164.get())) {
                capture.involve(callKey);
            }
        }
    }

    @Override
    public boolean active() {
        return running.length != 0;
    }

    @Override
    public void onMessage(CapturedSipMessage message) {
        for (SipCapture capture : running) {
            if (capture.takes(message) && (capture.isTruncated() || !writer.offer(capture, message))) {
                capture.countDropped();
            }
        }
    }

    /** The capture; with {@link SharedCaptures}, its counts are those of every node together. */
    public Optional<CaptureInfo> find(String id) {
        if (shared != null) {
            return shared.find(id, clock.instant());
        }
        return Optional.ofNullable(captures.get(id)).map(SipCapture::info);
    }

    /** Every capture on disk (with {@link SharedCaptures}: of every node), oldest first. */
    public List<CaptureInfo> list() {
        if (shared != null) {
            return shared.all(clock.instant());
        }
        return captures.values().stream().map(SipCapture::info)
                .sorted(Comparator.comparing(CaptureInfo::startedAt).thenComparing(CaptureInfo::id))
                .toList();
    }

    /**
     * The capture's pcap file as it is now: with every message taken before this call (waiting up to 2 s for the
     * writer), and always ending with a whole record. With {@link SharedCaptures}, the messages of every node in
     * time order: this node's up to this call, the others' up to their last {@value #SHARE_MILLIS} ms.
     *
     * @return empty when there is no such capture
     * @throws IOException the file cannot be read
     */
    public Optional<byte[]> contents(String id) throws IOException {
        SipCapture capture = captures.get(id);
        if (shared != null) {
            if (capture != null) {
                writer.execute(() -> share(capture));
                awaitWriter();
            }
            return shared.pcap(id);
        }
        if (capture == null) {
            return Optional.empty();
        }
        if (capture.isWriting()) {
            awaitWriter();
        }
        return Optional.of(read(capture.pcap(), capture.committedLength()));
    }

    private void awaitWriter() {
        try {
            writer.sync(SYNC_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removes a capture as if it had never been started: it stops, and its files are deleted. For a start that
     * cannot be audited.
     */
    public void discard(String id) {
        if (shared != null) {
            try {
                shared.delete(id);
            } catch (RuntimeException e) {
                log.warn("SIP capture {}: cannot be removed from the database, so the other nodes go on with it"
                        + " (and this node joins it again when it reads them): {}", id, e.getMessage());
            }
        }
        discardHere(id);
    }

    private void discardHere(String id) {
        SipCapture capture;
        synchronized (this) {
            capture = captures.remove(id);
            if (capture == null) {
                return;
            }
            capture.stop();
            unpublish(capture);
        }
        writer.execute(() -> {
            closeFile(capture, false);
            deleteFiles(capture);
        });
        log.info("SIP capture {} of {} discarded", id, capture.number().e164());
    }

    /**
     * Stops taking messages, writes what was taken, and closes the files; a capture whose time has not run out
     * goes on when the server starts again.
     */
    @Override
    public void close() {
        SipCapture[] open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = running;
            running = NONE;
            for (SipCapture capture : open) {
                capture.stop();
            }
            for (Scheduler.Timer timer : new Scheduler.Timer[] {shareTimer, rereadTimer}) {
                if (timer != null) {
                    timer.cancel();
                }
            }
        }
        if (shared != null) {
            writer.execute(this::shareAll);
        }
        for (SipCapture capture : open) {
            writer.execute(() -> closeFile(capture, true));
        }
        writer.close();
    }

    private void end(SipCapture capture) {
        synchronized (this) {
            if (!capture.stop()) {
                return;
            }
            unpublish(capture);
        }
        writer.execute(() -> {
            if (shared != null) {
                share(capture);
            }
            closeFile(capture, true);
            CaptureInfo info = capture.info();
            log.info("SIP capture {} of {} ended: {} messages, {} bytes, {} dropped", info.id(), info.number(),
                    info.messages(), info.bytes(), info.dropped());
        });
    }

    /** Under the lock. */
    private void publish(SipCapture capture) {
        SipCapture[] more = Arrays.copyOf(running, running.length + 1);
        more[more.length - 1] = capture;
        running = more;
    }

    /** Under the lock. */
    private void unpublish(SipCapture capture) {
        SipCapture[] fewer = Arrays.stream(running).filter(c -> c != capture).toArray(SipCapture[]::new);
        running = fewer.length == 0 ? NONE : fewer;
    }

    private CaptureFile createFiles(CaptureInfo info, Path pcap) {
        try {
            CaptureFile file = CaptureFile.create(pcap, limits.maxBytesPerCapture());
            try {
                CaptureSidecar.write(sidecarOf(info.id()), info, false);
            } catch (IOException e) {
                file.close();
                Files.deleteIfExists(pcap);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a capture file in " + directory + ": " + e, e);
        }
    }

    /** Writer thread. */
    private void closeFile(SipCapture capture, boolean keepCounts) {
        CaptureFile file = capture.file();
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            log.warn("SIP capture {}: closing {} failed: {}", capture.id(), file.path(), e.toString());
        }
        capture.closed();
        if (keepCounts) {
            writeSidecar(capture, true);
        }
    }

    private void writeSidecar(SipCapture capture, boolean closedFile) {
        try {
            CaptureSidecar.write(sidecarOf(capture.id()), capture.info(), closedFile);
        } catch (IOException e) {
            log.warn("SIP capture {}: cannot write its metadata: {}", capture.id(), e.toString());
        }
    }

    private void deleteFiles(SipCapture capture) {
        try {
            Files.deleteIfExists(capture.pcap());
            Files.deleteIfExists(sidecarOf(capture.id()));
        } catch (IOException e) {
            log.warn("SIP capture {}: cannot delete its files: {}", capture.id(), e.toString());
        }
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(directory, "*" + CaptureSidecar.SUFFIX)) {
            for (Path sidecar : sidecars) {
                load(sidecar);
            }
        }
        if (!captures.isEmpty()) {
            log.info("SIP captures in {}: {}, {} of them still running", directory, captures.size(), running.length);
        }
    }

    private void load(Path sidecar) {
        String name = sidecar.getFileName().toString();
        String id = name.substring(0, name.length() - CaptureSidecar.SUFFIX.length());
        if (!CaptureIds.isWellFormed(id)) {
            return;
        }
        Path pcap = pcapOf(id);
        try {
            CaptureSidecar.Stored stored = CaptureSidecar.read(sidecar);
            CaptureInfo info = stored.info();
            if (!info.id().equals(id) || numbering.toE164(info.number()).filter(info.number()::equals).isEmpty()) {
                throw new IOException("its id or number is not what the file name and the numbering plan say");
            }
            boolean countsHold = stored.closed() && Files.size(pcap) == info.bytes();
            if (!countsHold) {
                // The server stopped without closing the file: it may end in half a record, and hold more
                // messages than the sidecar says.
                PcapScan scan = PcapScan.repaired(pcap);
                info = new CaptureInfo(id, info.number(), info.seconds(), info.startedAt(), info.endsAt(),
                        info.startedBy(), scan.records(), scan.validLength(), info.dropped(), info.truncated(), false);
            }
            SipCapture capture = new SipCapture(info, new TracedNumber(numbering, info.number()), pcap,
                    shared != null);
            captures.put(id, capture);
            Instant now = clock.instant();
            if (now.isBefore(info.endsAt())) {
                CaptureSidecar.write(sidecar, info, false);
                capture.opened(CaptureFile.resume(pcap, info.bytes(), limits.maxBytesPerCapture()));
                synchronized (this) {
                    publish(capture);
                }
                capture.endsWith(scheduler.schedule(Duration.between(now, info.endsAt()), () -> end(capture)));
                log.info("SIP capture {} of {} goes on until {}", id, info.number(), info.endsAt());
            } else if (!countsHold) {
                CaptureSidecar.write(sidecar, info, true);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("SIP capture {} in {} cannot be read, left as it is: {}", id, directory, e.toString());
            captures.remove(id);
        }
    }

    private Path pcapOf(String id) {
        return directory.resolve(id + PCAP_SUFFIX);
    }

    private Path sidecarOf(String id) {
        return directory.resolve(id + CaptureSidecar.SUFFIX);
    }

    private static byte[] read(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on
            }
            if (buffer.hasRemaining()) {
                throw new IOException(file + " is shorter than the " + length + " bytes written to it");
            }
            return buffer.array();
        }
    }
}
