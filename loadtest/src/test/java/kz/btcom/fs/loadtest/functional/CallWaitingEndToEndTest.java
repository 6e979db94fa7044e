package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.loadtest.functional.SippExchange.caller;
import static kz.btcom.fs.loadtest.functional.SippExchange.core;

/**
 * Issue 6 from the outside: call waiting (TS 24.615; PRODUCT.md "Call waiting"). The packaged server runs the
 * README's way; an operator provisions the lines over HTTP; SIPp plays the callers (to the server's SIP port) and
 * subscriber B's side of the core (one UAS on the server's core port, which takes all of B's calls and tells them
 * apart by the call-waiting Alert-Info). The callers run at once, each started at its moment: X's call is answered
 * and talking when Y calls, and Y's is waiting when Z calls. SIPp's exit status is the verdict of every side.
 *
 * <p>Every test has numbers of its own (Almaty, +7 727 277 74xx), so none depends on another.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallWaitingEndToEndTest {

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static AdminClient operator;
    private static SippExchange exchange;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        server = ServerProcess.start(workDir, FreePorts.sip());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        exchange = new SippExchange(workDir, server);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSecondCallWaitsWithTheCallWaitingAlertAndAThirdGetsBusy() throws Exception {
        String b = "77272777401";
        String x = "77272777402";
        String y = "77272777403";
        String z = "77272777404";
        String w = "77272777405";
        Profile.line().callWaiting(true).provision(operator, b);

        // 0 s X calls B, answered, talks 6 s; 1.5 s Y calls: the core gets it with the alert, Y hears ringing
        // (180) for 3 s and gives up; 3 s Z calls and gets 486 from the server (the core sees no third INVITE).
        exchange.run(core("core-call-waiting.xml", "callee", b).calls(2),
                caller("uac.xml", "+" + b, "caller", x).options("-d", "6000"),
                caller("uac-cancel.xml", "+" + b, "caller", y).options("-d", "3000").at(1500),
                caller("uac-busy.xml", "+" + b, "caller", z).at(3000));

        assertBIsFreeAgain(b, w);
    }

    @Test
    void bHoldsXAnswersTheWaitingYHangsUpOnYAndResumesX() throws Exception {
        String b = "77272777411";
        String x = "77272777412";
        String y = "77272777413";
        String w = "77272777414";
        Profile.line().callWaiting(true).provision(operator, b);

        // B's side of the core runs the story (core-call-waiting-story.xml has the timeline): X is held at 3 s,
        // Y, waiting from 1.5 s, is answered at 5 s and hung up by B at 6.5 s, X is resumed at 8 s and hangs up.
        exchange.run(core("core-call-waiting-story.xml", "callee", b).calls(2),
                caller("uac-held-and-resumed.xml", "+" + b, "caller", x),
                caller("uac-ringing-callee-hangup.xml", "+" + b, "caller", y).at(1500));

        assertBIsFreeAgain(b, w);
    }

    @Test
    void withCallWaitingOffASecondCallIsForwardedOnBusyAndNeverOfferedToB() throws Exception {
        String b = "77272777421";
        String c = "77272777422";
        String x = "77272777423";
        String y = "77272777424";
        Profile.line().callWaiting(false).forwardingOnBusy(c).provision(operator, b);
        Profile.line().provision(operator, c);

        // 0 s X calls B, answered, talks 4 s; 1.5 s Y calls B: the server knows B is busy and sends the call to C
        // (181 to Y; Diversion and History-Info with B's busy cause to the core); B's line never sees it.
        exchange.run(core("core-busy-forwarded.xml", "served", b, "target", c).calls(2),
                caller("uac.xml", "+" + b, "caller", x).options("-d", "4000"),
                caller("uac-forwarded.xml", "+" + b, "caller", y).at(1500));
    }

    @Test
    void aCallToBWhileBIsOnItsOwnCallOutWaitsToo() throws Exception {
        String b = "77272777431";
        String x = "77272777432"; // elsewhere in the network
        String y = "77272777433";
        Profile.line().callWaiting(true).provision(operator, b);

        // 0 s B calls X, answered, talks 5 s; 1.5 s Y calls B: B is talking (on its own call), so Y's call waits.
        exchange.run(core("core-call-waiting.xml", "callee", b, "first_callee", x).calls(2),
                caller("uac.xml", "+" + x, "caller", b).options("-d", "5000"),
                caller("uac-cancel.xml", "+" + b, "caller", y).options("-d", "2000").at(1500));
    }

    @Test
    void aCallToBWhileBsLineIsStillRingingIsBusy() throws Exception {
        String b = "77272777441";
        String x = "77272777442";
        String y = "77272777443";
        Profile.line().callWaiting(true).provision(operator, b);

        // 0 s X calls B, which rings and is not answered (X gives up at 3 s); 1 s Y calls B: a line that is ringing
        // is not talking, so there is nothing to wait behind: 486 from the server, and the core has X's call only.
        exchange.run(core("uas-ringing-cancel.xml").calls(1),
                caller("uac-cancel.xml", "+" + b, "caller", x).options("-d", "3000"),
                caller("uac-busy.xml", "+" + b, "caller", y).at(1000));
    }

    /**
     * Once B's calls are over, B's line is free: the next call rings as a first call, without the call-waiting alert
     * (core-call-waiting.xml's first call), and is not refused as busy.
     */
    private static void assertBIsFreeAgain(String b, String w) throws Exception {
        exchange.run(core("core-call-waiting.xml", "callee", b).calls(1),
                caller("uac-answered.xml", "+" + b, "caller", w));
    }
}
