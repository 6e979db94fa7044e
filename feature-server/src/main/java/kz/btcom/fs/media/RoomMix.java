package kz.btcom.fs.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sound of one conference room without its sockets: each party's jitter buffer, and one tick of mixing that
 * gives every party that may receive the others' audio in its own codec. A {@link ConferenceRoom} drives it from
 * the media thread; it is public only so that the JMH benchmark in {@code loadtest} can drive it the same way.
 * <p>
 * Not thread-safe: every call, including the parties' {@link Voice#received}, must come from one thread (the media
 * thread, which also receives the RTP). A tick allocates nothing; the sink gets a payload buffer it must copy.
 */
public final class RoomMix {

    /** Where a party's mixed frame goes: its leg, which sends it as one RTP packet. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * @param payload   160 encoded samples, valid only during the call
         * @param dueNanos  when the frame is due, on the media ticker: the packet's RTP timestamp follows it
         */
        void send(byte[] payload, int payloadType, long dueNanos);
    }

    private final List<Voice> voices = new ArrayList<>();
    private final Mixer mixer = new Mixer();

    /** A new party, neither heard nor sent to until it is {@link Voice#configure configured}. */
    public Voice join(FrameSink sink) {
        Voice voice = new Voice(Objects.requireNonNull(sink, "sink"));
        voices.add(voice);
        return voice;
    }

    /** Parties in the mix. */
    public int size() {
        return voices.size();
    }

    /**
     * One 20 ms tick: each party's next frame leaves its jitter buffer; each party that is sent to gets the
     * saturating sum of the other heard parties' frames, never its own (silence when it is alone).
     */
    public void tick(long dueNanos) {
        mixer.clear();
        for (int i = 0; i < voices.size(); i++) {
            Voice voice = voices.get(i);
            voice.buffer.take(voice.frame);
            if (voice.heard) {
                mixer.add(voice.frame);
            }
        }
        for (int i = 0; i < voices.size(); i++) {
            Voice voice = voices.get(i);
            if (!voice.sentTo) {
                continue;
            }
            mixer.encodeOthersThan(voice.heard ? voice.frame : null, voice.encoding, voice.payload);
            voice.sink.send(voice.payload, voice.payloadType, dueNanos);
        }
    }

    /** A tick dropped after a stall: every party's frame for it is thrown away, nothing is sent. */
    public void skip() {
        for (int i = 0; i < voices.size(); i++) {
            voices.get(i).buffer.skip();
        }
    }

    /** One party of the room: its jitter buffer, its codec, whether it is heard and sent to. */
    public final class Voice {

        private final FrameSink sink;
        private final JitterBuffer buffer = new JitterBuffer();
        private final short[] frame = new short[Mixer.FRAME_SAMPLES];
        private final byte[] payload = new byte[Mixer.FRAME_SAMPLES];
        private short[] decoding = CompandingTables.decoding(Codec.PCMA);
        private byte[] encoding = CompandingTables.encoding(Codec.PCMA);
        private int payloadType = -1;
        private boolean heard;
        private boolean sentTo;

        private Voice(FrameSink sink) {
            this.sink = sink;
        }

        /**
         * What the party's latest offer/answer settled.
         *
         * @param payloadType the negotiated audio payload type: packets of any other (RFC 4733 telephone-event,
         *                    comfort noise) are not mixed
         * @param heard       whether its audio goes into the others' mix
         * @param sentTo      whether it gets the mix
         */
        public void configure(Codec codec, int payloadType, boolean heard, boolean sentTo) {
            this.decoding = CompandingTables.decoding(codec);
            this.encoding = CompandingTables.encoding(codec);
            this.payloadType = payloadType;
            this.heard = heard;
            this.sentTo = sentTo;
        }

        /** Neither heard nor sent to: no offer/answer yet, or one that gave no usable audio. */
        public void mute() {
            heard = false;
            sentTo = false;
            payloadType = -1;
        }

        /** An RTP packet from the party. */
        public void received(RtpPacket packet) {
            if (packet.payloadType() == payloadType) {
                buffer.put(packet, decoding);
            }
        }

        /** Leaves the mix; idempotent. */
        public void leave() {
            voices.remove(this);
        }
    }
}
