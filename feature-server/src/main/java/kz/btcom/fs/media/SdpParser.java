package kz.btcom.fs.media;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the lines of an SDP body the endpoint acts on and skips the rest, as RFC 4566 5 asks of unknown lines.
 * What it cannot read is an {@link UnacceptableSdpException}: a broken offer gets 488, not a server error.
 */
final class SdpParser {

    private SdpParser() {
    }

    static SessionDescription parse(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw new UnacceptableSdpException("no session description");
        }
        Optional<InetAddress> sessionConnection = Optional.empty();
        Optional<MediaDirection> sessionDirection = Optional.empty();
        String timing = "0 0";
        boolean sawVersion = false;
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new UnacceptableSdpException("not an SDP line: '" + abbreviate(line) + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2).trim();
            switch (type) {
                case 'v' -> {
                    if (!value.equals("0")) {
                        throw new UnacceptableSdpException("SDP version " + value + " is not 0");
                    }
                    sawVersion = true;
                }
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build());
                    }
                    current = MediaBuilder.of(value);
                }
                case 'c' -> {
                    InetAddress address = connectionAddress(value);
                    if (current == null) {
                        sessionConnection = Optional.of(address);
                    } else {
                        current.connection = Optional.of(address);
                    }
                }
                case 't' -> {
                    if (current == null) {
                        timing = value;
                    }
                }
                case 'a' -> {
                    Optional<MediaDirection> direction = MediaDirection.byAttribute(value);
                    if (direction.isPresent()) {
                        if (current == null) {
                            sessionDirection = direction;
                        } else {
                            current.direction = direction;
                        }
                    } else if (current != null && value.startsWith("rtpmap:")) {
                        current.addRtpmap(value.substring("rtpmap:".length()));
                    }
                }
                default -> {
                    // o=, s=, b=, k=, i= and the rest change nothing about where and how we send
                }
            }
        }
        if (!sawVersion) {
            throw new UnacceptableSdpException("no v= line: not a session description");
        }
        if (current != null) {
            media.add(current.build());
        }
        return new SessionDescription(sessionConnection, sessionDirection, timing, media);
    }

    /** {@code IN IP4 192.0.2.1}, {@code IN IP6 ::1}, possibly with a multicast {@code /ttl} we ignore. */
    private static InetAddress connectionAddress(String value) {
        String[] parts = value.split("\\s+");
        if (parts.length != 3 || !parts[0].equals("IN") || !parts[1].equals("IP4") && !parts[1].equals("IP6")) {
            throw new UnacceptableSdpException("unreadable c= line: '" + abbreviate(value) + "'");
        }
        String address = parts[2];
        int slash = address.indexOf('/');
        if (slash >= 0) {
            address = address.substring(0, slash);
        }
        String literal = address;
        return IpLiteral.parse(literal).orElseThrow(() ->
                new UnacceptableSdpException("c= address '" + abbreviate(literal) + "' is not an IP address"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** The lines of one media section as they are read. */
    private static final class MediaBuilder {
        private final String type;
        private final int port;
        private final String protocol;
        private final List<String> formats;
        private Optional<InetAddress> connection = Optional.empty();
        private Optional<MediaDirection> direction = Optional.empty();
        private final Map<Integer, String> rtpmaps = new HashMap<>();

        private MediaBuilder(String type, int port, String protocol, List<String> formats) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        /** {@code audio 49170 RTP/AVP 0 8}, the port possibly with a {@code /count}. */
        static MediaBuilder of(String value) {
            String[] parts = value.split("\\s+");
            if (parts.length < 4) {
                throw new UnacceptableSdpException("unreadable m= line: '" + abbreviate(value) + "'");
            }
            String port = parts[1];
            int slash = port.indexOf('/');
            if (slash >= 0) {
                port = port.substring(0, slash);
            }
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > 65535) {
                throw new UnacceptableSdpException("m= line port '" + abbreviate(parts[1]) + "' is not a port");
            }
            return new MediaBuilder(parts[0], number, parts[2], Arrays.asList(parts).subList(3, parts.length));
        }

        /** {@code 8 PCMA/8000}: a later duplicate for the same payload type does not override the first. */
        void addRtpmap(String value) {
            String[] parts = value.trim().split("\\s+", 2);
            if (parts.length == 2) {
                try {
                    rtpmaps.putIfAbsent(Integer.parseInt(parts[0]), parts[1]);
                } catch (NumberFormatException e) {
                    // an rtpmap for no payload type maps nothing we could use
                }
            }
        }

        MediaDescription build() {
            return new MediaDescription(type, port, protocol, formats, connection, direction, rtpmaps);
        }
    }
}
