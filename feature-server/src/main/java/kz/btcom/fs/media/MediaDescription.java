package kz.btcom.fs.media;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code m=} section of a session description, with what the endpoint needs of its lines.
 *
 * @param type       {@code audio}, {@code video}, ...
 * @param port       0 when the stream is disabled or rejected
 * @param protocol   {@code RTP/AVP}, {@code RTP/SAVP}, ...
 * @param formats    the format list as written (payload type numbers for RTP)
 * @param connection this section's {@code c=} address, if it has its own
 * @param direction  this section's direction attribute, if it has one
 * @param rtpmaps    {@code a=rtpmap} encodings by payload type ({@code 8 -> PCMA/8000})
 */
record MediaDescription(String type, int port, String protocol, List<String> formats,
                        Optional<InetAddress> connection, Optional<MediaDirection> direction,
                        Map<Integer, String> rtpmaps) {

    MediaDescription {
        formats = List.copyOf(formats);
        rtpmaps = Map.copyOf(rtpmaps);
    }

    boolean isAudio() {
        return type.equals("audio");
    }

    /** Plain RTP, which we speak; SRTP profiles (SAVP, DTLS) we cannot, so such a stream is rejected. */
    boolean isPlainRtp() {
        return protocol.equals("RTP/AVP") || protocol.equals("RTP/AVPF");
    }

    /** The first of our codecs in the format list, in the offerer's order of preference. */
    Optional<OfferedCodec> firstCommonCodec() {
        for (String format : formats) {
            int payloadType;
            try {
                payloadType = Integer.parseInt(format);
            } catch (NumberFormatException e) {
                continue;
            }
            String rtpmap = rtpmaps.get(payloadType);
            Optional<Codec> codec = rtpmap != null ? Codec.byRtpmap(rtpmap) : Codec.byStaticPayloadType(payloadType);
            if (codec.isPresent()) {
                return Optional.of(new OfferedCodec(codec.get(), payloadType));
            }
        }
        return Optional.empty();
    }

    /** A codec and the payload type number the other side gave it (normally the static one). */
    record OfferedCodec(Codec codec, int payloadType) {
    }
}
