package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.time.Scheduler;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One capture: which calls it takes, and what it has written. The call path asks {@link #takes} on the stack's
 * threads; the writer thread alone touches the file and the written counts; {@link SipTraces} starts and ends it.
 */
final class SipCapture {

    private final String id;
    private final TracedNumber number;
    private final int seconds;
    private final Instant startedAt;
    private final Instant endsAt;
    private final String startedBy;
    private final Path pcap;
    /** The callKeys of the traced number's calls: every later message of those calls, either leg, is taken. */
    private final Set<String> calls = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped;
    private volatile long messages;
    private volatile long bytes;
    private volatile boolean truncated;
    private volatile boolean running;
    /** From {@link #opened} to {@link #closed}: messages may still be on their way to the file. */
    private volatile boolean writing;
    /** Open while running; the writer thread's alone. */
    private CaptureFile file;
    /**
     * With {@link SharedCaptures}: the messages written to the file and not yet added to the shared capture, and
     * the drops already reported there. The writer thread's alone; null on a node of its own.
     */
    private final List<SharedCaptures.Frame> unshared;
    private long droppedShared;
    private Scheduler.Timer endTimer;

    /** A capture of this node alone. */
    SipCapture(CaptureInfo info, TracedNumber number, Path pcap) {
        this(info, number, pcap, false);
    }

    /** @param shared whether its messages go to {@link SharedCaptures} as well */
    SipCapture(CaptureInfo info, TracedNumber number, Path pcap, boolean shared) {
        this.unshared = shared ? new ArrayList<>() : null;
        this.droppedShared = shared ? info.dropped() : 0;
        this.id = info.id();
        this.number = number;
        this.seconds = info.seconds();
        this.startedAt = info.startedAt();
        this.endsAt = info.endsAt();
        this.startedBy = info.startedBy();
        this.pcap = pcap;
        this.messages = info.messages();
        this.bytes = info.bytes();
        this.dropped = new AtomicLong(info.dropped());
        this.truncated = info.truncated();
    }

    String id() {
        return id;
    }

    TracedNumber number() {
        return number;
    }

    Instant endsAt() {
        return endsAt;
    }

    Path pcap() {
        return pcap;
    }

    boolean isRunning() {
        return running;
    }

    boolean isTruncated() {
        return truncated;
    }

    /** Whether a message is of this capture's calls; a new call that names the number becomes one of them. */
    boolean takes(CapturedSipMessage message) {
        if (!running) {
            return false;
        }
        if (calls.contains(message.callKey())) {
            return true;
        }
        if (message.initialInvite() && number.isNamedBy(message.parties())) {
            calls.add(message.callKey());
            return true;
        }
        return false;
    }

    void involve(String callKey) {
        if (running) {
            calls.add(callKey);
        }
    }

    void countDropped() {
        dropped.incrementAndGet();
    }

    void countDropped(int messages) {
        dropped.addAndGet(messages);
    }

    /** The capture as a whole reached its bound (this node's file or another node's messages filled it). */
    void markTruncated() {
        truncated = true;
    }

    /**
     * The file is open and this capture takes messages from now on. Called before the capture is published to
     * the call path, whose read of the published captures is what hands the file over to the writer thread.
     */
    void opened(CaptureFile file) {
        this.file = file;
        this.bytes = file.length();
        this.writing = true;
        this.running = true;
    }

    void endsWith(Scheduler.Timer timer) {
        this.endTimer = timer;
    }

    /** Stops taking messages; returns whether it was running. */
    boolean stop() {
        boolean was = running;
        running = false;
        if (endTimer != null) {
            endTimer.cancel();
        }
        return was;
    }

    /** The file, null once closed. Writer thread only. */
    CaptureFile file() {
        return file;
    }

    /** Writer thread: one message written, or not for want of room. */
    void written(CapturedSipMessage message, boolean appended, long length) {
        if (appended) {
            if (unshared != null) {
                unshared.add(new SharedCaptures.Frame(message, length - bytes));
            }
            messages++;
            bytes = length;
        } else {
            truncated = true;
            dropped.incrementAndGet();
        }
    }

    /** Writer thread: the file is closed. */
    void closed() {
        file = null;
        writing = false;
    }

    /** Writer thread: the messages to add to the shared capture now, taken out of this one's hands. */
    List<SharedCaptures.Frame> takeUnshared() {
        if (unshared == null || unshared.isEmpty()) {
            return List.of();
        }
        List<SharedCaptures.Frame> batch = List.copyOf(unshared);
        unshared.clear();
        return batch;
    }

    /** Writer thread: the drops not yet reported to the shared capture, counted as reported from now on. */
    long takeUnsharedDrops() {
        long now = dropped.get();
        long delta = now - droppedShared;
        droppedShared = now;
        return delta;
    }

    /** Writer thread: a batch could not reach the shared capture; its messages count as dropped there. */
    void notShared(int messages, long drops) {
        dropped.addAndGet(messages);
        droppedShared -= drops;
    }

    boolean isWriting() {
        return writing;
    }

    /** How much of the file holds whole records now. */
    long committedLength() {
        return bytes;
    }

    CaptureInfo info() {
        return new CaptureInfo(id, number.e164(), seconds, startedAt, endsAt, startedBy, messages, bytes,
                dropped.get(), truncated, running);
    }
}
