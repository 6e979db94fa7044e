package kz.btcom.fs.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The offer/answer state of one leg's audio (RFC 3264): what we said, what the other side said, and what was
 * settled. No sockets here, so every offer a phone may send can be tried in a plain unit test.
 */
final class AudioSession {

    private final InetAddress localAddress;
    private final int localPort;
    private final MediaDirection intent;
    private final SdpOrigin origin;
    private Optional<NegotiatedAudio> negotiated = Optional.empty();
    private boolean awaitingAnswer;

    /**
     * @param intent what this leg wants to do: {@link MediaDirection#SEND_ONLY} to play prompts,
     *               {@link MediaDirection#SEND_RECV} for a conference party
     */
    AudioSession(InetAddress localAddress, int localPort, MediaDirection intent, SdpOrigin origin) {
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.intent = intent;
        this.origin = origin;
    }

    /** Answers the caller's offer, or throws {@link UnacceptableSdpException} when there is no audio we can do. */
    synchronized String answer(String offerText) {
        SessionDescription offer = SdpParser.parse(offerText);
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription section = offer.media().get(i);
            if (!section.isAudio() || section.port() == 0 || !section.isPlainRtp()) {
                continue;
            }
            Optional<MediaDescription.OfferedCodec> codec = section.firstCommonCodec();
            if (codec.isPresent()) {
                NegotiatedAudio audio = new NegotiatedAudio(codec.get().codec(), codec.get().payloadType(),
                        remoteOf(offer, section), intent.answerTo(offer.directionOf(section)));
                negotiated = Optional.of(audio);
                awaitingAnswer = false;
                return SdpWriter.answer(origin, localAddress, localPort, offer, i, audio);
            }
        }
        throw new UnacceptableSdpException("no PCMA or PCMU audio over plain RTP in the offer (" + describe(offer)
                + ")");
    }

    /** Our own offer, for an INVITE that had none; the caller's answer comes back to {@link #answered}. */
    synchronized String offer() {
        awaitingAnswer = true;
        return SdpWriter.offer(origin, localAddress, localPort, intent);
    }

    /** The caller's answer to {@link #offer()}. */
    synchronized void answered(String answerText) {
        if (!awaitingAnswer) {
            throw new IllegalStateException("no offer of ours is waiting for an answer");
        }
        SessionDescription answer = SdpParser.parse(answerText);
        MediaDescription audio = answer.media().stream().filter(MediaDescription::isAudio).findFirst()
                .orElseThrow(() -> new UnacceptableSdpException("the answer has no audio stream"));
        if (audio.port() == 0) {
            throw new UnacceptableSdpException("the answer rejects our audio stream");
        }
        MediaDescription.OfferedCodec codec = audio.firstCommonCodec().orElseThrow(() ->
                new UnacceptableSdpException("the answer picks none of the codecs we offered (" + describe(answer)
                        + ")"));
        negotiated = Optional.of(new NegotiatedAudio(codec.codec(), codec.payloadType(), remoteOf(answer, audio),
                intent.answerTo(answer.directionOf(audio))));
        awaitingAnswer = false;
    }

    /** What was settled, if anything yet. */
    synchronized Optional<NegotiatedAudio> negotiated() {
        return negotiated;
    }

    /** The other side's RTP address; none on hold (c=0.0.0.0, RFC 3264 8.4's older form) or without a c= line. */
    private static Optional<InetSocketAddress> remoteOf(SessionDescription sdp, MediaDescription section) {
        Optional<InetAddress> address = sdp.connectionOf(section);
        if (address.isEmpty()) {
            throw new UnacceptableSdpException("no c= line for the audio stream");
        }
        if (address.get().isAnyLocalAddress()) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(address.get(), section.port()));
    }

    /** A one-line summary of the media sections, for the reason a session was refused. */
    private static String describe(SessionDescription sdp) {
        if (sdp.media().isEmpty()) {
            return "no m= lines";
        }
        return sdp.media().stream()
                .map(m -> m.type() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formats()))
                .collect(Collectors.joining("; "));
    }
}
