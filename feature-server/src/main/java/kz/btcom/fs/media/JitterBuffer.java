package kz.btcom.fs.media;

import java.util.Arrays;

/**
 * One party's received audio on its way into the mix (RFC 3550 6.4.1's playout point, kept simple): samples are
 * placed by their RTP timestamp, so packets that arrive out of order are played in order, and are read out one
 * 20 ms frame per mixing tick a fixed {@link #DELAY_FRAMES} frames behind the first packet. Whatever has not arrived
 * when its frame is read (lost, or later than the delay) is silence: the mix never waits for a party.
 * <p>
 * The buffer follows one RTP source. A new SSRC (the phone restarted, a re-INVITE moved the stream), or timestamps
 * that leave the window (a jump in the sender's clock, a party back from a long pause, a clock that drifted a few
 * frames away) start it over from that packet. Media thread only; no allocation after construction.
 */
final class JitterBuffer {

    /** Packets may be reordered by up to 60 ms: that is how far behind the first packet the reading runs. */
    static final int DELAY_FRAMES = 3;
    private static final int FRAME = Mixer.FRAME_SAMPLES;
    /** 256 ms of samples: the delay, and room for a sender running ahead of it, before it counts as a jump. */
    private static final int CAPACITY = 2048;
    private static final int MASK = CAPACITY - 1;
    /** Late packets in a row that mean the sender's clock moved back, not a few stragglers: start over. */
    private static final int LATE_RUN_LIMIT = 5;
    /** 128 ms: G.711 packets are 10 to 60 ms, 120 ms at most (RFC 3551 4.5.14's maxptime); longer is not audio. */
    private static final int MAX_PACKET_SAMPLES = 1024;

    private final short[] ring = new short[CAPACITY];
    private boolean following;
    private long ssrc;
    /** The RTP timestamp (mod 2^32) of the next sample to be read. */
    private int readTimestamp;
    private int lateRun;

    /**
     * Places a packet's samples, decoded with {@code decoding} ({@link CompandingTables#decoding}).
     *
     * @return false when it came too late to be played, or is too long to be a G.711 packet, and was dropped
     */
    boolean put(RtpPacket packet, short[] decoding) {
        byte[] payload = packet.payload();
        if (payload.length > MAX_PACKET_SAMPLES) {
            return false;
        }
        if (!following || packet.ssrc() != ssrc) {
            restartAt(packet);
        }
        int offset = (int) packet.timestamp() - readTimestamp; // signed: RTP timestamps wrap at 2^32
        if (offset < 0) {
            if (++lateRun <= LATE_RUN_LIMIT) {
                return false;
            }
            restartAt(packet);
            offset = (int) packet.timestamp() - readTimestamp;
        } else if (offset + payload.length > CAPACITY) {
            restartAt(packet);
            offset = (int) packet.timestamp() - readTimestamp;
        }
        lateRun = 0;
        int start = (readTimestamp + offset) & MASK;
        int first = Math.min(payload.length, CAPACITY - start); // up to the end of the ring, the rest from 0
        for (int i = 0; i < first; i++) {
            ring[start + i] = decoding[payload[i] & 0xFF];
        }
        for (int i = first; i < payload.length; i++) {
            ring[i - first] = decoding[payload[i] & 0xFF];
        }
        return true;
    }

    /** Reads the next frame into {@code frame}, silence where nothing arrived, and makes room behind it. */
    void take(short[] frame) {
        int start = readTimestamp & MASK;
        int first = Math.min(FRAME, CAPACITY - start);
        System.arraycopy(ring, start, frame, 0, first);
        System.arraycopy(ring, 0, frame, first, FRAME - first);
        skip();
    }

    /** Drops the next frame unread: a tick the mixer skipped after a stall. */
    void skip() {
        int start = readTimestamp & MASK;
        int first = Math.min(FRAME, CAPACITY - start);
        Arrays.fill(ring, start, start + first, (short) 0);
        Arrays.fill(ring, 0, FRAME - first, (short) 0);
        readTimestamp += FRAME;
    }

    private void restartAt(RtpPacket packet) {
        Arrays.fill(ring, (short) 0);
        following = true;
        ssrc = packet.ssrc();
        readTimestamp = (int) packet.timestamp() - DELAY_FRAMES * FRAME;
        lateRun = 0;
    }
}
