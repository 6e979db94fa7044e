package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A party's jitter buffer, fed packets and read one frame a tick as the mixer does. Each test frame is a constant
 * level (A-law codes decode to distinct levels), so what comes out says which packet it was.
 */
class JitterBufferTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 4000);
    private static final short[] ALAW = CompandingTables.decoding(Codec.PCMA);
    private static final long SSRC = 0x1234_5678L;

    private final JitterBuffer buffer = new JitterBuffer();
    private final short[] frame = new short[160];

    @Test
    void theFirstPacketIsPlayedThreeFramesLaterAndTheFollowingOnesOnePerTick() {
        buffer.put(packet(SSRC, 100, 8000, 1), ALAW);

        assertSilence(take(), "60 ms of delay: the room for a late packet to overtake");
        assertSilence(take(), "");
        assertSilence(take(), "");
        buffer.put(packet(SSRC, 101, 8160, 2), ALAW);
        assertLevel(1, take());
        assertLevel(2, take());
    }

    @Test
    void packetsReorderedWithinSixtyMillisecondsArePlayedInOrder() {
        buffer.put(packet(SSRC, 10, 1000, 1), ALAW);
        // 2 and 3 arrive after 4 and 5: 40 ms and 60 ms late, in time for their frames.
        buffer.put(packet(SSRC, 13, 1000 + 3 * 160, 4), ALAW);
        take();
        buffer.put(packet(SSRC, 14, 1000 + 4 * 160, 5), ALAW);
        take();
        buffer.put(packet(SSRC, 12, 1000 + 2 * 160, 3), ALAW);
        buffer.put(packet(SSRC, 11, 1000 + 160, 2), ALAW);
        take();

        for (int level = 1; level <= 5; level++) {
            assertLevel(level, take());
        }
    }

    @Test
    void aLostPacketIsOneFrameOfSilenceAndPlayGoesOn() {
        buffer.put(packet(SSRC, 1, 0, 1), ALAW);
        buffer.put(packet(SSRC, 3, 320, 3), ALAW); // 2 never comes
        skipDelay();

        assertLevel(1, take());
        assertSilence(take(), "the lost frame");
        assertLevel(3, take());
        assertSilence(take(), "nothing more sent: silence, no waiting");
    }

    @Test
    void aPacketLaterThanItsFrameIsDropped() {
        buffer.put(packet(SSRC, 1, 0, 1), ALAW);
        skipDelay();
        assertLevel(1, take());
        assertSilence(take(), "2 is missing when its frame is read");

        assertFalse(buffer.put(packet(SSRC, 2, 160, 2), ALAW), "too late");
        assertTrue(buffer.put(packet(SSRC, 3, 320, 3), ALAW));
        assertLevel(3, take());
    }

    @Test
    void aNewSsrcStartsTheBufferOverFromItsFirstPacket() {
        buffer.put(packet(SSRC, 1, 0, 1), ALAW);
        buffer.put(packet(SSRC, 2, 160, 2), ALAW);
        skipDelay();
        assertLevel(1, take());

        // The phone restarted: another SSRC, sequence and timestamp from elsewhere.
        buffer.put(packet(0x9999L, 5000, 7_000_000, 6), ALAW);

        skipDelay();
        assertLevel(6, take());
        assertSilence(take(), "the old source's frame 2 was dropped with it");
    }

    @Test
    void aJumpInTheSendersTimestampsStartsOverInsteadOfWaitingForIt() {
        buffer.put(packet(SSRC, 1, 0, 1), ALAW);
        skipDelay();
        assertLevel(1, take());

        buffer.put(packet(SSRC, 2, 8000 * 60, 2), ALAW); // back from a minute of silence suppression

        skipDelay();
        assertLevel(2, take());
    }

    @Test
    void aSenderWhoseClockWentBackIsFollowedAfterAFewLatePackets() {
        buffer.put(packet(SSRC, 1, 800_000, 1), ALAW);
        skipDelay();
        assertLevel(1, take());

        for (int i = 0; i < 6; i++) {
            buffer.put(packet(SSRC, 2 + i, 1000 + i * 160, 7), ALAW);
        }

        skipDelay();
        assertLevel(7, take());
    }

    @Test
    void timestampsWrapAroundTwoToTheThirtyTwo() {
        long last = 0xFFFF_FFFFL - 100;
        buffer.put(packet(SSRC, 65535, last, 1), ALAW);
        buffer.put(packet(SSRC, 0, (last + 160) & 0xFFFF_FFFFL, 2), ALAW);
        skipDelay();

        assertLevel(1, take());
        assertLevel(2, take());
    }

    @Test
    void aPacketTooLongForG711IsDroppedAndDoesNotDisturbTheStream() {
        buffer.put(packet(SSRC, 1, 0, 1), ALAW);
        RtpPacket huge = new RtpPacket(PHONE, 8, false, 2, 160, SSRC, new byte[4000]);

        assertFalse(buffer.put(huge, ALAW));

        skipDelay();
        assertLevel(1, take());
    }

    @Test
    void packetsOfOtherLengthsThanTwentyMillisecondsFillTheFramesTheyCover() {
        RtpPacket tenMs = new RtpPacket(PHONE, 8, false, 1, 0, SSRC, packetPayload(1, 80));
        RtpPacket thirtyMs = new RtpPacket(PHONE, 8, false, 2, 80, SSRC, packetPayload(2, 240));
        buffer.put(tenMs, ALAW);
        buffer.put(thirtyMs, ALAW);
        skipDelay();

        short[] first = take();
        assertEquals(ALAW[code(1) & 0xFF], first[0]);
        assertEquals(ALAW[code(2) & 0xFF], first[80]);
        assertLevel(2, take());
    }

    private static byte[] packetPayload(int level, int samples) {
        byte[] payload = new byte[samples];
        Arrays.fill(payload, code(level));
        return payload;
    }

    private void skipDelay() {
        for (int i = 0; i < JitterBuffer.DELAY_FRAMES; i++) {
            take();
        }
    }

    private short[] take() {
        buffer.take(frame);
        return frame.clone();
    }

    /** A 160-sample packet whose every sample is the A-law code {@code 0xD5 ^ level}. */
    static RtpPacket packet(long ssrc, int sequence, long timestamp, int level) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, code(level));
        return new RtpPacket(PHONE, 8, false, sequence, timestamp, ssrc, payload);
    }

    private static byte code(int level) {
        return (byte) (0xD5 ^ (level * 4)); // distinct positive A-law levels
    }

    private static void assertLevel(int level, short[] frame) {
        short[] expected = new short[160];
        Arrays.fill(expected, ALAW[code(level) & 0xFF]);
        assertArrayEquals(expected, frame, "the frame of packet " + level);
    }

    private static void assertSilence(short[] frame, String why) {
        assertArrayEquals(new short[160], frame, why);
    }

    @Test
    void theTestLevelsDecodeToDistinctSamples() {
        assertEquals(5, Arrays.stream(new int[] {1, 2, 3, 4, 5}).map(l -> ALAW[code(l) & 0xFF]).distinct().count());
    }
}
