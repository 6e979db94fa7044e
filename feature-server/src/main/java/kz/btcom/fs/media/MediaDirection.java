package kz.btcom.fs.media;

import java.util.Optional;

/** Which way a stream flows, from the point of view of the side that wrote it (RFC 3264 section 5.1). */
public enum MediaDirection {
    SEND_RECV("sendrecv", true, true),
    SEND_ONLY("sendonly", true, false),
    RECV_ONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attribute;
    private final boolean sends;
    private final boolean receives;

    MediaDirection(String attribute, boolean sends, boolean receives) {
        this.attribute = attribute;
        this.sends = sends;
        this.receives = receives;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The SDP attribute name, as in {@code a=sendonly}. */
    public String attribute() {
        return attribute;
    }

    /**
     * What we answer when we want {@code this} and the other side offered {@code offered} (RFC 3264 6.1): we send
     * only if we want to and they receive, and receive only if we want to and they send.
     */
    public MediaDirection answerTo(MediaDirection offered) {
        return of(sends && offered.receives, receives && offered.sends);
    }

    static MediaDirection of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SEND_RECV : SEND_ONLY;
        }
        return receives ? RECV_ONLY : INACTIVE;
    }

    static Optional<MediaDirection> byAttribute(String attribute) {
        for (MediaDirection direction : values()) {
            if (direction.attribute.equals(attribute)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
