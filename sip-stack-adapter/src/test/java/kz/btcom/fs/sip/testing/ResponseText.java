package kz.btcom.fs.sip.testing;

import java.nio.charset.StandardCharsets;

/** A response a test peer sends: Via, From, To, Call-ID and CSeq from the request (RFC 3261 8.2.6.2). */
final class ResponseText {

    private ResponseText() {
    }

    /** The response text; {@code toTag} goes on To if the request had none, {@code contact} on 1xx/2xx to INVITE. */
    static String of(SipMessage request, int status, String toTag, String contact, String contentType, String body,
                     String... extraHeaders) {
        StringBuilder text = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reasonOf(status))
                .append("\r\n");
        for (String via : request.headerLines("Via")) {
            text.append(via).append("\r\n");
        }
        text.append("From: ").append(request.header("From")).append("\r\n");
        String to = request.header("To");
        if (SipMessage.param(to, "tag") == null && status > 100) {
            to = to + ";tag=" + toTag;
        }
        text.append("To: ").append(to).append("\r\n");
        text.append("Call-ID: ").append(request.callId()).append("\r\n");
        text.append("CSeq: ").append(request.header("CSeq")).append("\r\n");
        if ("INVITE".equals(request.method()) && status > 100 && status < 300) {
            text.append("Contact: <").append(contact).append(">\r\n");
        }
        for (String header : extraHeaders) {
            text.append(header).append("\r\n");
        }
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        text.append("Content-Length: ").append(bodyBytes.length).append("\r\n\r\n");
        return text + (body == null ? "" : body);
    }

    private static String reasonOf(int status) {
        return switch (status) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 181 -> "Call Is Being Forwarded";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 480 -> "Temporarily Unavailable";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 500 -> "Server Internal Error";
            case 503 -> "Service Unavailable";
            case 603 -> "Decline";
            default -> "Whatever";
        };
    }
}
