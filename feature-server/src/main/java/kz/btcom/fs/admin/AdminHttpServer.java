package kz.btcom.fs.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpLimits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP interface: health, metrics and the operator API. Deliberately small, one acceptor, one event loop and
 * two workers for handlers that wait on the database: it serves scrapes and provisioning, never calls, and must
 * not take CPU from them.
 */
public final class AdminHttpServer implements AutoCloseable {

    /** The default {@link HttpLimits#maxBodyBytes()}. */
    static final int MAX_CONTENT_BYTES = HttpLimits.DEFAULTS.maxBodyBytes();
    static final int BLOCKING_THREADS = 2;
    /** Enough for a provisioning script's burst; beyond it clients get 503 rather than an ever longer wait. */
    static final int BLOCKING_QUEUE = 64;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor blockingWork;
    private final Channel channel;

    private AdminHttpServer(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor blockingWork,
                           Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.blockingWork = blockingWork;
        this.channel = channel;
    }

    /** Binds and serves with the default limits; port 0 takes any free port ({@link #address()} says which). */
    public static AdminHttpServer start(HostPort listen, RequestHandler handler) throws IOException {
        return start(listen, HttpLimits.DEFAULTS, handler);
    }

    public static AdminHttpServer start(HostPort listen, HttpLimits limits, RequestHandler handler)
            throws IOException {
        return start(listen, limits, handler, BLOCKING_THREADS, BLOCKING_QUEUE);
    }

    static AdminHttpServer start(HostPort listen, RequestHandler handler, int blockingThreads, int blockingQueue)
            throws IOException {
        return start(listen, HttpLimits.DEFAULTS, handler, blockingThreads, blockingQueue);
    }

    static AdminHttpServer start(HostPort listen, HttpLimits limits, RequestHandler handler, int blockingThreads,
                                 int blockingQueue) throws IOException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("fs-http-accept"), NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("fs-http"), NioIoHandler.newFactory());
        ThreadPoolExecutor blockingWork = new ThreadPoolExecutor(blockingThreads, blockingThreads,
                0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(blockingQueue),
                new DefaultThreadFactory("fs-http-api", true));
        ConnectionLimit connections = new ConnectionLimit(limits.maxConnections());
        ChannelFuture bind = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                // One request at a time per connection: AdminChannelHandler asks for the next one.
                // (Netty's FlowControlHandler would do it, but in 4.2 it stalls a request whose body comes in a
                // read of its own.)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.admit(ch)) {
                            pipeline(ch.pipeline(), limits, handler, blockingWork);
                        }
                    }
                })
                .bind(new InetSocketAddress(listen.host(), listen.port()))
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutDown(boss, workers, blockingWork);
            Throwable cause = bind.cause();
            throw new IOException("cannot listen for HTTP on " + listen + ": " + cause.getMessage(), cause);
        }
        return new AdminHttpServer(boss, workers, blockingWork, bind.channel());
    }

    /** One connection's handlers, in order: what a socket gets, and what the in-memory tests run. */
    static void pipeline(ChannelPipeline pipeline, HttpLimits limits, RequestHandler handler, Executor blockingWork) {
        RequestDeadlines deadlines = new RequestDeadlines(limits);
        pipeline.addLast(deadlines.bytes())
                .addLast(new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(limits.maxRequestLineBytes())
                        .setMaxHeaderSize(limits.maxHeaderBytes())))
                .addLast(new OversizeRefusals(limits))
                .addLast(new JsonErrorAggregator(limits.maxBodyBytes()))
                .addLast(deadlines.requests())
                .addLast(new AdminChannelHandler(handler, blockingWork));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        shutDown(boss, workers, blockingWork);
    }

    private static void shutDown(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor blockingWork) {
        // No quiet period: by the time this runs, nobody is waiting for an answer worth keeping.
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        blockingWork.shutdown();
        try {
            if (!blockingWork.awaitTermination(2, TimeUnit.SECONDS)) {
                blockingWork.shutdownNow();
            }
        } catch (InterruptedException e) {
            blockingWork.shutdownNow();
            Thread.currentThread().interrupt();
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
