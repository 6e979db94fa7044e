package kz.btcom.fs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uncaught exceptions in threads were not logged (they went to stderr, outside the service's log). */
class UncaughtExceptionsTest {

    @Test
    void aThreadThatDiesOfAnUncaughtExceptionIsLoggedWithItsNameAndTheStackTrace() throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger(UncaughtExceptions.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.ERROR); // the tests' root logger is OFF
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try {
            UncaughtExceptions.install();
            IllegalStateException death = new IllegalStateException("boom");
            Thread thread = new Thread(() -> {
                throw death;
            }, "TCPMessageChannelThread-test");
            thread.start();
            thread.join();

            assertEquals(1, logged.list.size());
            ILoggingEvent event = logged.list.get(0);
            assertEquals(Level.ERROR, event.getLevel());
            assertTrue(event.getFormattedMessage().contains("TCPMessageChannelThread-test"),
                    event.getFormattedMessage());
            assertSame(death.getClass().getName(), event.getThrowableProxy().getClassName());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
            logger.detachAppender(logged);
            logger.setLevel(null);
        }
    }
}
