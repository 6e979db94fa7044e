package kz.btcom.fs.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known of one capture, running or finished.
 *
 * @param id        128 random bits in hex: the capture's name in the API and its file's name
 * @param number    the subscriber traced, E.164
 * @param seconds   how long it was asked to run
 * @param startedAt when it started (the server's clock)
 * @param endsAt    when it ends, or ended
 * @param startedBy the token id of whoever started it (never the token)
 * @param messages  SIP messages written to its file
 * @param bytes     the length of its pcap file so far, headers included
 * @param dropped   messages of the traced calls that are not in the file: the writer's queue was full, or the
 *                  file had reached its bound
 * @param truncated whether the file reached its bound ({@link TraceLimits#maxBytesPerCapture})
 * @param running   whether it is taking messages now
 */
public record CaptureInfo(String id, String number, int seconds, Instant startedAt, Instant endsAt,
                          String startedBy, long messages, long bytes, long dropped, boolean truncated,
                          boolean running) {

    public CaptureInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(startedBy, "startedBy");
    }
}
