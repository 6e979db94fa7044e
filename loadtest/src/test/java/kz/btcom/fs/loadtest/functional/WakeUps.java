package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.JournalReader;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many wake-up bookings over the API for the end-to-end tests of pacing and of several nodes: lines provisioned and
 * booked for the coming minute in Asia/Almaty (the servers' default {@code wakeUp.zone}), and what the core saw of
 * the calls.
 */
final class WakeUps {

    /** wakeUp.callerNumber's default, without '+'. */
    static final String CALLER_NUMBER = "77272777100";
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** Requests at once: enough to book hundreds in seconds, few enough not to crowd a two-core machine. */
    private static final int CLIENTS = 4;

    /** A minute on Almaty's clock, and when it starts. */
    record Minute(LocalDateTime local, Instant starts) {
        String hhmm() {
            return local.format(HH_MM);
        }
    }

    private WakeUps() {
    }

    /** {@code count} numbers: the prefix (E.164 digits, no '+') and four digits from 0000. */
    static List<String> lines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + String.format("%04d", i)).toList();
    }

    /** Each line provisioned with wakeUp subscribed, the lines taken in turn by the clients (the nodes). */
    static void provision(List<AdminClient> nodes, List<String> lines) throws Exception {
        inParallel(lines.size(), i -> Profile.line().provision(nodes.get(i % nodes.size()), lines.get(i)));
    }

    /** Each line booked once for {@code minute} over the API, the lines taken in turn by the clients (the nodes). */
    static void book(List<AdminClient> nodes, List<String> lines, Minute minute) throws Exception {
        inParallel(lines.size(), i -> {
            AdminClient.Reply booked = nodes.get(i % nodes.size()).post("/api/v1/subscribers/+" + lines.get(i)
                    + "/wakeups", "{\"time\": \"" + minute.hhmm() + "\", \"daily\": false}");
            assertEquals(201, booked.status(), lines.get(i) + ": " + booked.body());
            assertEquals(minute.starts(), Instant.parse(booked.body().path("next").asText()), booked.body().toString());
        });
    }

    /** The line's bookings as {@code GET /wakeups} lists them. */
    static List<JsonNode> bookings(AdminClient node, String line) throws Exception {
        AdminClient.Reply reply = node.get("/api/v1/subscribers/+" + line + "/wakeups");
        assertEquals(200, reply.status(), reply.body().toString());
        List<JsonNode> bookings = new ArrayList<>();
        reply.body().path("wakeups").forEach(bookings::add);
        return bookings;
    }

    /** The next minute in Almaty that leaves at least {@code lead} to book in. */
    static Minute comingMinute(Duration lead) {
        LocalDateTime now = LocalDateTime.now(ALMATY);
        LocalDateTime next = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime minute = Duration.between(now, next).compareTo(lead) < 0 ? next.plusMinutes(1) : next;
        return new Minute(minute, minute.atZone(ALMATY).toInstant());
    }

    static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** The most of {@code times} (in any order) that fall in one second, [t, t + 1 s), over every t. */
    static int mostInOneSecond(List<Instant> times) {
        List<Instant> sorted = times.stream().sorted().toList();
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plusSeconds(1).isAfter(sorted.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /**
     * When the server sent its wake-up calls' INVITEs, by its journal (a placed call's attempt is journaled on its
     * lane as the INVITE goes), in order.
     */
    static List<Instant> placedWakeUpCalls(Path dataDir) throws Exception {
        List<Instant> placed = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dataDir)) {
            reader.toStart().forEachRemaining(entry -> {
                if (entry.event() instanceof JournalEvent.CallAttempt attempt
                        && attempt.pass() == JournalEvent.Pass.PLACED && attempt.caller().equals("+" + CALLER_NUMBER)) {
                    placed.add(attempt.at());
                }
            });
        }
        return placed.stream().sorted().toList();
    }

    /**
     * Waits until the server's journal holds {@code count} wake-up call attempts (each is journaled when its call is
     * over), and says how many it holds then; fails at the deadline.
     */
    static int awaitWakeUpCallsOver(Path dataDir, int count, Instant deadline) throws Exception {
        while (true) {
            int[] over = {0};
            try (JournalReader reader = JournalReader.open(dataDir)) {
                reader.toStart().forEachRemaining(entry -> {
                    if (entry.event() instanceof JournalEvent.WakeUpCall) {
                        over[0]++;
                    }
                });
            }
            if (over[0] >= count) {
                return over[0];
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(over[0] + " of " + count + " wake-up calls over at " + deadline);
            }
            Thread.sleep(500);
        }
    }

    /** The INVITEs' Request-URI numbers. */
    static List<String> calledLines(List<SippMessageLog.Message> invites) {
        return invites.stream().map(invite -> invite.requestUriNumber().orElseThrow(
                () -> new AssertionError("no number in " + invite.firstLine()))).toList();
    }

    static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    /** The times as milliseconds after {@code start}, for a failure's message. */
    static String offsets(Instant start, List<Instant> times) {
        return times.stream().map(t -> String.valueOf(Duration.between(start, t).toMillis())).toList().toString();
    }

    /** The start of SIPp's report (its screen), without the message log of thousands of calls. */
    static String head(String output) {
        return output.length() <= 6000 ? output : output.substring(0, 6000) + "\n...";
    }

    private interface Step {
        void run(int index) throws Exception;
    }

    private static void inParallel(int count, Step step) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(clients.submit(() -> {
                    step.run(index);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(clients.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
    }
}
