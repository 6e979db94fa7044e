package kz.btcom.fs.media;

import io.netty.buffer.ByteBuf;

import java.util.random.RandomGenerator;

/**
 * The sending side of one RTP stream (RFC 3550 5.1): a random SSRC, sequence numbers from a random start going up
 * by one per packet, and timestamps that follow the 8 kHz sampling clock from a random start. The timestamp is
 * tied to the time a frame is due, not to a packet count, so a frame dropped after a stall still leaves the
 * receiver's clock right.
 */
final class RtpStream {

    static final int HEADER_BYTES = 12;
    private static final int VERSION_2 = 0x80;
    private static final long NANOS_PER_SAMPLE = 1_000_000_000L / Codec.CLOCK_RATE;

    private final long ssrc;
    private final long epochNanos;
    private final long epochTimestamp;
    private int nextSequence;

    RtpStream(RandomGenerator random, long epochNanos) {
        this.ssrc = random.nextLong() & 0xFFFF_FFFFL;
        this.nextSequence = random.nextInt(0x1_0000);
        this.epochTimestamp = random.nextLong() & 0xFFFF_FFFFL;
        this.epochNanos = epochNanos;
    }

    /** The RTP timestamp of a sample taken at {@code nanos} (on the ticker that gave {@code epochNanos}). */
    long timestampAt(long nanos) {
        return (epochTimestamp + (nanos - epochNanos) / NANOS_PER_SAMPLE) & 0xFFFF_FFFFL;
    }

    /** Writes the next packet's 12-byte header: no padding, extension or CSRCs. */
    void writeHeader(ByteBuf out, int payloadType, boolean marker, long timestamp) {
        out.writeByte(VERSION_2);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(nextSequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
        nextSequence = (nextSequence + 1) & 0xFFFF;
    }

    long ssrc() {
        return ssrc;
    }
}
