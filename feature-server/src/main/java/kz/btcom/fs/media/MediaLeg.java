package kz.btcom.fs.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One call party's RTP session on the server: its own UDP port, its SDP offer/answer, the prompt it is playing and
 * the RTP it receives. Made by {@link MediaEndpoint#openLeg}; {@link #close()} gives the port back.
 * <p>
 * The SDP methods may be called from any thread (a call's lane); sending and receiving happen on the endpoint's
 * media thread.
 */
public final class MediaLeg implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaLeg.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final String callId;
    private final NioDatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final AudioSession session;
    private final RtpStream rtp;
    private final LongSupplier ticker;
    private final int maxFrames;
    private final Consumer<MediaLeg> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile RtpListener listener = RtpListener.IGNORE;
    // Media thread only:
    private Playback playing;
    private boolean talkspurtStarts;
    private boolean mixStarted;

    MediaLeg(String callId, NioDatagramChannel channel, InetSocketAddress localAddress, AudioSession session,
             RtpStream rtp, LongSupplier ticker, int maxFrames, Consumer<MediaLeg> onClosed) {
        this.callId = callId;
        this.channel = channel;
        this.localAddress = localAddress;
        this.session = session;
        this.rtp = rtp;
        this.ticker = ticker;
        this.maxFrames = maxFrames;
        this.onClosed = onClosed;
    }

    /** The call this leg belongs to, for logs. */
    public String callId() {
        return callId;
    }

    /** The address and (even) port the leg receives RTP on, as its SDP announces them. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The SDP answer to the other side's offer.
     *
     * @throws UnacceptableSdpException no PCMA/PCMU audio in common, or the offer is not readable SDP (488)
     */
    public String answer(String sdpOffer) {
        requireOpen();
        return session.answer(sdpOffer);
    }

    /** Our SDP offer (PCMA, PCMU), for an INVITE without one; the answer goes to {@link #remoteDescription}. */
    public String offer() {
        requireOpen();
        return session.offer();
    }

    /**
     * The other side's answer to {@link #offer()}.
     *
     * @throws UnacceptableSdpException it rejects our audio or picks a codec we did not offer
     */
    public void remoteDescription(String sdpAnswer) {
        requireOpen();
        session.answered(sdpAnswer);
    }

    /**
     * Plays {@code prompt} from its start, replacing whatever was playing. Until an offer/answer exchange has
     * given the leg somewhere to send (and while the other side is on hold or does not receive), the prompt runs
     * its course in silence, so whoever waits for it still hears the end on time.
     *
     * @return completes when the caller has heard the prompt (cut at the endpoint's maximum prompt length);
     *         completes exceptionally with a {@link CancellationException} if it was replaced or the leg closed
     */
    public CompletionStage<Void> play(Prompt prompt) {
        PromptAudio audio = PromptAudio.of(Objects.requireNonNull(prompt, "prompt"));
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            if (closed.get()) {
                throw new RejectedExecutionException("closed");
            }
            channel.eventLoop().execute(() -> startPlaying(prompt, audio, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new CancellationException("the media leg is closed"));
        }
        return done.minimalCompletionStage();
    }

    /** Where this leg's incoming RTP goes (nowhere by default): the hook for a conference mixer. */
    public void onRtp(RtpListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Stops playing and releases the port. Idempotent; any thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        EventExecutor loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            // The media thread cannot wait for itself: the port goes back at once, and should the next call bind it
            // before the socket is really gone, that call moves on to the following port.
            stopPlaying();
            channel.close().addListener(closing -> release());
            return;
        }
        try {
            loop.execute(this::stopPlaying);
        } catch (RejectedExecutionException e) {
            stopPlaying(); // the endpoint is shutting down; no more ticks will run anyway
        }
        ChannelFuture closing = channel.close();
        // Wait, so that a port given back is really free: the next call may bind it at once.
        if (!closing.awaitUninterruptibly(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                || !SocketRelease.awaitFree(localAddress)) {
            LOG.warn("call {}: the media socket {} was slow to close", callId, localAddress);
        }
        release();
    }

    @Override
    public String toString() {
        return "MediaLeg[" + callId + " " + localAddress + "]";
    }

    /** From the socket, on the media thread. */
    void received(RtpPacket packet) {
        if (closed.get()) {
            return;
        }
        try {
            listener.onRtp(this, packet);
        } catch (RuntimeException e) {
            // The media thread paces every call: one listener's bug must not stop it.
            LOG.error("call {}: the RTP listener failed", callId, e);
        }
    }

    /** What the latest offer/answer settled, if anything yet. */
    Optional<NegotiatedAudio> negotiated() {
        return session.negotiated();
    }

    /**
     * Sends one 20 ms frame of a conference mix, on the media thread: the leg's own SSRC and sequence, the timestamp
     * of the time the frame is due, the marker on the first packet. Nothing leaves while there is nowhere to send.
     */
    void sendMixed(byte[] payload, int payloadType, long dueNanos) {
        if (closed.get()) {
            return;
        }
        Optional<NegotiatedAudio> negotiated = session.negotiated();
        if (negotiated.isEmpty() || !negotiated.get().streams()) {
            return;
        }
        ByteBuf packet = channel.alloc().buffer(RtpStream.HEADER_BYTES + payload.length);
        rtp.writeHeader(packet, payloadType, !mixStarted, rtp.timestampAt(dueNanos));
        mixStarted = true;
        packet.writeBytes(payload);
        channel.writeAndFlush(new DatagramPacket(packet, negotiated.get().remote().orElseThrow()),
                channel.voidPromise());
    }

    private void startPlaying(Prompt prompt, PromptAudio audio, CompletableFuture<Void> done) {
        if (closed.get()) {
            done.completeExceptionally(new CancellationException("the media leg is closed"));
            return;
        }
        if (playing != null) {
            playing.stop("replaced by another prompt");
        }
        int frames = Math.min(audio.frames(), maxFrames);
        if (frames < audio.frames()) {
            LOG.info("call {}: {} cut to the longest prompt allowed, {} ms", callId, prompt,
                    frames * SdpWriter.PTIME_MILLIS);
        }
        long start = ticker.getAsLong();
        Playback playback = new Playback(channel.eventLoop(), ticker, new FrameTimeline(start, frames),
                rtp::timestampAt, (frame, timestamp) -> sendFrame(audio, frame, timestamp), done);
        playing = playback;
        talkspurtStarts = true;
        done.whenComplete((ignored, failure) -> {
            if (playing == playback) {
                playing = null;
            }
        });
        if (session.negotiated().filter(NegotiatedAudio::streams).isEmpty()) {
            LOG.debug("call {}: nowhere to send {} yet; it plays in silence", callId, prompt);
        }
        playback.start();
    }

    private void stopPlaying() {
        if (playing != null) {
            playing.stop("the media leg is closed");
            playing = null;
        }
    }

    private void sendFrame(PromptAudio audio, int frame, long timestamp) {
        Optional<NegotiatedAudio> negotiated = session.negotiated();
        if (negotiated.isEmpty() || !negotiated.get().streams()) {
            return;
        }
        NegotiatedAudio to = negotiated.get();
        ByteBuf packet = channel.alloc().buffer(RtpStream.HEADER_BYTES + PromptAudio.FRAME_SAMPLES);
        // The marker goes on the first packet that actually leaves (RFC 3551 4.1: the start of a talkspurt).
        rtp.writeHeader(packet, to.payloadType(), talkspurtStarts, timestamp);
        talkspurtStarts = false;
        packet.writeBytes(audio.encoded(to.codec()), frame * PromptAudio.FRAME_SAMPLES, PromptAudio.FRAME_SAMPLES);
        channel.writeAndFlush(new DatagramPacket(packet, to.remote().orElseThrow()), channel.voidPromise());
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("call " + callId + ": the media leg is closed");
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            onClosed.accept(this);
        }
    }
}
