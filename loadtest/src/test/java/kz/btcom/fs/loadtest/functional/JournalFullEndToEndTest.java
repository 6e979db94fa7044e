package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, §4, from the outside: the billing journal's disk fills. The packaged server runs with its data directory
 * on a disk of its own ({@link ServerProcess#startOnSmallDisk}: a 160 MB tmpfs) and a journal reserve of 32 MB; the
 * test fills the disk with a file as a runaway log would. A call that cannot be billed is not connected: new calls
 * get 503 and /health says so, the call in progress goes on and ends billed, and once the file is gone the server
 * takes calls again by itself.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JournalFullEndToEndTest {

    private static final int DISK_MEGABYTES = 160;
    private static final int RESERVE_MEGABYTES = 32;
    private static final long MB = 1024 * 1024;
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String CALLER = "77272777801";
    private static final String CALLEE = "77272777802";

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static AdminClient operator;
    private static ServerMetrics metrics;
    private static Path filler;

    @BeforeAll
    static void start() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        Path config = Files.writeString(workDir.resolve("journal-reserve.yaml"),
                "billing:\n  journalReserveMegabytes: " + RESERVE_MEGABYTES + "\n");
        server = ServerProcess.startOnSmallDisk(workDir, FreePorts.sip(), DISK_MEGABYTES,
                "--config", config.toString());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        metrics = new ServerMetrics(server.httpPort);
        filler = server.dataDirOnItsDisk().resolve("runaway.log");
        Profile.line().provision(operator, CALLER);
        Profile.line().provision(operator, CALLEE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFullDiskRefusesNewCallsLetsTheCallInProgressEndBilledAndRecoversWhenSpaceReturns() throws Exception {
        assertEquals(1.0, metrics.value("fs_journal_takes_new_calls"));
        assertCallConnects("before the disk fills");

        // A call in progress, held for 8 s, while the disk fills under it.
        try (Sipp.Uas core = Sipp.serve(workDir, "core-answer.xml", server.corePort, 1, Duration.ofSeconds(60),
                "callee", CALLEE)) {
            CompletableFuture<Sipp.Result> held = CompletableFuture.supplyAsync(() -> caller("uac.xml", "-d", "8000"));
            metrics.await("fs_calls_in_progress", v -> v == 1, AWAIT, "the held call in progress");

            fillTheDiskLeaving(RESERVE_MEGABYTES / 2);
            metrics.await("fs_journal_takes_new_calls", v -> v == 0, AWAIT, "new calls stopped");
            assertEquals(503, health().statusCode());
            assertEquals("{\"status\":\"journal full\"}", health().body());

            Sipp.Result refused = caller("uac-unavailable.xml");
            assertTrue(refused.passed(), "a new call gets 503 at once:\n" + refused.output() + server.logTail());

            Sipp.Result heldResult = held.get(30, TimeUnit.SECONDS);
            assertTrue(heldResult.passed(), "the held call went on to its end:\n" + heldResult.output());
            assertTrue(core.await(Duration.ofSeconds(20)).passed());
        }
        metrics.await("fs_calls_in_progress", v -> v == 0, AWAIT, "every call over");
        assertEquals(0.0, metrics.value("fs_journal_waiting_entries"), "everything written, in the reserve");
        JsonNode records = operator.get("/api/v1/calls?number=%2B" + CALLER).body();
        assertEquals(2, answered(records, 0), "both answered calls billed: " + records);
        assertEquals(1, answered(records, 7), "the one that ended on the full disk, with its 8 s: " + records);

        Files.delete(filler);
        metrics.await("fs_journal_takes_new_calls", v -> v == 1, AWAIT, "new calls taken again");
        assertEquals(200, health().statusCode());
        assertCallConnects("after the space returned");
    }

    /** The records of answered calls to the callee that lasted {@code atLeastSeconds} or more from the answer. */
    private static int answered(JsonNode records, int atLeastSeconds) {
        int count = 0;
        for (JsonNode record : records) {
            if (record.path("answer").isTextual() && record.path("called").asText().equals("+" + CALLEE)
                    && Duration.between(Instant.parse(record.path("answer").asText()),
                    Instant.parse(record.path("end").asText())).toSeconds() >= atLeastSeconds) {
                count++;
            }
        }
        return count;
    }

    private static void assertCallConnects(String when) throws Exception {
        try (Sipp.Uas core = Sipp.serve(workDir, "core-answer.xml", server.corePort, 1, Duration.ofSeconds(60),
                "callee", CALLEE)) {
            Sipp.Result result = caller("uac.xml", "-d", "200");
            assertTrue(result.passed(), when + ":\n" + result.output() + "\n" + server.logTail());
            assertTrue(core.await(Duration.ofSeconds(20)).passed(), when);
        }
        metrics.await("fs_calls_in_progress", v -> v == 0, AWAIT, "the call over " + when);
    }

    private static Sipp.Result caller(String scenario, String... options) {
        try {
            return Sipp.call(workDir, scenario, server.sipPort, "+" + CALLEE, List.of(options), "caller", CALLER);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes real bytes (a tmpfs keeps no sparse hole) until {@code leaveMegabytes} are left. */
    private static void fillTheDiskLeaving(int leaveMegabytes) throws IOException {
        long free = Files.getFileStore(server.dataDirOnItsDisk()).getUsableSpace();
        long toWrite = free - leaveMegabytes * MB;
        assertTrue(toWrite > 0, free + " bytes free on a " + DISK_MEGABYTES + " MB disk");
        byte[] block = new byte[(int) MB];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < toWrite; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, toWrite - written));
            }
        }
    }

    private static HttpResponse<String> health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
