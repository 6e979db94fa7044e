package kz.btcom.fs.trace;

/**
 * The bounds of signalling capture, so that tracing can never take the server's disk, memory or call-path CPU.
 *
 * @param maxRunning         captures running at once: every SIP message is checked against each of them on the
 *                           stack's threads
 * @param maxBytesPerCapture a capture's file stops growing here (the rest is counted as dropped); a download
 *                           is held in memory whole, so this also bounds what one download costs
 * @param queueCapacity      messages waiting for the writer thread; beyond it they are dropped and counted,
 *                           never waited for
 */
public record TraceLimits(int maxRunning, long maxBytesPerCapture, int queueCapacity) {

    /**
     * 16 captures, 50 MB each (a SIP message is under 2 KB: 25,000 messages or more, far beyond what one line's
     * calls send in an hour, and at most 800 MB of disk for all running captures together), 4,096 messages queued
     * (a few seconds of a busy line's signalling if the disk stalls).
     */
    public static final TraceLimits DEFAULTS = new TraceLimits(16, 50L * 1024 * 1024, 4096);

    public TraceLimits {
        if (maxRunning < 1 || queueCapacity < 1 || maxBytesPerCapture < PcapWriter.FILE_HEADER_BYTES) {
            throw new IllegalArgumentException("trace limits must allow one capture with a header and a queue: "
                    + maxRunning + ", " + maxBytesPerCapture + ", " + queueCapacity);
        }
    }
}
