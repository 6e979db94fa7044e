package kz.btcom.fs.sip;

import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * Routes JAIN-SIP's own logging to SLF4J. The stack's default logger needs log4j 1.x at run time; this one
 * needs nothing, and asks SLF4J whether a level is on so the stack skips building messages nobody reads.
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

    public Slf4jStackLogger() {
    }

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { LOG.warn("SIP stack exception", ex); }
    @Override public void logDebug(String message) { LOG.debug(message); }
    @Override public void logDebug(String message, Exception ex) { LOG.debug(message, ex); }
    @Override public void logTrace(String message) { LOG.trace(message); }
    @Override public void logFatalError(String message) { LOG.error(message); }
    @Override
    public void logError(String message) {
        // A refused malformed request over TCP comes back as a placeholder whose body the stack reads and drops,
        // saying so at error level (StreamRefusal): already answered with 400, and bad input is no server error.
        if (message != null && (message.startsWith("bad message ") || message.startsWith(">>> Dropped Bad Msg"))) {
            LOG.debug(message);
        } else {
            LOG.error(message);
        }
    }
    @Override public void logError(String message, Exception ex) { LOG.error(message, ex); }
    @Override
    public void logWarning(String message) {
        // At every start the stack warns that TLS is not configured; the server runs no TLS listener.
        if (message != null && (message.contains("TLS") || message.contains("tls security policy")
                || message.contains("keystore type") || message.contains("truststore type"))) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }
    @Override public void logInfo(String message) { LOG.info(message); }
    @Override public boolean isLoggingEnabled() { return LOG.isWarnEnabled(); }

    /**
     * The stack asks before each message whether to hand it to its server logger ({@code TRACE_MESSAGES}, which is
     * also {@code TRACE_INFO}): yes while a signalling trace runs, or someone reads the messages or the stack's
     * INFO. That is one volatile read per question when no trace runs; the stack's DEBUG and TRACE stay as SLF4J
     * says, so a capture adds the copies it makes and a few INFO lines the stack builds, nothing more.
     */
    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel == LogLevels.TRACE_MESSAGES) {
            return MessageCapture.anyActive() || LOG.isInfoEnabled() || Slf4jServerLogger.MESSAGES.isTraceEnabled();
        }
        if (logLevel >= LogLevels.TRACE_TRACE) {
            return LOG.isTraceEnabled();
        } else if (logLevel >= LogLevels.TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        } else if (logLevel >= LogLevels.TRACE_INFO) {
            return LOG.isInfoEnabled();
        } else if (logLevel >= LogLevels.TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return LOG.isErrorEnabled();
    }

    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return LOG.getName(); }
}
