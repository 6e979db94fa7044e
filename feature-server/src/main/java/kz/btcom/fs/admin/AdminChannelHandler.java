package kz.btcom.fs.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns Netty's aggregated requests into {@link AdminRequest}s and the answers back into responses. Nothing a
 * client sends can get past here as an exception: bad input gets a 400, a failing endpoint a 500.
 */
@ChannelHandler.Sharable
final class AdminChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminChannelHandler.class);

    private final RequestHandler handler;

    AdminChannelHandler(RequestHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            log.debug("bad HTTP request from {}: {}", ctx.channel().remoteAddress(), request.decoderResult().cause());
            send(ctx, AdminResponse.error(400, "malformed HTTP request"), false);
            return;
        }
        AdminResponse response;
        try {
            response = handler.handle(toAdminRequest(request));
        } catch (IllegalArgumentException e) {
            // QueryStringDecoder's answer to a bad %-escape, for one.
            response = AdminResponse.error(400, "malformed request: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("HTTP {} {} failed", request.method(), request.uri(), e);
            response = AdminResponse.error(500, "internal error");
        }
        send(ctx, response, HttpUtil.isKeepAlive(request));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) {
            log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static AdminRequest toAdminRequest(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h ->
                headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
        return new AdminRequest(request.method().name(), uri.path(), uri.parameters(), headers,
                ByteBufUtil.getBytes(request.content()));
    }

    private static void send(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        response.headers().forEach(http.headers()::set);
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
