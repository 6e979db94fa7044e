package kz.btcom.fs.media;

/**
 * A leg's {@code o=} line (RFC 4566 5.2): one session id for the leg's life, and a version that goes up each time
 * the description it stamps changes, and only then (RFC 3264 8: an unchanged description keeps its version).
 */
final class SdpOrigin {

    private final long sessionId;
    private long version;
    private String lastDescription;

    SdpOrigin(long sessionId) {
        if (sessionId < 0) {
            throw new IllegalArgumentException("an SDP session id is a non-negative number");
        }
        this.sessionId = sessionId;
        this.version = sessionId; // RFC 4566 suggests an NTP-like number for both; starting equal is customary
    }

    /** The version for {@code description} (everything but the o= line). */
    synchronized long versionFor(String description) {
        if (lastDescription != null && !lastDescription.equals(description)) {
            version++;
        }
        lastDescription = description;
        return version;
    }

    long sessionId() {
        return sessionId;
    }
}
