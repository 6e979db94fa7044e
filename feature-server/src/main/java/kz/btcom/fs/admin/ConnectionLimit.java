package kz.btcom.fs.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.ReferenceCountUtil;
import kz.btcom.fs.config.HttpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@link HttpLimits#maxConnections()} connections at once. One more is told 503 at once, with a JSON error
 * and Retry-After, and closed: it never gets the API's pipeline, so it costs a socket for a moment and nothing
 * of what a request costs. Every connection counted is uncounted when it closes, however it closes.
 */
final class ConnectionLimit {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);
    /** How long a refused connection is read from, and thrown away, before it is closed (see {@link Refusal}). */
    private static final long LINGER_MILLIS = 1000;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts the connection in and returns true; or, when as many are open as may be, refuses it. */
    boolean admit(Channel channel) {
        int now;
        do {
            now = open.get();
            if (now >= max) {
                log.debug("HTTP connection from {} refused: {} are open", channel.remoteAddress(), now);
                channel.pipeline().addLast(new HttpResponseEncoder(), new Refusal(max));
                return false;
            }
        } while (!open.compareAndSet(now, now + 1));
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        return true;
    }

    /**
     * The 503, then a lingering close. Closed at once, with the client's request unread, the socket would be
     * reset, and a reset can make the client's system drop the 503 before the client reads it. So the server says
     * no more (half-close), reads what comes and drops it, and closes when the client does or after a moment.
     */
    private static final class Refusal extends ChannelInboundHandlerAdapter {

        private final int max;

        Refusal(int max) {
            this.max = max;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            FullHttpResponse busy = HttpResponses.toNetty(AdminResponse.error(503, "the server has " + max
                    + " HTTP connections open, as many as it takes; try again shortly")
                    .withHeader("Retry-After", "1"));
            busy.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(busy).addListener((ChannelFutureListener) written -> {
                if (!written.isSuccess()) {
                    ctx.close();
                    return;
                }
                if (ctx.channel() instanceof SocketChannel socket) {
                    socket.shutdownOutput();
                }
                ctx.channel().config().setAutoRead(true);
                ctx.executor().schedule((Runnable) ctx::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
