package kz.btcom.fs.sip;

import java.util.Properties;

/**
 * JAIN-SIP's string-keyed configuration, written in one place from typed settings. Each choice is for
 * throughput on a small machine, measured with the SIPp harness in loadtest/.
 */
final class StackProperties {

    private StackProperties() {
    }

    static Properties of(SipSettings settings, String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // No javax.sip.IP_ADDRESS (optional since JAIN-SIP 1.2; the listening points carry the address): with it,
        // SipFactory hands back any earlier stack with that address, even a stopped one, so a second server in
        // the same JVM (a restart, the tests) got the first one's stack and valve, and refused every call with 503.
        // Dialogs are what make ACK, BYE, re-INVITE and PRACK on each leg come out right.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.IS_BACK_TO_BACK_USER_AGENT", "true");
        // Several threads parse and match transactions; our own per-call lanes put each call's events in order.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(settings.stackThreads()));
        // No TCP_POST_PARSING_THREAD_POOL_SIZE: that pool is a static of the stack's, shared by every stack in the
        // JVM; each new stack shuts the previous one's down and each stopped stack shuts everyone's down, and a
        // TCP message dispatched to a pool just shut down closes its connection (it lost a BYE's 200 now and then
        // in the tests, where servers come and go). Without it each TCP connection's reader thread dispatches.
        // The default 64 KB allocates that much per datagram; 8 KB cut CPU by a tenth at 1,000 calls/s.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageSize()));
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(4 * 1024 * 1024));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(4 * 1024 * 1024));
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", LeanStackTimer.class.getName());
        // A terminated transaction or dialog stays in the stack's tables this long (default 8 s) before it is let
        // go; retransmissions are the transactions' own timers' business, not this. With LeanStackTimer and the
        // BYE's shorter Timer J (SipEventRouter), 20 s into 400 calls/s: 179 MB live before, 102 MB after.
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        // Finished transactions linger for Timer J/K; let go of their messages as soon as they finish.
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.MAX_FORK_TIME_SECONDS", "0");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        // Blocking TCP (a thread per connection: the core is a handful of connections; UDP is the same either
        // way). The NIO processor loses the first request on every connection it opens: NIOHandler never sets
        // its "connected" flag, drops the new socket from its table, reconnects, and writes on a socket with no
        // channel ("Dead socketChannel"; RestComm/jain-sip#188, usnistgov/jsip#77), so no call reached a core
        // over TCP.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
                "gov.nist.javax.sip.stack.OIOMessageProcessorFactory");
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", NoDelayNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.DELIVER_TERMINATED_EVENT_FOR_NULL_DIALOG", "false");
        // Datagrams that waited this long have been retransmitted already: drop them rather than work twice.
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "2000");
        p.setProperty("gov.nist.javax.sip.REJECT_STRAY_RESPONSES", "true");
        // The trust boundary first: a stranger's INVITE is refused as such, not counted as load.
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE",
                TrustValve.class.getName() + "," + CutShortValve.class.getName() + ","
                        + AdmissionValve.class.getName());
        // SIP/TCP: from its first line a message must be in whole within this long (slowloris, a Content-Length
        // beyond what follows), else the connection is closed; the other TCP limits are LimitedServerSocket's.
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT",
                Long.toString(settings.boundary().tcp().messageTimeout().toMillis()));
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", GuardedParserFactory.class.getName());
        // Stack logging off: its own logger routes to SLF4J, where gov.nist sits at WARN.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // Expert tuning without a rebuild: -Dgov.nist.javax.sip.X=... on the command line wins.
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("gov.nist.javax.sip.")) {
                p.setProperty(name, System.getProperty(name));
            }
        }
        return p;
    }
}
