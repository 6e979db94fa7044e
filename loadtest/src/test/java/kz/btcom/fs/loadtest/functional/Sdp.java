package kz.btcom.fs.loadtest.functional;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of an SDP body (RFC 4566, offer/answer RFC 3264) a test telephone needs: where the audio goes, which
 * payload types, and the direction.
 *
 * @param host         the connection address (media level, else session level)
 * @param port         the audio port; 0 when the stream is refused
 * @param payloadTypes the m=audio formats in order
 * @param direction    sendrecv, sendonly, recvonly or inactive (media level, else session level, else sendrecv)
 */
record Sdp(String host, int port, List<Integer> payloadTypes, String direction) {

    static final String SENDRECV = "sendrecv";
    static final String SENDONLY = "sendonly";
    static final String RECVONLY = "recvonly";
    static final String INACTIVE = "inactive";

    /** The audio description of a body; null when it has none. */
    static Sdp parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String sessionHost = null;
        String mediaHost = null;
        String sessionDirection = null;
        String mediaDirection = null;
        int port = -1;
        List<Integer> payloadTypes = new ArrayList<>();
        boolean inAudio = false;
        boolean inMedia = false;
        for (String raw : body.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                inMedia = true;
                inAudio = line.startsWith("m=audio ") && port < 0;
                if (inAudio) {
                    String[] fields = line.substring(2).split("\\s+");
                    port = Integer.parseInt(fields[1].split("/")[0]);
                    for (int i = 3; i < fields.length; i++) {
                        payloadTypes.add(Integer.parseInt(fields[i]));
                    }
                }
            } else if (line.startsWith("c=")) {
                String[] fields = line.substring(2).split("\\s+");
                String host = fields[2].split("/")[0];
                if (!inMedia) {
                    sessionHost = host;
                } else if (inAudio) {
                    mediaHost = host;
                }
            } else if (line.equals("a=" + SENDRECV) || line.equals("a=" + SENDONLY) || line.equals("a=" + RECVONLY)
                    || line.equals("a=" + INACTIVE)) {
                if (!inMedia) {
                    sessionDirection = line.substring(2);
                } else if (inAudio) {
                    mediaDirection = line.substring(2);
                }
            }
        }
        if (port < 0) {
            return null;
        }
        String direction = mediaDirection != null ? mediaDirection
                : sessionDirection != null ? sessionDirection : SENDRECV;
        return new Sdp(mediaHost != null ? mediaHost : sessionHost, port, List.copyOf(payloadTypes), direction);
    }

    /** A telephone's description: one G.711 law at its port. */
    static String format(long sessionId, long version, int port, Codec codec, String direction) {
        return "v=0\r\n"
                + "o=- " + sessionId + " " + version + " IN IP4 " + TestPhones.HOST + "\r\n"
                + "s=test phone\r\n"
                + "c=IN IP4 " + TestPhones.HOST + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + codec.payloadType + "\r\n"
                + "a=rtpmap:" + codec.payloadType + " " + codec.name() + "/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=" + direction + "\r\n";
    }

    /** The other side sends audio by this description. */
    boolean sends() {
        return direction.equals(SENDRECV) || direction.equals(SENDONLY);
    }

    /** The other side takes audio by this description (and said where). */
    boolean receives() {
        return (direction.equals(SENDRECV) || direction.equals(RECVONLY)) && port > 0 && host != null
                && !host.equals("0.0.0.0");
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The direction to answer with: send when the other side takes audio and this side may, take what it sends. */
    static String answering(Sdp offer, boolean mayWeSend) {
        boolean send = offer.receives() && mayWeSend;
        boolean receive = offer.sends();
        return send && receive ? SENDRECV : send ? SENDONLY : receive ? RECVONLY : INACTIVE;
    }
}
