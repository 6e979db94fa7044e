package kz.btcom.fs.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import kz.btcom.fs.config.HostPort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP interface: health, metrics and (later) the operator API. Deliberately small, one acceptor and one
 * worker thread: it serves scrapes and provisioning, never calls, and must not take CPU from them.
 */
public final class AdminHttpServer implements AutoCloseable {

    static final int MAX_CONTENT_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private AdminHttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /** Binds and serves; port 0 takes any free port ({@link #address()} says which). */
    public static AdminHttpServer start(HostPort listen, RequestHandler handler) throws IOException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("fs-http-accept"), NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("fs-http"), NioIoHandler.newFactory());
        AdminChannelHandler adminHandler = new AdminChannelHandler(handler);
        ChannelFuture bind = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_CONTENT_BYTES))
                                .addLast(adminHandler);
                    }
                })
                .bind(new InetSocketAddress(listen.host(), listen.port()))
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutDown(boss, workers);
            Throwable cause = bind.cause();
            throw new IOException("cannot listen for HTTP on " + listen + ": " + cause.getMessage(), cause);
        }
        return new AdminHttpServer(boss, workers, bind.channel());
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        shutDown(boss, workers);
    }

    private static void shutDown(EventLoopGroup boss, EventLoopGroup workers) {
        // No quiet period: by the time this runs, nobody is waiting for an answer worth keeping.
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
