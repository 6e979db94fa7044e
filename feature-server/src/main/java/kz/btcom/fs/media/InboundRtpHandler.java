package kz.btcom.fs.media;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the RTP a leg's socket receives to the leg; anything that is not RTP is dropped. */
final class InboundRtpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(InboundRtpHandler.class);

    private final MediaLeg leg;

    InboundRtpHandler(MediaLeg leg) {
        this.leg = leg;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        RtpPacket.parse(datagram.sender(), datagram.content()).ifPresent(leg::received);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A send to a vanished address and the like: the call's signalling will end it, nothing to do here.
        LOG.debug("call {}: media socket {}: {}", leg.callId(), leg.localAddress(), cause.toString());
    }
}
