package kz.btcom.fs.media;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/** Writes the endpoint's own session descriptions: answers to offers, and offers when the caller made none. */
final class SdpWriter {

    /** RFC 3551 4.5: G.711's default packet time; we always send 20 ms, so we say so. */
    static final int PTIME_MILLIS = 20;
    /** BTcom is an A-law network: PCMA first, PCMU for the μ-law equipment. */
    private static final List<Codec> OFFERED = List.of(Codec.PCMA, Codec.PCMU);

    private SdpWriter() {
    }

    /**
     * The answer to {@code offer}: the same m-lines in the same order (RFC 3264 6), the chosen audio one with our
     * port, every other one rejected with port 0.
     */
    static String answer(SdpOrigin origin, InetAddress local, int port, SessionDescription offer, int chosenIndex,
                         NegotiatedAudio audio) {
        StringBuilder media = new StringBuilder();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription offered = offer.media().get(i);
            if (i == chosenIndex) {
                line(media, "m=audio " + port + " " + offered.protocol() + " " + audio.payloadType());
                line(media, "a=rtpmap:" + audio.payloadType() + " " + audio.codec().encodingName() + "/"
                        + Codec.CLOCK_RATE);
                line(media, "a=ptime:" + PTIME_MILLIS);
                line(media, "a=" + audio.direction().attribute());
            } else {
                line(media, "m=" + offered.type() + " 0 " + offered.protocol() + " "
                        + String.join(" ", offered.formats()));
            }
        }
        return session(origin, local, offer.timing(), media);
    }

    /** Our offer, for an INVITE without one: one audio stream, PCMA preferred. */
    static String offer(SdpOrigin origin, InetAddress local, int port, MediaDirection direction) {
        StringBuilder media = new StringBuilder();
        StringBuilder formats = new StringBuilder();
        for (Codec codec : OFFERED) {
            formats.append(' ').append(codec.staticPayloadType());
        }
        line(media, "m=audio " + port + " RTP/AVP" + formats);
        for (Codec codec : OFFERED) {
            line(media, "a=rtpmap:" + codec.staticPayloadType() + " " + codec.encodingName() + "/" + Codec.CLOCK_RATE);
        }
        line(media, "a=ptime:" + PTIME_MILLIS);
        line(media, "a=" + direction.attribute());
        return session(origin, local, "0 0", media);
    }

    private static String session(SdpOrigin origin, InetAddress local, String timing, CharSequence media) {
        String address = addressType(local) + " " + hostAddress(local);
        StringBuilder rest = new StringBuilder();
        line(rest, "s=-");
        line(rest, "c=IN " + address);
        line(rest, "t=" + timing);
        rest.append(media);
        String body = rest.toString();
        long version = origin.versionFor(body);
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=- " + origin.sessionId() + " " + version + " IN " + address);
        return sdp.append(body).toString();
    }

    private static String addressType(InetAddress address) {
        return address instanceof Inet6Address ? "IP6" : "IP4";
    }

    /**
     * IPv4 dotted; IPv6 in the RFC 5952 short form ({@code 2001:db8::1}, not Java's {@code 2001:db8:0:0:0:0:0:1})
     * and without the {@code %scope} Java may append, which SDP has no place for.
     */
    static String hostAddress(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened (RFC 5952 4.2.2)
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append("\r\n"); // RFC 4566 5: CRLF
    }
}
