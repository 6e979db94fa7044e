package kz.btcom.fs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's default handler for an exception nothing caught: the thread that dies (a stack thread, a timer,
 * an executor's worker) is logged with its name and the stack trace, at ERROR. Without it the JVM printed to
 * stderr, which the service's log does not hold, so a thread could die unseen (issue 13, fuzzing: exceptions
 * killed TCP reader threads). It never stops the process: the server's own threads keep serving.
 */
final class UncaughtExceptions implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtExceptions.class);

    static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtExceptions());
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        try {
            LOG.error("thread {} died of an uncaught exception", thread.getName(), e);
        } catch (Throwable logging) {
            // Out of memory, or logging itself broken: stderr is what is left.
            System.err.println("thread " + thread.getName() + " died of " + e);
        }
    }
}
