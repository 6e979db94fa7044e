package kz.btcom.fs.media;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import kz.btcom.fs.call.LocalMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The server's own RTP media: legs on ports of the configured range, paced by the media thread. A G.711 packet every
 * 20 ms per leg is little work, and one thread keeps every leg's timing on one clock. A large conference load may
 * spread its rooms over more media threads ({@link #start(MediaSettings, MixerObserver, int)}): each room, with its
 * parties' legs and its place in a mixing clock, lives on one of them.
 */
public final class MediaEndpoint implements Announcements, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaEndpoint.class);

    private final MediaSettings settings;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final MediaThread[] mediaThreads;
    private final AtomicInteger roomsOpened = new AtomicInteger();
    private final LongSupplier ticker;
    private final RandomGenerator random;
    private final PortPool ports;
    private final InetAddress address;
    private final int maxFrames;
    private final Set<MediaLeg> openLegs = ConcurrentHashMap.newKeySet();
    private final Set<ConferenceRoom> openRooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    MediaEndpoint(MediaSettings settings, EventLoopGroup group, LongSupplier ticker, RandomGenerator random,
                  MixerObserver mixerObserver) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.group = group;
        this.ticker = ticker;
        this.random = random;
        this.ports = new PortPool(settings.firstRtpPort(), settings.sessionCapacity());
        this.address = settings.inetAddress();
        this.maxFrames = (int) (settings.maxPromptLength().toMillis() / SdpWriter.PTIME_MILLIS);
        Objects.requireNonNull(mixerObserver, "mixerObserver");
        List<MediaThread> threads = new ArrayList<>();
        group.forEach(executor -> threads.add(new MediaThread((EventLoop) executor, ticker, mixerObserver)));
        this.mediaThreads = threads.toArray(MediaThread[]::new);
        this.loop = mediaThreads[0].loop();
    }

    /** Starts the media thread. Nothing is bound until a leg is opened. */
    public static MediaEndpoint start(MediaSettings settings) {
        return start(settings, MixerObserver.NONE);
    }

    /**
     * Starts the media thread, with {@code mixerObserver} told each conference mixing tick's lateness (the
     * {@code fs_mixer_tick_lateness_seconds} histogram).
     */
    public static MediaEndpoint start(MediaSettings settings, MixerObserver mixerObserver) {
        return start(settings, mixerObserver, 1);
    }

    /**
     * Starts {@code threads} media threads: conference rooms are spread over them in turn (each room's parties and
     * mixing on its room's thread), prompts and announcements play on the first. {@code mixerObserver} is then told
     * from every thread. More threads than cores gains nothing: a room's tick is late whenever its thread waits.
     */
    public static MediaEndpoint start(MediaSettings settings, MixerObserver mixerObserver, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the media endpoint needs at least one thread, not " + threads);
        }
        // Daemon threads: media must never be what keeps a stopping server alive.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("fs-media", true),
                NioIoHandler.newFactory());
        return new MediaEndpoint(settings, group, System::nanoTime, new SecureRandom(), mixerObserver);
    }

    public MediaSettings settings() {
        return settings;
    }

    /** A leg that plays prompts ({@link MediaDirection#SEND_ONLY}). */
    public MediaLeg openLeg(String callId) {
        return openLeg(callId, MediaDirection.SEND_ONLY);
    }

    /**
     * A leg on the next free port.
     *
     * @param callId for the logs
     * @param intent what the leg does: {@link MediaDirection#SEND_ONLY} to play, {@link MediaDirection#SEND_RECV}
     *               for a conference party
     * @throws MediaUnavailableException no port is free, or the endpoint is closed (503)
     */
    public MediaLeg openLeg(String callId, MediaDirection intent) {
        return openLeg(callId, intent, loop);
    }

    /** A leg whose socket is served by {@code on}, one of this endpoint's media threads. */
    MediaLeg openLeg(String callId, MediaDirection intent, EventLoop on) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(intent, "intent");
        if (closed.get()) {
            throw new MediaUnavailableException("the media endpoint is shut down");
        }
        // A port some other program holds fails to bind: try the next, as many times as there are ports.
        for (int attempt = 0; attempt < ports.capacity(); attempt++) {
            OptionalInt port = ports.take();
            if (port.isEmpty()) {
                break;
            }
            try {
                MediaLeg leg = bind(callId, intent, port.getAsInt(), on);
                LOG.debug("call {}: media leg on {}", callId, leg.localAddress());
                return leg;
            } catch (BindException e) {
                LOG.debug("call {}: media port {} is taken by another program: {}", callId, port.getAsInt(),
                        e.getMessage());
                ports.release(port.getAsInt());
            } catch (IOException e) {
                ports.release(port.getAsInt());
                LOG.warn("call {}: cannot open a media socket on {}: {}", callId, address, e.toString());
                throw new MediaUnavailableException("cannot open a media socket: " + e.getMessage());
            }
        }
        LOG.warn("call {}: no free media port in {}-{} on {} ({} of {} in use)", callId, settings.portMin(),
                settings.portMax(), settings.address(), ports.inUse(), ports.capacity());
        throw new MediaUnavailableException("no free media port in " + settings.portMin() + "-"
                + settings.portMax());
    }

    /**
     * The media of a call the server answers to play one prompt (a feature code's confirmation) and hang up. No
     * port is taken until the B2BUA asks for the SDP answer.
     *
     * @param prompt what to play, possibly still being decided (a database write): if it fails, or is not decided
     *               within {@link MediaSettings#promptWait()}, the caller hears {@link Tone#NEGATIVE}
     */
    @Override
    public LocalMedia announcement(String callId, CompletionStage<? extends Prompt> prompt) {
        return new AnnouncementMedia(this, Objects.requireNonNull(callId, "callId"),
                Objects.requireNonNull(prompt, "prompt"));
    }

    /**
     * A conference room: its parties' audio mixed on the media thread. Takes no port until a party joins.
     *
     * @param conferenceId for the logs
     * @throws MediaUnavailableException the endpoint is closed
     */
    public ConferenceRoom openRoom(String conferenceId) {
        Objects.requireNonNull(conferenceId, "conferenceId");
        if (closed.get()) {
            throw new MediaUnavailableException("the media endpoint is shut down");
        }
        MediaThread thread = mediaThreads[Math.floorMod(roomsOpened.getAndIncrement(), mediaThreads.length)];
        ConferenceRoom room = new ConferenceRoom(this, conferenceId, new RoomMix(), thread);
        openRooms.add(room);
        try {
            thread.loop().execute(() -> thread.clock().add(room.mix()));
        } catch (RejectedExecutionException e) {
            openRooms.remove(room);
            throw new MediaUnavailableException("the media endpoint is shut down");
        }
        if (closed.get()) {
            room.close();
            throw new MediaUnavailableException("the media endpoint is shut down");
        }
        LOG.debug("conference {}: room open", conferenceId);
        return room;
    }

    /** Conference rooms open now. */
    public int openRoomCount() {
        return openRooms.size();
    }

    /** Legs open now (each holds a port). */
    public int openLegCount() {
        return openLegs.size();
    }

    /** Closes every open leg and stops the media thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        openRooms.forEach(ConferenceRoom::close);
        openLegs.forEach(MediaLeg::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Runs {@code task} on the media thread after {@code delay}. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on the media thread; quietly not at all once the endpoint is shutting down. */
    void execute(Runnable task) {
        execute(loop, task);
    }

    /** Runs {@code task} on the media thread {@code on}; quietly not at all once the endpoint is shutting down. */
    void execute(EventLoop on, Runnable task) {
        try {
            on.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("the media thread is stopped: a task is dropped");
        }
    }

    void roomClosed(ConferenceRoom room) {
        if (openRooms.remove(room)) {
            MediaThread thread = room.mediaThread();
            execute(thread.loop(), () -> thread.clock().remove(room.mix()));
            LOG.debug("conference {}: room closed", room.id());
        }
    }

    private MediaLeg bind(String callId, MediaDirection intent, int port, EventLoop on) throws IOException {
        // Bound here, on the caller's thread, so a taken port is known at once; then handed to the media thread.
        DatagramChannel socket = DatagramChannel.open(address instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            socket.bind(new InetSocketAddress(address, port));
            NioDatagramChannel channel = new NioDatagramChannel(socket);
            InetSocketAddress local = new InetSocketAddress(address, port);
            AudioSession session = new AudioSession(address, port, intent,
                    new SdpOrigin(random.nextInt(Integer.MAX_VALUE)));
            MediaLeg leg = new MediaLeg(callId, channel, local, session, new RtpStream(random, ticker.getAsLong()),
                    ticker, maxFrames, this::legClosed);
            channel.pipeline().addLast(new InboundRtpHandler(leg));
            openLegs.add(leg);
            ChannelFuture registration = on.register(channel);
            if (!on.inEventLoop()) {
                registration.awaitUninterruptibly();
            }
            if (!registration.isSuccess()) {
                openLegs.remove(leg);
                throw new IOException("the media thread refused the socket: " + registration.cause());
            }
            if (closed.get()) {
                leg.close(); // the endpoint closed while we were binding: do not leak the socket
                throw new MediaUnavailableException("the media endpoint is shut down");
            }
            return leg;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void legClosed(MediaLeg leg) {
        openLegs.remove(leg);
        ports.release(leg.localAddress().getPort());
        LOG.debug("call {}: media port {} released", leg.callId(), leg.localAddress().getPort());
    }
}
