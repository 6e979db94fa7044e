package kz.btcom.fs.sip;

import java.util.List;

/** Headers of an in-dialog request (re-INVITE, UPDATE, INFO...) that the other leg needs as they are. */
final class InDialogHeaders {

    static final List<String> COPIED = List.of(
            "Content-Disposition", "Info-Package", "Recv-Info", "Event", "Subscription-State", "Refer-To",
            "Referred-By", "Replaces", "Supported", "Require", "Allow", "Accept", "Session-Expires", "Min-SE",
            SetupReader.P_ASSERTED_IDENTITY, SetupReader.PRIVACY);

    private InDialogHeaders() {
    }
}
