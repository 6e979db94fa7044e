package kz.btcom.fs.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns Netty's aggregated requests into {@link AdminRequest}s and the answers back into responses. Nothing a
 * client sends can get past here as an exception: bad input gets a 400, a failing endpoint a 500.
 *
 * <p>Handlers that may block (the database behind /api/v1) run on a small bounded pool, the rest on the event
 * loop. A connection has one request in flight at a time, so answers on a keep-alive connection go out in the
 * order the requests came in (HTTP/1.1 pipelining): the channel reads nothing (auto-read is off) until the last
 * answer has been written, and requests that came in the same read wait here for their turn. One instance per
 * connection; its state is touched on the connection's event loop only.
 */
final class AdminChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminChannelHandler.class);

    private final RequestHandler handler;
    private final Executor blockingWork;
    private final Queue<Exchange> waiting = new ArrayDeque<>();
    private boolean answering;

    AdminChannelHandler(RequestHandler handler, Executor blockingWork) {
        this.handler = handler;
        this.blockingWork = blockingWork;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Exchange exchange = exchange(ctx, request);
        if (answering) {
            waiting.add(exchange);
        } else {
            answer(ctx, exchange);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** A request as it came, or the answer it gets without reaching a handler. */
    private record Exchange(AdminRequest request, AdminResponse refusal, boolean keepAlive) {
    }

    private static Exchange exchange(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            log.debug("bad HTTP request from {}: {}", ctx.channel().remoteAddress(), request.decoderResult().cause());
            return new Exchange(null, AdminResponse.error(400, "malformed HTTP request"), false);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        try {
            return new Exchange(toAdminRequest(request).withSource(source(ctx)), null, keepAlive);
        } catch (IllegalArgumentException e) {
            // QueryStringDecoder's answer to a bad %-escape, for one.
            return new Exchange(null, AdminResponse.error(400, "malformed request: " + e.getMessage()), keepAlive);
        }
    }

    private void answer(ChannelHandlerContext ctx, Exchange exchange) {
        answering = true;
        if (exchange.refusal() != null) {
            send(ctx, exchange.refusal(), exchange.keepAlive());
        } else if (!mayBlock(exchange.request())) {
            send(ctx, handle(exchange.request()), exchange.keepAlive());
        } else {
            try {
                blockingWork.execute(() -> send(ctx, handle(exchange.request()), exchange.keepAlive()));
            } catch (RejectedExecutionException e) {
                log.debug("HTTP {} {} refused: the API workers are busy", exchange.request().method(),
                        exchange.request().path());
                send(ctx, AdminResponse.error(503, "the server is busy with other API requests; try again shortly")
                        .withHeader("Retry-After", "1"), exchange.keepAlive());
            }
        }
    }

    private boolean mayBlock(AdminRequest request) {
        try {
            return handler.mayBlock(request);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private AdminResponse handle(AdminRequest request) {
        try {
            return handler.handle(request);
        } catch (RequestRejected e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            log.error("HTTP {} {} failed", request.method(), request.path(), e);
            return AdminResponse.error(500, "internal error");
        }
    }

    /** Writes the answer, then takes the connection's next request (or closes it). Any thread may call this. */
    private void send(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive) {
        FullHttpResponse http = HttpResponses.toNetty(response);
        if (!keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(http).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                ctx.close();
                return;
            }
            // Later, not from inside this listener: an answer made on the event loop is written at once, so this
            // runs within the read that brought the request, and the requests waiting behind it would nest.
            ctx.executor().execute(() -> next(ctx));
        });
    }

    private void next(ChannelHandlerContext ctx) {
        answering = false;
        Exchange next = waiting.poll();
        if (next != null) {
            answer(ctx, next);
        } else {
            ctx.read();
        }
    }

    private static String source(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress client && client.getAddress() != null
                ? client.getAddress().getHostAddress() : "";
    }

    private static AdminRequest toAdminRequest(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h ->
                headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
        return new AdminRequest(request.method().name(), uri.path(), uri.parameters(), headers,
                ByteBufUtil.getBytes(request.content()));
    }
}
