package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RawSip;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIP over TCP against what anyone who reaches the port can send (issue 13, abuse limits): each limit closes the
 * connection that breaks it, and the core's calls go on. A malformed request gets 400 as over UDP, on a connection
 * that stays open.
 */
class TcpLimitsTest {

    private static final String CORE = SipPeer.HOST;
    private static final String STRANGER = "127.0.0.2";
    private static final Duration CLOSES_WITHIN = Duration.ofSeconds(8);

    private RunningB2bua b2bua;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (b2bua != null) {
            b2bua.close();
        }
    }

    private void start(TcpLimits limits) {
        b2bua = RunningB2bua.with("tcp", settings -> settings.withBoundary(new SipBoundary(
                TrustedPeers.parse(List.of("127.0.0.1")), UntrustedPolicy.REJECT, limits)));
    }

    private Socket connect() throws IOException {
        return connect(CORE);
    }

    private Socket connect(String from) throws IOException {
        Socket socket = RawSip.tcp(from, b2bua.port);
        sockets.add(socket);
        return socket;
    }

    private static String options(Socket socket) {
        return RawSip.request("OPTIONS", "sip:fs@127.0.0.1", socket.getLocalAddress().getHostAddress(),
                socket.getLocalPort(), "TCP");
    }

    /** Sends OPTIONS and reads the answer's status. */
    private static int ping(Socket socket) throws IOException {
        RawSip.write(socket, options(socket));
        return RawSip.status(RawSip.read(socket));
    }

    @Test
    void oneConnectionMoreThanMaxConnectionsIsClosedAndAFreedPlaceIsTakenAgain() throws IOException {
        start(new TcpLimits(2, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        Socket first = connect(STRANGER);
        Socket second = connect(STRANGER);
        assertEquals(403, ping(first), "a stranger's connection is kept under reject, to be answered 403");
        assertEquals(403, ping(second));

        Socket third = connect(STRANGER);
        assertEquals(Optional.empty(), RawSip.awaitClosed(third, CLOSES_WITHIN), "the third connection");

        first.close();
        // The server sees the close when its reader does: until then a new connection may still be refused.
        long deadline = System.nanoTime() + CLOSES_WITHIN.toNanos();
        int status = 0;
        while (status != 403 && System.nanoTime() < deadline) {
            try (Socket again = RawSip.tcp(STRANGER, b2bua.port)) {
                status = ping(again);
            } catch (IOException refused) {
                status = 0;
            }
        }
        assertEquals(403, status, "a connection in the place the first one left");
        assertEquals(403, ping(second), "the others were never disturbed");
    }

    @Test
    void strangersFillingEveryPlaceDoNotLockTheCoreOut() throws IOException {
        start(new TcpLimits(2, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        assertEquals(403, ping(connect(STRANGER)));
        assertEquals(403, ping(connect(STRANGER)));
        assertEquals(Optional.empty(), RawSip.awaitClosed(connect(STRANGER), CLOSES_WITHIN), "full for strangers");

        assertEquals(200, ping(connect()), "the core's connection, over the limit");
        b2bua.completeCall(b2bua.caller);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        start(new TcpLimits(16, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        Socket idle = connect();
        assertEquals(200, ping(idle));

        assertEquals(Optional.empty(), RawSip.awaitClosed(idle, CLOSES_WITHIN));
    }

    @Test
    void aMessageThatTricklesInForeverIsClosedAfterTheMessageTimeout() throws Exception {
        // The idle timeout is far away: a byte every 200 ms keeps the connection from ever being idle.
        start(new TcpLimits(16, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        Socket slowloris = connect();
        Thread trickle = new Thread(() -> {
            try {
                RawSip.write(slowloris, "INVITE sip:+77272777888@127.0.0.1 SIP/2.0\r\n");
                for (int i = 0; i < 100; i++) {
                    RawSip.write(slowloris, "X-Padding-" + i + ": slow\r\n");
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or the test is over
            }
        }, "slowloris");
        trickle.setDaemon(true);
        trickle.start();

        assertEquals(Optional.empty(), RawSip.awaitClosed(slowloris, CLOSES_WITHIN));
        trickle.interrupt();
        assertEquals(0, b2bua.handler.callsSeen());
        b2bua.completeCall(b2bua.caller);
    }

    @Test
    void aContentLengthBeyondWhatFollowsClosesTheConnectionAfterTheMessageTimeoutAndReachesNoService()
            throws IOException {
        start(new TcpLimits(16, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        Socket liar = connect();
        // Its Via names a port that takes connections, so that an answer to the cut-short INVITE could be sent
        // (the stack answered it there, and the services saw a call with a body of zeros).
        try (java.net.ServerSocket answers = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName(CORE))) {
            String invite = RawSip.request("INVITE", "sip:+77272777888@127.0.0.1;user=phone", CORE,
                    answers.getLocalPort(), "TCP", "Content-Type: application/sdp")
                    .replace("Content-Length: 0\r\n\r\n", "Content-Length: 4000\r\n\r\n") + Sdp.OFFER;
            RawSip.write(liar, invite);

            assertEquals(Optional.empty(), RawSip.awaitClosed(liar, CLOSES_WITHIN));
            b2bua.completeCall(b2bua.caller);
            assertEquals(1, b2bua.handler.callsSeen(), "the services saw the core's call only");
        }
    }

    @Test
    void aMessageLargerThanMaxMessageSizeClosesTheConnection() throws IOException {
        start(TcpLimits.defaults());
        Socket large = connect();
        String huge = options(large).replace("Max-Forwards: 70\r\n",
                "Max-Forwards: 70\r\nX-Padding: " + "x".repeat(9000) + "\r\n");
        RawSip.write(large, huge);

        assertEquals(Optional.empty(), RawSip.awaitClosed(large, CLOSES_WITHIN));
        b2bua.completeCall(b2bua.caller);
    }

    @Test
    void aContentLengthLargerThanMaxMessageSizeClosesTheConnectionBeforeTheBodyIsRead() throws IOException {
        start(TcpLimits.defaults());
        Socket large = connect();
        RawSip.write(large, options(large).replace("Content-Length: 0", "Content-Length: 100000"));

        assertEquals(Optional.empty(), RawSip.awaitClosed(large, CLOSES_WITHIN));
        b2bua.completeCall(b2bua.caller);
        assertEquals(1, b2bua.handler.callsSeen());
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCarriesTheNextRequest() throws IOException {
        start(TcpLimits.defaults());
        Socket core = connect();
        RawSip.write(core, options(core).replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS"));
        String bad = RawSip.read(core);
        assertEquals(400, RawSip.status(bad), bad);

        assertEquals(200, ping(core), "the same connection, still open");
    }

    @Test
    void aMalformedRequestWithABodyGets400AndItsBodyIsNotReadAsTheNextRequest() throws IOException {
        start(TcpLimits.defaults());
        Socket core = connect();
        String badInvite = RawSip.request("INVITE", "sip:+77272777888@127.0.0.1;user=phone", CORE,
                core.getLocalPort(), "TCP", "Content-Type: application/sdp")
                .replace("From: <", "From: <<<")
                .replace("Content-Length: 0\r\n", "Content-Length: " + Sdp.OFFER.length() + "\r\n") + Sdp.OFFER;
        // The next request in the same write, right behind the body, as a core's queued requests come.
        RawSip.write(core, badInvite + options(core));

        String bad = RawSip.read(core);
        assertEquals(400, RawSip.status(bad), bad);
        assertEquals(200, RawSip.status(RawSip.read(core)), "the OPTIONS behind the bad request's body");
        assertEquals(200, ping(core));
        assertEquals(0, b2bua.handler.callsSeen());
    }

    @Test
    void aRequestMissingACallIdGets400OverTcpToo() throws IOException {
        start(TcpLimits.defaults());
        Socket core = connect();
        String noCallId = options(core).replaceAll("Call-ID: [^\r]*\r\n", "");
        RawSip.write(core, noCallId);
        String bad = RawSip.read(core);

        assertEquals(400, RawSip.status(bad), bad);
        assertEquals(200, ping(core));
    }

    @Test
    void aRequestWhoseLengthCannotBeToldGets400AndItsConnectionIsClosed() throws IOException {
        start(TcpLimits.defaults());
        Socket core = connect();
        RawSip.write(core, options(core).replace("Content-Length: 0", "Content-Length: five"));

        String bad = RawSip.read(core);
        assertTrue(bad.startsWith("SIP/2.0 400"), bad);
        assertEquals(Optional.empty(), RawSip.awaitClosed(core, CLOSES_WITHIN), "framing lost: closed");
        b2bua.completeCall(b2bua.caller);
    }
}
