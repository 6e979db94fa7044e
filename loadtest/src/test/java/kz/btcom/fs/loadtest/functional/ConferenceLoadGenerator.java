package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The telephones of a conference capacity run, as lean as they can be, since they share the machine with the media
 * thread they load: one thread, one selector, one non-blocking UDP socket per party. Every 20 ms each party sends a
 * 20 ms G.711 tone of its own (one RTP packet) to its leg; in between, the thread reads what the legs send back and
 * counts it per party. Real telephones are not in step: the parties are spread over the 20 ms in 1 ms slots (party i
 * in slot i mod 20), so that the media thread does not get every packet in one burst, and what it measures does not
 * depend on where that burst falls against its own mixing tick. Slots are reckoned from the start, so a late one does
 * not drift the rest; how late each went out is recorded, because a generator that falls behind would be measuring
 * itself.
 */
final class ConferenceLoadGenerator implements AutoCloseable {

    static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int SLOTS = 20;
    private static final long SLOT_NANOS = FRAME_NANOS / SLOTS;
    private static final int FRAME_SAMPLES = 160;
    private static final int HEADER_BYTES = 12;
    /** Slots more than this late are not sent at all: a telephone does not catch up on audio it failed to send. */
    private static final int MAX_LATE_SLOTS = 3 * SLOTS;

    /** One telephone: its socket, its codec and tone, what it has sent and heard. */
    static final class Phone {
        private final DatagramChannel socket;
        private final Codec codec;
        private final byte[] tone;
        private final int ssrc;
        private int sequence;
        private int timestamp;
        private volatile long received;
        private volatile long receivedOtherPayloadType;

        private Phone(DatagramChannel socket, Codec codec, byte[] tone, int ssrc) {
            this.socket = socket;
            this.codec = codec;
            this.tone = tone;
            this.ssrc = ssrc;
        }

        int port() {
            try {
                return ((InetSocketAddress) socket.getLocalAddress()).getPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Codec codec() {
            return codec;
        }

        long received() {
            return received;
        }

        long receivedOtherPayloadType() {
            return receivedOtherPayloadType;
        }
    }

    private final Selector selector;
    private final List<Phone> phones = new ArrayList<>();
    private final ByteBuffer out = ByteBuffer.allocateDirect(HEADER_BYTES + FRAME_SAMPLES);
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong ticksSkipped = new AtomicLong();
    private volatile boolean running;
    private volatile LatenessLog latenessLog;
    private Thread thread;

    ConferenceLoadGenerator() throws IOException {
        selector = Selector.open();
    }

    /** A telephone on a loopback port of the kernel's choosing, speaking {@code codec} with a tone of {@code hertz}. */
    Phone addPhone(Codec codec, int hertz) throws IOException {
        DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET);
        socket.bind(new InetSocketAddress(TestPhones.HOST, 0));
        socket.configureBlocking(false);
        Phone phone = new Phone(socket, codec, tone(codec, hertz), phones.size() * 7919 + 1);
        phones.add(phone);
        return phone;
    }

    /** Sends to (and hears only) the leg at {@code leg}; before {@link #start}. */
    void connect(Phone phone, InetSocketAddress leg) throws IOException {
        phone.socket.connect(leg);
        phone.socket.register(selector, SelectionKey.OP_READ, phone);
    }

    List<Phone> phones() {
        return phones;
    }

    /** Starts sending and receiving on its own thread. */
    void start() {
        running = true;
        thread = new Thread(this::run, "capacity-generator");
        thread.setDaemon(true);
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** From now on, how late each slot went out is written to {@code log}; null stops it. */
    void recordLateness(LatenessLog log) {
        latenessLog = log;
    }

    long sendErrors() {
        return sendErrors.get();
    }

    /** Ticks the generator was too late to send (it did not get a core): a run with any is not a fair load. */
    long ticksSkipped() {
        return ticksSkipped.get();
    }

    @Override
    public void close() throws IOException {
        running = false;
        if (thread != null) {
            selector.wakeup();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Phone phone : phones) {
            phone.socket.close();
        }
        selector.close();
    }

    private void run() {
        long start = System.nanoTime();
        long slot = 0;
        try {
            while (running) {
                long due = start + slot * SLOT_NANOS;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // select() waits in whole milliseconds: sleep to the millisecond before, never past the due time.
                    long millis = TimeUnit.NANOSECONDS.toMillis(wait);
                    if (millis == 0) {
                        LockSupport.parkNanos(wait); // less than a millisecond: no spinning on selectNow()
                    } else if (selector.select(millis) > 0) {
                        readAll();
                    }
                    continue;
                }
                long late = System.nanoTime() - due;
                if (late >= MAX_LATE_SLOTS * SLOT_NANOS) {
                    long behind = late / SLOT_NANOS;
                    ticksSkipped.addAndGet(behind / SLOTS);
                    slot += behind;
                    continue;
                }
                LatenessLog log = latenessLog;
                if (log != null) {
                    log.record(late);
                }
                sendSlot((int) (slot % SLOTS));
                slot++;
                // Read between slots even when the next is already due, or a late generator would never read.
                if (selector.selectNow() > 0) {
                    readAll();
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void sendSlot(int slot) {
        for (int i = slot; i < phones.size(); i += SLOTS) {
            Phone phone = phones.get(i);
            out.clear();
            out.put((byte) 0x80).put((byte) phone.codec.payloadType).putShort((short) phone.sequence++)
                    .putInt(phone.timestamp).putInt(phone.ssrc).put(phone.tone);
            phone.timestamp += FRAME_SAMPLES;
            out.flip();
            try {
                phone.socket.write(out);
            } catch (IOException e) {
                sendErrors.incrementAndGet(); // the leg's port is not (or no longer) there: counted, not fatal
            }
        }
    }

    private void readAll() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Phone phone = (Phone) key.attachment();
            try {
                while (true) {
                    in.clear();
                    if (phone.socket.read(in) <= 0) {
                        break;
                    }
                    // Only the count is kept (the mix's content is the unit tests' business), and the codec.
                    if ((in.get(1) & 0x7F) == phone.codec.payloadType) {
                        phone.received++;
                    } else {
                        phone.receivedOtherPayloadType++;
                    }
                }
            } catch (IOException e) {
                sendErrors.incrementAndGet(); // ICMP port unreachable from an earlier send shows up on read
            }
        }
    }

    /** 20 ms of a sine at {@code hertz} (a multiple of 50 Hz, so that every frame is the same). */
    private static byte[] tone(Codec codec, int hertz) {
        byte[] frame = new byte[FRAME_SAMPLES];
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            frame[i] = codec.encode((int) (8000 * Math.sin(2 * Math.PI * hertz * i / 8000.0)));
        }
        return frame;
    }
}
