package kz.btcom.fs.media;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP body (RFC 4566): the session-level lines the offer/answer exchange needs, and the media sections in
 * order.
 *
 * @param connection the session-level {@code c=} address, the default for every media section
 * @param direction  the session-level direction attribute, the default for every media section
 * @param timing     the {@code t=} line's value: an answer repeats the offer's (RFC 3264 6)
 */
record SessionDescription(Optional<InetAddress> connection, Optional<MediaDirection> direction, String timing,
                          List<MediaDescription> media) {

    SessionDescription {
        media = List.copyOf(media);
    }

    /** Where a media section's RTP goes: its own {@code c=}, else the session's. */
    Optional<InetAddress> connectionOf(MediaDescription section) {
        return section.connection().or(this::connection);
    }

    /** A media section's direction: its own attribute, else the session's, else sendrecv (RFC 4566 6). */
    MediaDirection directionOf(MediaDescription section) {
        return section.direction().or(this::direction).orElse(MediaDirection.SEND_RECV);
    }
}
