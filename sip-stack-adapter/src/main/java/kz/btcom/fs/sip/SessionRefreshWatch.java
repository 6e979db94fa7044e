package kz.btcom.fs.sip;

import javax.sip.header.Header;
import javax.sip.message.Message;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * RFC 4028 seen from the middle: when the call's answer set a session interval (Session-Expires in its 2xx), a
 * refresh, a re-INVITE or UPDATE answered 2xx, must pass through the B2BUA within it. The endpoints end an expired
 * session themselves; the server only learns of it if their BYE reaches it. So with no refresh by the end of the
 * interval the session is over, and so is the call. Each refresh sets the interval anew, from its own 2xx; a refresh
 * answered without Session-Expires turns the session timer off (RFC 4028 7.2, 9), and the watch with it.
 *
 * <p>Runs on the call's lane; the expiry comes back through it.
 */
final class SessionRefreshWatch {

    private final CallContext ctx;
    private final int lane;
    private final Consumer<Duration> expired;
    /** Counts arms: an expiry that waited in the lane's queue while a refresh came is stale. */
    private int armed;
    private boolean stopped;
    private ScheduledFuture<?> deadline;

    SessionRefreshWatch(CallContext ctx, int lane, Consumer<Duration> expired) {
        this.ctx = ctx;
        this.lane = lane;
        this.expired = expired;
    }

    /** The call's answer: watched if it set a session interval. */
    void start(Message answer) {
        arm(sessionExpires(answer));
    }

    /** A session refresh was answered 2xx. */
    void refreshed(Message ok) {
        arm(sessionExpires(ok));
    }

    void stop() {
        stopped = true;
        disarm();
    }

    private void arm(Optional<Duration> interval) {
        disarm();
        if (stopped || interval.isEmpty()) {
            return;
        }
        int mine = armed;
        Duration sessionInterval = interval.get();
        deadline = ctx.onLaneAfter(lane, sessionInterval, () -> {
            if (mine == armed && !stopped) {
                stopped = true;
                expired.accept(sessionInterval);
            }
        });
    }

    private void disarm() {
        armed++;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** {@code Session-Expires: 1800;refresher=uac} (or the compact {@code x:}), as a duration; empty when none. */
    static Optional<Duration> sessionExpires(Message message) {
        Header header = message.getHeader("Session-Expires");
        if (header == null) {
            return Optional.empty();
        }
        String text = header.toString();
        String value = text.substring(text.indexOf(':') + 1).trim();
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 9) {
            return Optional.empty(); // not a delta-seconds we can use: better no watch than a wrong one
        }
        long seconds = Long.parseLong(value.substring(0, end));
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }
}
