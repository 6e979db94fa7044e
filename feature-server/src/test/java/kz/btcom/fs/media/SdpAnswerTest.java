package kz.btcom.fs.media;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 3264 offer/answer for the offers phones and SIPp actually send, without sockets. */
class SdpAnswerTest {

    private static final String SIPP_OFFER = """
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            """;

    /** Linphone: opus and speex first, G.711 further down, RFC 4733 events, a video stream. LF line ends. */
    private static final String LINPHONE_OFFER = """
            v=0
            o=alice 2890 2890 IN IP4 192.168.1.20
            s=Talk
            c=IN IP4 192.168.1.20
            t=0 0
            a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
            m=audio 7078 RTP/AVP 96 97 98 0 8 101
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:97 speex/16000
            a=rtpmap:98 speex/8000
            a=rtpmap:101 telephone-event/8000
            m=video 9078 RTP/AVP 96
            a=rtpmap:96 VP8/90000
            """;

    private AudioSession session;

    @BeforeEach
    void newSession() throws Exception {
        session = new AudioSession(InetAddress.getByName("127.0.0.1"), 40000, MediaDirection.SEND_ONLY,
                new SdpOrigin(1234));
    }

    @Test
    void sippsDefaultOfferGetsPcmuSendOnlyFromOurPort() {
        assertEquals("""
                v=0\r
                o=- 1234 1234 IN IP4 127.0.0.1\r
                s=-\r
                c=IN IP4 127.0.0.1\r
                t=0 0\r
                m=audio 40000 RTP/AVP 0\r
                a=rtpmap:0 PCMU/8000\r
                a=ptime:20\r
                a=sendonly\r
                """, session.answer(SIPP_OFFER));
        NegotiatedAudio audio = session.negotiated().orElseThrow();
        assertEquals(Codec.PCMU, audio.codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 6000), audio.remote().orElseThrow());
        assertTrue(audio.streams());
    }

    @Test
    void linphoneGetsTheFirstG711ItListsAndItsVideoRejectedInPlace() {
        String answer = session.answer(LINPHONE_OFFER);

        assertTrue(answer.contains("\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"), answer);
        assertTrue(answer.endsWith("\r\nm=video 0 RTP/AVP 96\r\n"), "video rejected, in its place: " + answer);
        assertEquals(new InetSocketAddress("192.168.1.20", 7078), session.negotiated().orElseThrow().remote()
                .orElseThrow());
    }

    @Test
    void anOfferListingPcmaFirstGetsPcma() {
        String answer = session.answer(LINPHONE_OFFER.replace("RTP/AVP 96 97 98 0 8 101", "RTP/AVP 8 0 101"));

        assertTrue(answer.contains("m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"), answer);
    }

    @Test
    void aPcmaOnlyOfferWithTheAddressOnTheMediaLineGetsPcma() {
        String answer = session.answer("""
                v=0
                o=- 1 1 IN IP4 10.0.0.5
                s=-
                t=0 0
                m=audio 20000 RTP/AVP 8
                c=IN IP4 10.0.0.5
                """);

        assertTrue(answer.contains("m=audio 40000 RTP/AVP 8\r\n"), answer);
        assertEquals(new InetSocketAddress("10.0.0.5", 20000), session.negotiated().orElseThrow().remote()
                .orElseThrow());
    }

    @Test
    void aDynamicPayloadTypeMappedToPcmaIsAnsweredWithTheSameNumber() {
        String answer = session.answer(SIPP_OFFER.replace("RTP/AVP 0", "RTP/AVP 100")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:100 PCMA/8000"));

        assertTrue(answer.contains("m=audio 40000 RTP/AVP 100\r\na=rtpmap:100 PCMA/8000\r\n"), answer);
        assertEquals(100, session.negotiated().orElseThrow().payloadType());
    }

    @Test
    void noG711InCommonIsA488NamingWhatWasOffered() {
        UnacceptableSdpException refused = assertThrows(UnacceptableSdpException.class,
                () -> session.answer(SIPP_OFFER.replace("RTP/AVP 0", "RTP/AVP 9 18 101")
                        .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:9 G722/8000")));

        assertEquals(488, refused.sipStatus());
        assertTrue(refused.getMessage().contains("audio 6000 RTP/AVP 9 18 101"), refused.getMessage());
        assertTrue(session.negotiated().isEmpty());
    }

    @Test
    void srtpOnlyAudioIsRefused() {
        assertThrows(UnacceptableSdpException.class,
                () -> session.answer(SIPP_OFFER.replace("RTP/AVP", "RTP/SAVP")));
    }

    @Test
    void aDisabledAudioStreamIsSkippedForTheNextOneAndMirroredWithPortZero() {
        String answer = session.answer("""
                v=0
                o=- 1 1 IN IP4 10.0.0.5
                s=-
                c=IN IP4 10.0.0.5
                t=0 0
                m=audio 0 RTP/AVP 0
                m=audio 30000 RTP/AVP 8
                """);

        assertTrue(answer.contains("m=audio 0 RTP/AVP 0\r\nm=audio 40000 RTP/AVP 8\r\n"), answer);
    }

    @Test
    void theAnswerRepeatsTheOffersTimeLine() {
        assertTrue(session.answer(SIPP_OFFER.replace("t=0 0", "t=3034423619 0")).contains("\r\nt=3034423619 0\r\n"));
    }

    @Test
    void aCallerOnOldStyleHoldGetsAnAnswerButNoPackets() {
        session.answer(SIPP_OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"));

        NegotiatedAudio audio = session.negotiated().orElseThrow();
        assertEquals(Optional.empty(), audio.remote());
        assertFalse(audio.streams());
    }

    @Test
    void theDirectionFollowsWhatTheCallerCanReceive() {
        assertDirection("a=sendrecv", MediaDirection.SEND_ONLY, true);
        assertDirection("a=recvonly", MediaDirection.SEND_ONLY, true);
        assertDirection("a=sendonly", MediaDirection.INACTIVE, false); // the caller holds us: nothing to send
        assertDirection("a=inactive", MediaDirection.INACTIVE, false);
    }

    @Test
    void aSessionLevelDirectionAppliesToTheMedia() {
        session.answer(SIPP_OFFER.replace("t=0 0\r\n", "t=0 0\r\na=inactive\r\n"));

        assertEquals(MediaDirection.INACTIVE, session.negotiated().orElseThrow().direction());
    }

    @Test
    void aConferenceLegAnswersSendRecv() throws Exception {
        AudioSession party = new AudioSession(InetAddress.getByName("127.0.0.1"), 40002, MediaDirection.SEND_RECV,
                new SdpOrigin(1));

        assertTrue(party.answer(SIPP_OFFER).contains("a=sendrecv\r\n"));
    }

    @Test
    void textThatIsNotSdpIsA488() {
        assertEquals(488, assertThrows(UnacceptableSdpException.class, () -> session.answer("hello")).sipStatus());
        assertThrows(UnacceptableSdpException.class, () -> session.answer("s=-\r\nm=audio 6000 RTP/AVP 0\r\n"));
        assertThrows(UnacceptableSdpException.class,
                () -> session.answer(SIPP_OFFER.replace("127.0.0.1", "media.example.com")));
        assertThrows(UnacceptableSdpException.class,
                () -> session.answer(SIPP_OFFER.replace("c=IN IP4 127.0.0.1\r\n", "")));
        assertThrows(UnacceptableSdpException.class,
                () -> session.answer(SIPP_OFFER.replace("6000", "70000")));
    }

    @Test
    void withoutAnOfferWeOfferPcmaThenPcmu() {
        assertEquals("""
                v=0\r
                o=- 1234 1234 IN IP4 127.0.0.1\r
                s=-\r
                c=IN IP4 127.0.0.1\r
                t=0 0\r
                m=audio 40000 RTP/AVP 8 0\r
                a=rtpmap:8 PCMA/8000\r
                a=rtpmap:0 PCMU/8000\r
                a=ptime:20\r
                a=sendonly\r
                """, session.offer());
        assertTrue(session.negotiated().isEmpty(), "nowhere to send until the answer comes");
    }

    @Test
    void theAnswerToOurOfferSettlesTheCodecAndAddress() {
        session.offer();
        session.answered(SIPP_OFFER.replace("a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:0 PCMU/8000\r\na=recvonly\r\n"));

        NegotiatedAudio audio = session.negotiated().orElseThrow();
        assertEquals(Codec.PCMU, audio.codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 6000), audio.remote().orElseThrow());
        assertTrue(audio.streams());
    }

    @Test
    void anAnswerRejectingOurAudioIsRefused() {
        session.offer();
        assertThrows(UnacceptableSdpException.class, () -> session.answered(SIPP_OFFER.replace("6000", "0")));
        assertThrows(IllegalStateException.class, () -> new AudioSession(InetAddress.getLoopbackAddress(), 40000,
                MediaDirection.SEND_ONLY, new SdpOrigin(1)).answered(SIPP_OFFER), "an answer to no offer");
    }

    @Test
    void theSessionVersionGoesUpOnlyWhenTheDescriptionChanges() {
        assertTrue(session.answer(SIPP_OFFER).contains("o=- 1234 1234 IN IP4"));
        assertTrue(session.answer(SIPP_OFFER).contains("o=- 1234 1234 IN IP4"), "the same answer again");
        assertTrue(session.answer(SIPP_OFFER.replace("a=rtpmap:0 PCMU/8000\r\n", "a=inactive\r\n"))
                .contains("o=- 1234 1235 IN IP4"), "a changed answer");
    }

    @Test
    void anIpv6EndpointSaysIp6() throws Exception {
        AudioSession v6 = new AudioSession(InetAddress.getByName("::1"), 40000, MediaDirection.SEND_ONLY,
                new SdpOrigin(7));

        String answer = v6.answer(SIPP_OFFER.replace("IN IP4 127.0.0.1", "IN IP6 ::1"));

        assertTrue(answer.contains("o=- 7 7 IN IP6 ::1\r\n") && answer.contains("c=IN IP6 ::1\r\n"), answer);
    }

    @Test
    void ipv6AddressesAreWrittenInTheirShortForm() throws Exception {
        assertEquals("2001:db8::1", SdpWriter.hostAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1")));
        assertEquals("::", SdpWriter.hostAddress(InetAddress.getByName("::")));
        assertEquals("fe80::1:0:0:1", SdpWriter.hostAddress(InetAddress.getByName("fe80:0:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", SdpWriter.hostAddress(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("10.1.2.3", SdpWriter.hostAddress(InetAddress.getByName("10.1.2.3")));
    }

    private void assertDirection(String offeredAttribute, MediaDirection answered, boolean streams) {
        String answer = session.answer(SIPP_OFFER.replace("a=rtpmap:0 PCMU/8000\r\n",
                "a=rtpmap:0 PCMU/8000\r\n" + offeredAttribute + "\r\n"));
        assertTrue(answer.endsWith("a=" + answered.attribute() + "\r\n"), offeredAttribute + " -> " + answer);
        assertEquals(streams, session.negotiated().orElseThrow().streams(), offeredAttribute);
    }
}
