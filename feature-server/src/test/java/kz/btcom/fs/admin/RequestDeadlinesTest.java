package kz.btcom.fs.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import kz.btcom.fs.config.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idle timeout and the request deadline, on the server's own pipeline in memory and on fake time: a client
 * that sends nothing is closed at the idle timeout; one that sends part of a request gets 408 at the request
 * timeout counted from its first byte, however it trickles; the server's own time on an answer counts for neither.
 */
class RequestDeadlinesTest {

    private static final HttpLimits LIMITS = HttpLimits.DEFAULTS
            .withIdleTimeout(Duration.ofSeconds(60))
            .withRequestTimeout(Duration.ofSeconds(10));

    /** Work for the database, run when the test says: an answer takes as long as the test wants. */
    private final Queue<Runnable> databaseWork = new ArrayDeque<>();
    private final Executor blockingWork = databaseWork::add;
    private final Router router = Router.builder()
            .get("/health", new HealthEndpoint(new Health()))
            .route("PUT", "/slow", request -> AdminResponse.json(200, "\"done\""))
            .build();
    private final EmbeddedChannel channel = connection();

    private EmbeddedChannel connection() {
        EmbeddedChannel connection = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>() {
            @Override
            protected void initChannel(EmbeddedChannel ch) {
                // As the server's sockets are: the connection's handler asks for each request itself.
                ch.config().setAutoRead(false);
                AdminHttpServer.pipeline(ch.pipeline(), LIMITS, router, blockingWork);
            }
        });
        connection.freezeTime();
        return connection;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
    }

    private void advance(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** Everything the server wrote so far, as text. */
    private String answered() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            text.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return text.toString();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheIdleTimeout() {
        advance(Duration.ofSeconds(60).minusMillis(1));
        assertTrue(channel.isOpen());

        advance(Duration.ofMillis(1));

        assertFalse(channel.isOpen());
        assertEquals("", answered(), "nothing was asked, so nothing is answered");
    }

    @Test
    void afterAnAnswerTheIdleTimeoutStartsAgain() {
        advance(Duration.ofSeconds(50));
        send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(answered().startsWith("HTTP/1.1 200 "));

        advance(Duration.ofSeconds(59));
        assertTrue(channel.isOpen());
        advance(Duration.ofSeconds(1));

        assertFalse(channel.isOpen());
    }

    @Test
    void headersTricklingInAreAnswered408AtTheRequestTimeoutFromTheirFirstByte() {
        advance(Duration.ofSeconds(30));
        send("GET /health HTTP/1.1\r\n");
        for (int i = 0; i < 9; i++) {
            advance(Duration.ofSeconds(1));
            send("X-Slow-" + i + ": a\r\n");
        }
        advance(Duration.ofSeconds(1).minusMillis(1));
        assertTrue(channel.isOpen(), "each byte does not buy more time, but the deadline is not up yet");
        assertEquals("", answered());

        advance(Duration.ofMillis(1));

        String answer = answered();
        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        assertTrue(answer.contains("connection: close"), answer);
        assertTrue(answer.endsWith("{\"error\":\"the request did not arrive whole within 10 s of its first byte\"}"),
                answer);
        assertFalse(channel.isOpen());
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnswered408AtTheRequestTimeout() {
        send("PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":");

        advance(Duration.ofSeconds(10));

        assertTrue(answered().startsWith("HTTP/1.1 408 "));
        assertFalse(channel.isOpen());
        assertTrue(databaseWork.isEmpty(), "a request never whole never reaches a worker");
    }

    @Test
    void theServersOwnTimeOnAnAnswerCountsForNeitherTimeout() {
        send("PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        assertEquals(1, databaseWork.size());

        advance(Duration.ofMinutes(5));
        assertTrue(channel.isOpen());
        databaseWork.poll().run();
        channel.runPendingTasks();

        String answer = answered();
        assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("\"done\""), answer);
        advance(Duration.ofSeconds(59));
        assertTrue(channel.isOpen(), "the idle timeout counts from the answer");
    }

    @Test
    void requestsPipelinedInOneReadAreAllAnsweredBeforeTheIdleTimeoutStarts() {
        send("PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        advance(Duration.ofMinutes(2));
        databaseWork.poll().run();
        channel.runPendingTasks();

        String answers = answered();

        assertTrue(answers.startsWith("HTTP/1.1 200 ") && answers.endsWith("{\"status\":\"up\"}"), answers);
        assertTrue(channel.isOpen());
    }
}
