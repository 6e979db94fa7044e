package kz.btcom.fs.media;

/**
 * Where a leg's incoming RTP goes: nowhere for an announcement, the mixer for a conference party. It runs on the
 * media thread, which paces every leg's packets: it must return quickly and never block.
 */
@FunctionalInterface
public interface RtpListener {

    RtpListener IGNORE = (leg, packet) -> { };

    void onRtp(MediaLeg leg, RtpPacket packet);
}
