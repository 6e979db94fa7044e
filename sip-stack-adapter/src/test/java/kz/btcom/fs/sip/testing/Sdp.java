package kz.btcom.fs.sip.testing;

/** SDP bodies for call flows: an offer and answer, and the hold pair (RFC 3264 8.4). */
public final class Sdp {

    private Sdp() {
    }

    public static final String OFFER = body("caller", 40000, "sendrecv");
    public static final String ANSWER = body("callee", 50000, "sendrecv");
    public static final String HOLD = body("caller", 40000, "sendonly");
    public static final String HOLD_ANSWER = body("callee", 50000, "recvonly");
    public static final String CALLEE_HOLD = body("callee", 50000, "sendonly");
    public static final String CALLEE_HOLD_ANSWER = body("caller", 40000, "recvonly");

    private static String body(String user, int port, String direction) {
        return "v=0\r\n"
                + "o=" + user + " 1 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 8 0\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=" + direction + "\r\n";
    }
}
