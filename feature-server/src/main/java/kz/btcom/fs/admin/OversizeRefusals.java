package kz.btcom.fs.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import kz.btcom.fs.config.HttpLimits;

/**
 * A request line or headers longer than the decoder takes get 414 or 431 with a JSON error, and the connection is
 * closed: the decoder has stopped reading the stream, so nothing after them can be told apart from a next
 * request. Netty's decoder reports both as a failed request, which would otherwise be answered as malformed (400),
 * and a client would not learn that a shorter request would do. Goes between the decoder and the aggregator.
 */
final class OversizeRefusals extends ChannelInboundHandlerAdapter {

    private final HttpLimits limits;

    OversizeRefusals(HttpLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            AdminResponse refusal = null;
            if (cause instanceof TooLongHttpLineException) {
                refusal = AdminResponse.error(414, "the request line (method, URI and version) is longer than the "
                        + limits.maxRequestLineBytes() + " bytes this server takes");
            } else if (cause instanceof TooLongHttpHeaderException) {
                refusal = AdminResponse.error(431, "the headers are larger than the " + limits.maxHeaderBytes()
                        + " bytes this server takes");
            }
            if (refusal != null) {
                ReferenceCountUtil.release(msg);
                FullHttpResponse http = HttpResponses.toNetty(refusal);
                http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
