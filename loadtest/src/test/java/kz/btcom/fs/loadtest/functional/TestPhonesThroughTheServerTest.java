package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test telephones through the packaged server behind {@link TwoPassCore}, as the three-way calling tests use
 * them: A calls B by number, the INVITE passes the server twice and reaches B's line at the core's callee port; the
 * later requests of both dialogs follow their route sets; each hears the other; hold and resume work end to end;
 * a hang-up ends both sides.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TestPhonesThroughTheServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static TwoPassCore core;
    private static TestPhones phones;

    @BeforeAll
    static void start() throws Exception {
        Repository.requireBuiltJar();
        int corePort = FreePorts.sip();
        phones = new TestPhones(FreePorts.sip());
        server = ServerProcess.start(workDir, corePort);
        core = new TwoPassCore(corePort, server.sipPort, phones.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (phones != null) {
            phones.close();
        }
        if (core != null) {
            core.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallThroughTheServerCarriesBothTonesAndHoldsAndEnds() throws Exception {
        String a = "77272777961";
        String b = "77272777962";
        AdminClient operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        Profile.line().provision(operator, a);
        Profile.line().provision(operator, b);
        TestPhone phoneA = phones.phone(a, Codec.PCMA, 400);
        TestPhone phoneB = phones.phone(b, Codec.PCMA, 700);

        Call ofA = phoneA.call(b, core.address());
        Call ofB = phoneB.nextIncomingCall(WAIT);
        assertNotNull(ofB, "B's line got the call:\n" + phones.trace() + "\n" + core);
        awaitHeard(phoneB, 400);
        awaitHeard(phoneA, 700);

        ofA.hold();
        assertTrue(phoneB.awaitQuiet(WAIT), "B stops hearing A on hold");
        assertTrue(phoneA.awaitQuiet(WAIT), "and A B: B answered the hold recvonly");
        ofA.resume();
        awaitHeard(phoneB, 400);
        awaitHeard(phoneA, 700);

        assertEquals(200, ofA.hangUp());
        assertTrue(ofB.awaitEnded(WAIT), "B's call ended by the server's BYE");
        assertEquals(List.of(), core.problems(), "the core routed everything");
        assertEquals(List.of(), phones.problems());
    }

    private static void awaitHeard(TestPhone phone, double hz) throws InterruptedException {
        assertTrue(phone.awaitHears(hz, WAIT), phone + " hears " + hz + " Hz: " + phone.hears(hz) + " dB");
    }
}
