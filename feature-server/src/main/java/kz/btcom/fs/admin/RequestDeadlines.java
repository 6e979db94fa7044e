package kz.btcom.fs.admin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import kz.btcom.fs.config.HttpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long one connection may keep the server waiting. Between requests, a connection that sends nothing for
 * {@link HttpLimits#idleTimeout()} is closed: there is nothing to answer. Once the first byte of a request is in,
 * the request must be in whole, headers and body, within {@link HttpLimits#requestTimeout()} of that byte, however
 * slowly the rest trickles in (slowloris), and whatever its Content-Length promised: else it gets 408 and the
 * connection is closed. While the server works on an answer neither clock runs, for a slow database is not the
 * client's fault; the worker pool's own bounds cover that.
 *
 * <p>Netty's ReadTimeoutHandler cannot tell these apart: any byte restarts it, so a client trickling a byte a
 * minute held a connection forever, and it ran on while an answer was being made. Two handlers share one
 * connection's state instead: {@link #bytes()}, ahead of the HTTP decoder, sees a request's first byte;
 * {@link #requests()}, behind the aggregator, sees the request whole and the {@code read()} with which the
 * connection's handler asks for the next one (reads the decoder asks for, for the rest of a request, never pass
 * it). Both run on the connection's event loop, and so do the timers: an EmbeddedChannel's, in tests, runs on
 * fake time.
 */
final class RequestDeadlines {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);

    private enum Turn {
        /** The server is making an answer, or has not asked for a request yet. */
        SERVER,
        /** The server asked for a request and has had no byte of it. */
        CLIENT_IDLE,
        /** Part of a request is in. */
        CLIENT_SENDING
    }

    private final HttpLimits limits;
    private Turn turn = Turn.SERVER;
    private ScheduledFuture<?> timer;
    /** Where a 408 is written from: behind the encoder, so that it goes out as HTTP. */
    private ChannelHandlerContext requests;

    RequestDeadlines(HttpLimits limits) {
        this.limits = limits;
    }

    /** Goes ahead of the HTTP decoder. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (turn == Turn.CLIENT_IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    turn = Turn.CLIENT_SENDING;
                    start(limits.requestTimeout(), RequestDeadlines.this::tooSlow);
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** Goes behind the aggregator, ahead of the handler that answers. */
    ChannelHandler requests() {
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                requests = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    turn = Turn.SERVER;
                    stop();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void read(ChannelHandlerContext ctx) {
                if (turn == Turn.SERVER) {
                    turn = Turn.CLIENT_IDLE;
                    start(limits.idleTimeout(), RequestDeadlines.this::idle);
                }
                ctx.read();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };
    }

    private void idle() {
        log.debug("HTTP connection from {}: nothing sent in {}, closed", requests.channel().remoteAddress(),
                text(limits.idleTimeout()));
        requests.close();
    }

    private void tooSlow() {
        log.debug("HTTP connection from {}: a request not in whole within {}, answered 408",
                requests.channel().remoteAddress(), text(limits.requestTimeout()));
        turn = Turn.SERVER;
        FullHttpResponse timeout = HttpResponses.toNetty(AdminResponse.error(408, "the request did not arrive whole"
                + " within " + text(limits.requestTimeout()) + " of its first byte"));
        timeout.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        requests.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
    }

    /** "10 s", or "500 ms" for what tests configure. */
    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void start(Duration after, Runnable task) {
        stop();
        timer = requests.executor().schedule(task, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
