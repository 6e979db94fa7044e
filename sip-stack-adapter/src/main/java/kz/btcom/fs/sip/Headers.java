package kz.btcom.fs.sip;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;

/** Small reads of headers every message has. */
final class Headers {

    private Headers() {
    }

    static String callId(Message message) {
        CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? "" : header.getCallId();
    }

    static boolean hasToTag(Message message) {
        ToHeader to = (ToHeader) message.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }
}
