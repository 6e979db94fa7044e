package kz.btcom.fs.media;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One room's mix without sockets: three parties fed constant-level frames (A and C on A-law, B on μ-law), each
 * tick's frames recorded per receiver and decoded back to linear, as the receiver's phone would.
 */
class RoomMixTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 4000);
    private static final int PCMA = 8;
    private static final int PCMU = 0;

    private final RoomMix room = new RoomMix();
    private Party a;
    private Party b;
    private Party c;
    private long now;

    @BeforeEach
    void joinThree() {
        a = new Party(Codec.PCMA, PCMA, 1000);
        b = new Party(Codec.PCMU, PCMU, 2000);
        c = new Party(Codec.PCMA, PCMA, 4000);
    }

    @Test
    void eachPartyHearsTheOtherTwoInItsOwnCodecAndNeverItself() {
        playTicks(6);

        assertHears(2000 + 4000, a);
        assertHears(1000 + 4000, b);
        assertHears(1000 + 2000, c);
        assertTrue(a.payloadTypes.stream().allMatch(t -> t == PCMA));
        assertTrue(b.payloadTypes.stream().allMatch(t -> t == PCMU));
    }

    @Test
    void aPartyThatStopsSendingIsSilenceToTheOthersWhoStillGetAFrameEveryTick() {
        playTicks(6);
        c.sending = false;

        playTicks(10);

        assertHears(2000, a, "only B");
        assertHears(1000, b, "only A");
        assertEquals(16, a.heard.size(), "one frame per tick, nobody waits for C");
        assertEquals(16, c.heard.size(), "C still hears A and B");
        assertHears(1000 + 2000, c);
    }

    @Test
    void theLastOneLeftHearsSilenceButStillGetsItsFrames() {
        playTicks(6);
        b.voice.leave();
        c.voice.leave();

        playTicks(3);

        assertEquals(9, a.heard.size());
        assertHears(0, a, "silence keeps the phone's jitter buffer and NAT binding alive");
        assertEquals(1, room.size());
    }

    @Test
    void aPartyOnHoldIsNeitherHeardNorSentTo() {
        playTicks(6);
        int bFramesBefore = b.heard.size();
        b.voice.configure(Codec.PCMU, PCMU, false, false);

        playTicks(5);

        assertHears(4000, a, "B's audio (music on hold, maybe) is not mixed");
        assertEquals(bFramesBefore, b.heard.size(), "nothing is sent to B");
    }

    @Test
    void telephoneEventsAndComfortNoiseAreNotMixed() {
        playTicks(6);
        c.sending = false;
        b.sending = false;

        for (int i = 0; i < 6; i++) {
            c.send(101, new byte[] {5, 0x0A, 0, (byte) 160}); // RFC 4733 digit 5
            b.send(13, new byte[] {40}); // RFC 3389 comfort noise
            tick();
        }

        assertHears(0, a, "neither the DTMF nor the noise is audio");
    }

    @Test
    void aSumTooLoudForSixteenBitsIsClampedNotWrapped() {
        a.level = 30000;
        b.level = 30000;

        playTicks(6);

        assertHears(32000, c, "clamped near full scale, not a negative wrap");
    }

    /**
     * The party's last frame is {@code level} give or take G.711's quantization (each step about 1/16 of the value,
     * applied to the senders' levels and again to the mix; silence is A-law's smallest level, 8).
     */
    private static void assertHears(int level, Party party, String... why) {
        assertEquals(level, party.lastHeard(), 16 + Math.abs(level) / 8.0, String.join("", why));
    }

    private void playTicks(int count) {
        for (int i = 0; i < count; i++) {
            a.sendFrame();
            b.sendFrame();
            c.sendFrame();
            tick();
        }
    }

    private void tick() {
        room.tick(now);
        now += 20_000_000L;
    }

    /** A phone in the room: sends a constant level in its codec, records the frames it is sent. */
    private final class Party {
        final RoomMix.Voice voice;
        final Codec codec;
        final int payloadType;
        final List<short[]> heard = new ArrayList<>();
        final List<Integer> payloadTypes = new ArrayList<>();
        final long ssrc = (long) (Math.random() * 0xFFFF_FFFFL);
        int level;
        boolean sending = true;
        int sequence;
        long timestamp;

        Party(Codec codec, int payloadType, int level) {
            this.codec = codec;
            this.payloadType = payloadType;
            this.level = level;
            this.voice = room.join((payload, type, due) -> {
                short[] decoded = new short[payload.length];
                for (int i = 0; i < payload.length; i++) {
                    decoded[i] = codec.decode(payload[i]);
                }
                heard.add(decoded);
                payloadTypes.add(type);
            });
            voice.configure(codec, payloadType, true, true);
        }

        void sendFrame() {
            byte[] payload = new byte[160];
            Arrays.fill(payload, codec.encode((short) level));
            if (sending) {
                send(payloadType, payload);
            } else {
                timestamp += 160;
            }
        }

        void send(int type, byte[] payload) {
            voice.received(new RtpPacket(PHONE, type, false, sequence++ & 0xFFFF, timestamp, ssrc, payload));
            timestamp += 160;
        }

        int lastHeard() {
            short[] last = heard.get(heard.size() - 1);
            for (short sample : last) {
                assertEquals(last[0], sample, "a constant frame");
            }
            return last[0];
        }
    }
}
