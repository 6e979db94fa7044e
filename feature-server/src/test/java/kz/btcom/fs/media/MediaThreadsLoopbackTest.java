package kz.btcom.fs.media;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An endpoint with two media threads, for a large conference load: rooms go to the threads in turn, and each room,
 * on its own thread, mixes its own parties and nobody else's (two-party rooms over real UDP on 127.0.0.1).
 */
@Timeout(60)
class MediaThreadsLoopbackTest {

    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final int WINDOW = 40; // 0.8 s: every tone a whole number of cycles

    private MediaEndpoint endpoint;
    private final List<TonePhone> phones = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (TonePhone phone : phones) {
            phone.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void roomsTakeTheThreadsInTurnAndEachMixesOnlyItsOwnParties() throws Exception {
        Set<String> tickThreads = ConcurrentHashMap.newKeySet();
        int firstPort = FreePorts.evenBlock(16);
        MediaSettings settings = new MediaSettings("127.0.0.1", firstPort, firstPort + 15, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        endpoint = MediaEndpoint.start(settings, nanos -> tickThreads.add(Thread.currentThread().getName()), 2);

        ConferenceRoom first = endpoint.openRoom("conf-1");
        ConferenceRoom second = endpoint.openRoom("conf-2");
        ConferenceRoom third = endpoint.openRoom("conf-3");
        TonePhone a = join(first, Codec.PCMA, 400);
        TonePhone b = join(first, Codec.PCMU, 700);
        TonePhone c = join(second, Codec.PCMU, 1100);
        TonePhone d = join(second, Codec.PCMA, 1500);

        assertNotSame(first.mediaThread(), second.mediaThread());
        assertSame(first.mediaThread(), third.mediaThread());
        for (TonePhone phone : phones) {
            assertTrue(phone.awaitMorePackets(60, LIMIT), "1.2 s of mix within " + LIMIT);
        }
        assertHearsOnly(a, 700, 1100, 1500);
        assertHearsOnly(b, 400, 1100, 1500);
        assertHearsOnly(c, 1500, 400, 700);
        assertHearsOnly(d, 1100, 400, 700);
        assertEquals(2, tickThreads.size(), "each thread runs its own mixing clock: " + tickThreads);
    }

    @Test
    void aMediaEndpointNeedsAThread() {
        MediaSettings settings = MediaSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> MediaEndpoint.start(settings, MixerObserver.NONE, 0));
    }

    private TonePhone join(ConferenceRoom room, Codec codec, int hertz) throws Exception {
        TonePhone phone = new TonePhone(codec, hertz);
        phones.add(phone);
        RoomParty party = room.join("call-" + hertz);
        party.sdpAnswer(phone.offer());
        party.start(() -> { });
        phone.startSending(party.localAddress().getPort());
        return phone;
    }

    /** Over the phone's last 0.8 s: the other party's tone at about its sent amplitude; the other room's, silent. */
    private static void assertHearsOnly(TonePhone phone, double partner, double otherRoomOne, double otherRoomTwo) {
        short[] samples = phone.lastHeard(WINDOW);
        double heard = TonePhone.amplitudeAt(samples, partner);
        double one = TonePhone.amplitudeAt(samples, otherRoomOne);
        double two = TonePhone.amplitudeAt(samples, otherRoomTwo);
        String levels = partner + " Hz: " + Math.round(heard) + ", " + otherRoomOne + " Hz: " + Math.round(one) + ", "
                + otherRoomTwo + " Hz: " + Math.round(two);
        assertTrue(heard > TonePhone.AMPLITUDE / 2.0, "hears its room's other party; " + levels);
        assertTrue(one < heard / 10 && two < heard / 10, "not the other room, 20 dB down at least; " + levels);
    }
}
