package kz.btcom.fs.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import java.util.Properties;

/**
 * JAIN-SIP's message log: every message the stack sends or receives, retransmissions and stateless answers
 * included, goes to the server's {@link MessageCapture} (the signalling traces) and, on SLF4J at TRACE, to
 * {@code gov.nist.javax.sip.messages}. The stack calls it only while {@link Slf4jStackLogger} says message tracing is
 * on, which is while either of those wants the messages.
 */
public final class Slf4jServerLogger implements ServerLogger {

    static final Logger MESSAGES = LoggerFactory.getLogger("gov.nist.javax.sip.messages");

    /** Null when the server has no tap. Set once, by the stack, before it handles any message. */
    private volatile MessageCapture capture;

    public Slf4jServerLogger() {
    }

    @Override public void closeLogFile() { }

    /** Each message, once: sent ones as they leave, received ones as read, before the stack decides anything. */
    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        MessageCapture tap = capture;
        if (tap != null) {
            tap.offer(message, from, to, sender, time);
        }
        if (MESSAGES.isTraceEnabled()) {
            MESSAGES.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message);
        }
    }

    /**
     * The stack calls this for a received response a second time ("before processing", when it finds its
     * transaction), after the call above: a trace must not have it twice, so only the log line is written.
     */
    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        if (MESSAGES.isTraceEnabled()) {
            MESSAGES.trace("{} {} -> {} ({})\n{}", sender ? "sent" : "received", from, to, status, message);
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, status, sender, 0L);
    }

    @Override public void logException(Exception ex) { MESSAGES.debug("SIP stack exception", ex); }
    @Override public void setStackProperties(Properties stackProperties) { }

    @Override
    public void setSipStack(SipStack sipStack) {
        capture = MessageCapture.of(sipStack.getStackName());
    }
}
