package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.billing.JournalEvent.ConferenceEvent;
import kz.btcom.fs.billing.JournalEvent.ConferenceStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three-way calling from the outside (issue 15, TS 24.605 with RFC 4579's flows): the packaged server behind
 * {@link TwoPassCore} (each call between the lines passes the server twice, as an S-CSCF routes it), three real
 * telephones with real RTP. A calls B and holds B, calls C, calls the conference factory URI and REFERs B and C
 * in, naming each call by Replaces: the server moves B's and C's own legs onto its mixer (re-INVITE through the
 * terminating pass) and releases A's old calls. Each telephone sends a tone of its own (A 400 Hz on A-law, B 700
 * and C 1,250 Hz on mu-law) and must hear exactly the other two, never itself.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ThreeWayCallingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(8);
    private static final double A_HZ = 400;
    private static final double B_HZ = 700;
    /** Not 1,100 Hz: 400 + 700 is where G.711's companding puts a faint sum tone of A's and B's. */
    private static final double C_HZ = 1250;
    /**
     * The factory URI at the server's host, as the phones reach it through the core (the default factory URI is
     * {@code sip:conference@} the server's SIP host).
     */
    private static final String FACTORY = "sip:conference@127.0.0.1";

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static TwoPassCore core;
    private static TestPhones phones;
    private static AdminClient operator;
    private static ServerMetrics metrics;

    @BeforeAll
    static void start() throws Exception {
        Repository.requireBuiltJar();
        int corePort = FreePorts.sip();
        phones = new TestPhones(FreePorts.sip());
        server = ServerProcess.start(workDir, corePort);
        core = new TwoPassCore(corePort, server.sipPort, phones.port());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        metrics = new ServerMetrics(server.httpPort);
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
    void aControllerBringsTwoCallsTogetherAndEachPartyHearsTheOtherTwoButNeverItself() throws Exception {
        String a = "77272777971";
        String b = "77272777972";
        String c = "77272777973";
        for (String line : List.of(a, b, c)) {
            Profile.line().provision(operator, line);
        }
        TestPhone phoneA = phones.phone(a, Codec.PCMA, A_HZ);
        TestPhone phoneB = phones.phone(b, Codec.PCMU, B_HZ);
        TestPhone phoneC = phones.phone(c, Codec.PCMU, C_HZ);

        // A calls B, talks, and holds B.
        // A's calls to B and C speak their mu-law; its call to the focus its own A-law.
        Call aToB = phoneA.call(b, Codec.PCMU, core.address());
        Call ofB = phoneB.nextIncomingCall(WAIT);
        assertNotNull(ofB, "B's line got A's call:\n" + phones.trace());
        awaitHears(phoneB, A_HZ);
        aToB.hold();
        // A calls C.
        Call aToC = phoneA.call(c, Codec.PCMU, core.address());
        Call ofC = phoneC.nextIncomingCall(WAIT);
        assertNotNull(ofC, "C's line got A's call:\n" + phones.trace());
        awaitHears(phoneC, A_HZ);

        // A creates the conference: the focus answers with the conference URI as its Contact (RFC 4579 4.1).
        double conferencesBefore = metrics.value("fs_conferences_in_progress");
        Call focus = phoneA.invite(FACTORY, core.address());
        assertEquals(200, focus.status(), "the focus answers:\n" + phones.trace());
        assertTrue(focus.remoteContact().contains("isfocus"), focus.remoteContact());
        assertTrue(focus.remoteTarget().startsWith("sip:conf-"), focus.remoteTarget());
        metrics.await("fs_conferences_in_progress", v -> v == conferencesBefore + 1, WAIT, "one conference more");

        // A REFERs B and C in, each by the Replaces of its own call with them.
        refer(focus, aToB, b);
        refer(focus, aToC, c);
        assertTrue(aToB.awaitEnded(WAIT), "A's old call with B is released by the focus");
        assertTrue(aToC.awaitEnded(WAIT), "A's old call with C is released by the focus");
        assertFalse(ofB.isEnded(), "B's own call goes on, now with the mixer");
        assertFalse(ofC.isEnded(), "C's own call goes on, now with the mixer");
        // Three is the most: a fourth party is refused in the REFER's NOTIFY.
        assertEquals(202, focus.refer("<sip:+77272777974@127.0.0.1;user=phone>"));
        String full = focus.awaitNotify(body -> body.startsWith("SIP/2.0 403"), WAIT);
        assertNotNull(full, "NOTIFY 403 for a fourth party: " + focus.notifies());

        // Each hears exactly the other two.
        assertHearsExactly(phoneA, A_HZ, B_HZ, C_HZ);
        assertHearsExactly(phoneB, B_HZ, A_HZ, C_HZ);
        assertHearsExactly(phoneC, C_HZ, A_HZ, B_HZ);
        ReceivedAudio.Stream fromMixer = last(phoneB.streams());
        assertEquals(java.util.Set.of(0), fromMixer.payloadTypes(), "B hears the mixer in its own mu-law: " + fromMixer);
        assertEquals(0, fromMixer.gaps(), "one stream, its sequence unbroken: " + fromMixer);

        // B hangs up: A and C go on talking.
        assertEquals(200, ofB.hangUp());
        awaitNotHearing(phoneA, B_HZ);
        assertHearsExactly(phoneA, A_HZ, C_HZ);
        assertHearsExactly(phoneC, C_HZ, A_HZ);
        assertFalse(ofC.isEnded());

        // A hangs up: the conference ends, C is released by the focus.
        assertEquals(200, focus.hangUp());
        assertTrue(ofC.awaitEnded(WAIT), "C gets BYE when the controller leaves");
        metrics.await("fs_conferences_in_progress", v -> v == conferencesBefore, WAIT, "the conference over");
        metrics.await("fs_calls_in_progress", v -> v == 0, Duration.ofSeconds(15), "every call over");

        // The journal holds the conference; the rated records the calls, their durations and the fee.
        List<ConferenceEvent> conference = JournalEntries.await(server.dataDir, ConferenceEvent.class,
                e -> e.controller().equals("+" + a), 6, Duration.ofSeconds(10));
        assertEquals(List.of(ConferenceStep.CREATED, ConferenceStep.PARTY_JOINED, ConferenceStep.PARTY_JOINED,
                ConferenceStep.PARTY_LEFT, ConferenceStep.PARTY_LEFT, ConferenceStep.ENDED),
                conference.stream().map(ConferenceEvent::step).toList());
        assertEquals(List.of("+" + a, "+" + b, "+" + c, "+" + b, "+" + c, "+" + a),
                conference.stream().map(ConferenceEvent::party).toList());
        List<JsonNode> ofA = records(a);
        JsonNode fee = only(ofA, r -> "threeWayCall".equals(r.path("feature").asText()));
        assertEquals("+" + a, fee.path("chargedParty").asText());
        assertEquals("15.00", fee.path("cost").asText());
        JsonNode toB = only(ofA, r -> ("+" + b).equals(r.path("called").asText()));
        JsonNode toC = only(ofA, r -> ("+" + c).equals(r.path("called").asText()));
        assertEquals("+" + a, toB.path("chargedParty").asText(), "A pays for its call to B: " + toB);
        assertEquals("+" + a, toC.path("chargedParty").asText(), "A pays for its call to C: " + toC);
        assertTrue(java.time.Instant.parse(toC.path("end").asText())
                        .isAfter(java.time.Instant.parse(toB.path("end").asText())),
                "each call is charged until its party left: C stayed longer than B: " + toB + " " + toC);
        assertEquals(List.of(), core.problems(), "the core routed everything");
        assertEquals(List.of(), phones.problems());
    }

    @Test
    void aLineWithoutThreeWayCallingGets403AtTheFactoryAndItsCallsAreUntouched() throws Exception {
        String d = "77272777974";
        String e = "77272777975";
        Profile.line().withoutThreeWay().provision(operator, d);
        Profile.line().provision(operator, e);
        TestPhone phoneD = phones.phone(d, Codec.PCMA, A_HZ);
        TestPhone phoneE = phones.phone(e, Codec.PCMA, B_HZ);

        double conferencesBefore = metrics.value("fs_conferences_in_progress");
        Call refused = phoneD.dial(FACTORY, core.address());
        assertEquals(403, refused.awaitFinal(WAIT), "no conference for D:\n" + phones.trace());

        Call dToE = phoneD.call(e, core.address());
        Call ofE = phoneE.nextIncomingCall(WAIT);
        assertNotNull(ofE, "D's ordinary call still goes through");
        awaitHears(phoneE, A_HZ);
        awaitHears(phoneD, B_HZ);
        assertEquals(200, dToE.hangUp());
        assertTrue(ofE.awaitEnded(WAIT));
        assertEquals(conferencesBefore, metrics.value("fs_conferences_in_progress"), "D made no conference");
    }

    @Test
    void aPartyWhoseCallDoesNotRunHereIsCalledThroughTheCoreWithTheReplacesAndAnotherJoinsByTheConferenceUri()
            throws Exception {
        String f = "77272777976";
        String g = "77272777977";
        String h = "77272777978";
        for (String line : List.of(f, g, h)) {
            Profile.line().provision(operator, line);
        }
        TestPhone phoneF = phones.phone(f, Codec.PCMU, A_HZ);
        TestPhone phoneG = phones.phone(g, Codec.PCMU, B_HZ);
        TestPhone phoneH = phones.phone(h, Codec.PCMA, C_HZ);
        // F and G talk over a call that never passed the server (phone to phone).
        Call fToG = phoneF.call(g, phones.address());
        Call ofG = phoneG.nextIncomingCall(WAIT);
        assertNotNull(ofG);
        Call focus = phoneF.invite(FACTORY, core.address());

        refer(focus, fToG, g);

        assertTrue(ofG.awaitEnded(WAIT), "G's phone replaced its direct call by the server's INVITE with Replaces");
        assertTrue(fToG.awaitEnded(WAIT));
        Call conferenceUri = phoneH.invite(focus.remoteTarget(), core.address());
        assertHearsExactly(phoneF, A_HZ, B_HZ, C_HZ);
        assertHearsExactly(phoneG, B_HZ, A_HZ, C_HZ);
        assertHearsExactly(phoneH, C_HZ, A_HZ, B_HZ);

        assertEquals(200, focus.hangUp());
        assertTrue(conferenceUri.awaitEnded(WAIT), "H, who called in, is released with the rest");
        Call gInConference = last(phoneG.calls());
        assertTrue(gInConference.awaitEnded(WAIT), "and G");
    }

    /** REFER to the focus with the Replaces of the controller's call with the party; 202, then NOTIFY 200. */
    private static void refer(Call focus, Call withParty, String party) throws InterruptedException {
        int status = focus.refer("<sip:+" + party + "@127.0.0.1;user=phone?Replaces="
                + withParty.replacesOf().escaped() + ">");
        assertEquals(202, status, "the focus takes the REFER:\n" + phones.trace());
        String done = focus.awaitNotify(body -> body.startsWith("SIP/2.0 2") || body.matches("SIP/2.0 [3-6].*"),
                WAIT);
        assertNotNull(done, "a final NOTIFY for +" + party + ": " + focus.notifies() + "\n" + phones.trace());
        assertTrue(done.startsWith("SIP/2.0 200"), "the party is in: " + done);
    }

    /**
     * Waits (bounded) until the phone hears every other tone over the last half second and its own at least 20 dB
     * below the weakest of them (and below the hearing threshold). Measured over one and the same window, so a
     * window that still holds the silence before the conference does not make a tone look weak.
     */
    private static void assertHearsExactly(TestPhone phone, double own, double... others) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double ownLevel;
        double weakestOther;
        do {
            ownLevel = phone.hears(own, TestPhone.HEARING);
            weakestOther = Double.MAX_VALUE;
            for (double other : others) {
                weakestOther = Math.min(weakestOther, phone.hears(other, TestPhone.HEARING));
            }
            if (weakestOther >= ReceivedAudio.HEARD_DB && ownLevel < ReceivedAudio.HEARD_DB
                    && ownLevel + 20 <= weakestOther) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(phone + " hears itself at " + ownLevel + " dB, the others at " + weakestOther
                + " dB or more (wanted them at " + ReceivedAudio.HEARD_DB + " dB or more, itself 20 dB under)\n"
                + phones.trace());
    }

    private static void awaitHears(TestPhone phone, double hz) throws InterruptedException {
        assertTrue(phone.awaitHears(hz, WAIT), phone + " hears " + hz + " Hz: " + phone.hears(hz) + " dB\n"
                + phones.trace());
    }

    private static void awaitNotHearing(TestPhone phone, double hz) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (phone.hears(hz) >= ReceivedAudio.HEARD_DB && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(phone.hears(hz) < ReceivedAudio.HEARD_DB, phone + " still hears " + hz + " Hz\n"
                + phones.trace() + "\n" + server.logTail());
    }

    /** GET /calls of a number. */
    private static List<JsonNode> records(String number) throws Exception {
        AdminClient.Reply reply = operator.get("/api/v1/calls?number=%2B" + number);
        assertEquals(200, reply.status(), reply.body().toString());
        List<JsonNode> found = new ArrayList<>();
        reply.body().forEach(found::add);
        return found;
    }

    private static JsonNode only(List<JsonNode> records, java.util.function.Predicate<JsonNode> matching) {
        List<JsonNode> found = records.stream().filter(matching).toList();
        assertEquals(1, found.size(), "one such record among " + records);
        return found.get(0);
    }

    private static <T> T last(List<T> items) {
        assertFalse(items.isEmpty());
        return items.get(items.size() - 1);
    }

}
