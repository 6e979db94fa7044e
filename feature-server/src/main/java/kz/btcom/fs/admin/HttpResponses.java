package kz.btcom.fs.admin;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** An {@link AdminResponse} as Netty writes it; the connection header is the caller's business. */
final class HttpResponses {

    private HttpResponses() {
    }

    static FullHttpResponse toNetty(AdminResponse response) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        if (response.hasBody()) {
            http.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        }
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        response.headers().forEach(http.headers()::set);
        return http;
    }
}
