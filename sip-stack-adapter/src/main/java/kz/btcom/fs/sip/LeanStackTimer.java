package kz.btcom.fs.sip;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer;
import java.lang.ref.WeakReference;

/**
 * JAIN-SIP's timer (stack property {@code TIMER_CLASS_NAME}), except that it does not keep a finished call's
 * onward dialog alive for half a minute.
 *
 * <p>On every 2xx to an INVITE it sends, jain-sip-ri schedules its dialog's "no ACK sent" check for 64 x T1 (32 s)
 * and never cancels it, even when the ACK goes out at once, as ours does: the task holds the dialog, so every
 * call's onward dialog stayed reachable from the timer queue for 32 s after the call, and at a few hundred calls a
 * second young collections copied them all into the old generation. Here the queue holds that check weakly. A
 * dialog the stack still knows (in its table, or held by a call) holds its own check in a field, so the check
 * stays and runs on time, as before; once the stack and the call have both let go of the dialog, nobody can ACK
 * it or ask about it any more, the check goes with it and its turn in the queue does nothing.
 */
public final class LeanStackTimer extends ScheduledExecutorSipTimer {

    /** jain-sip-ri's inner class {@code SIPDialog.DialogDeleteIfNoAckSentTask}, not visible outside its package. */
    static final String NO_ACK_CHECK = "gov.nist.javax.sip.stack.SIPDialog$DialogDeleteIfNoAckSentTask";

    @Override
    public boolean schedule(SIPStackTimerTask task, long delay) {
        if (!task.getClass().getName().equals(NO_ACK_CHECK)) {
            return super.schedule(task, delay);
        }
        WeaklyHeld held = new WeaklyHeld(task);
        boolean scheduled = super.schedule(held, delay);
        // cancel(task) finds the queue entry through the task, as for any other.
        task.setSipTimerTask(held.getSipTimerTask());
        return scheduled;
    }

    private static final class WeaklyHeld extends SIPStackTimerTask {

        private final WeakReference<SIPStackTimerTask> task;
        private final Object threadHash;

        WeaklyHeld(SIPStackTimerTask task) {
            this.task = new WeakReference<>(task);
            this.threadHash = task.getThreadHash();
        }

        @Override
        public void runTask() {
            SIPStackTimerTask still = task.get();
            if (still != null) {
                still.runTask();
            }
        }

        @Override
        public Object getThreadHash() {
            return threadHash;
        }
    }
}
