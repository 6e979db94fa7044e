package kz.btcom.fs.sip;

import gov.nist.javax.sip.stack.SIPDialog;
import java.lang.reflect.Method;
import javax.sip.Dialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What jain-sip-ri does for a dialog it answered once the ACK has come, done for a dialog it placed once the ACK
 * has gone: {@code SIPDialog.cleanUpOnAck()} (its "Normal" reference release, which our stack properties ask for)
 * lets go of the dialog's first and last transaction and its INVITE, and keeps the dialog's own headers as text,
 * parsed again only when asked for. The stack calls it only when its answering side stops retransmitting the 2xx,
 * so an onward leg kept its INVITE transaction, the INVITE and the 200 for as long as the call lasted.
 * The method is protected, hence the reflection; without it (another jain-sip-ri) nothing is released, as before.
 */
final class AckedDialogs {

    private static final Logger LOG = LoggerFactory.getLogger(AckedDialogs.class);
    private static final Method CLEAN_UP_ON_ACK = cleanUpOnAck();

    private AckedDialogs() {
    }

    /** Called on the call's lane right after {@code dialog.sendAck}: nothing else touches the dialog then. */
    static void release(Dialog dialog) {
        if (CLEAN_UP_ON_ACK == null || !(dialog instanceof SIPDialog)) {
            return;
        }
        try {
            CLEAN_UP_ON_ACK.invoke(dialog);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("dialog {}: cleanUpOnAck failed: {}", dialog.getDialogId(), e.toString());
        }
    }

    /**
     * Again, once a request of ours in the dialog has its answer: to build it, the dialog parsed its parties, its
     * remote target and its Call-ID back from the text it kept, and holds them parsed from then on (some 5 KB a
     * call, every call that was ever probed). Only when the dialog has no INVITE transaction since it was released
     * (its last transaction is still none): a re-INVITE under way is the dialog's business, left alone.
     */
    static void releaseAgain(Dialog dialog) {
        if (dialog instanceof SIPDialog sipDialog && sipDialog.getLastTransaction() == null) {
            release(dialog);
        }
    }

    private static Method cleanUpOnAck() {
        try {
            Method method = SIPDialog.class.getDeclaredMethod("cleanUpOnAck");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(AckedDialogs.class)
                    .info("jain-sip-ri has no SIPDialog.cleanUpOnAck(): onward dialogs keep their INVITE ({})", e.toString());
            return null;
        }
    }
}
