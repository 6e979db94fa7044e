package kz.btcom.fs.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Netty's aggregator, whose own refusals (413 for a body over the limit, 417 for an expectation it cannot meet)
 * carry the {@code {"error": ...}} body every other answer of this interface has. After such a refusal the
 * connection is closed: the rest of the body may still be on its way, and closing is the one sure way to stay in
 * step with the client.
 */
final class JsonErrorAggregator extends HttpObjectAggregator {

    private final int maxContentBytes;

    JsonErrorAggregator(int maxContentBytes) {
        super(maxContentBytes, true);
        this.maxContentBytes = maxContentBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        ctx.writeAndFlush(closing(tooLarge())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse refusal
                && refusal.status().codeClass() == HttpStatusClass.CLIENT_ERROR) {
            int status = refusal.status().code();
            refusal.release();
            return closing(status == 413 ? tooLarge()
                    : AdminResponse.error(status, "the Expect header asks for something this server does not do"));
        }
        return response;
    }

    private AdminResponse tooLarge() {
        return AdminResponse.error(413, "the body is larger than the " + maxContentBytes + " bytes this server takes");
    }

    private static FullHttpResponse closing(AdminResponse response) {
        FullHttpResponse http = HttpResponses.toNetty(response);
        http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return http;
    }
}
