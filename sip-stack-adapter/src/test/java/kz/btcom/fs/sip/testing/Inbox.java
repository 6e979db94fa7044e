package kz.btcom.fs.sip.testing;

import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a peer received and the test has not taken yet. Messages are taken by what they are, not by order, so a
 * 100 Trying or a stray message does not get in the way; exact retransmissions of a message already received are
 * dropped. Waits are bounded and fail with everything that did arrive.
 */
final class Inbox {

    private final String owner;
    private final Duration wait;
    private final List<SipMessage> messages = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Inbox(String owner, Duration wait) {
        this.owner = owner;
        this.wait = wait;
    }

    void deliver(SipMessage message, String raw) {
        synchronized (messages) {
            if (!seen.add(raw)) {
                return; // a retransmission of something already received
            }
            messages.add(message);
            messages.notifyAll();
        }
    }

    /** Waits for the first message that matches, and takes it out. */
    SipMessage take(Predicate<SipMessage> matches, String what) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (messages) {
            while (true) {
                for (Iterator<SipMessage> it = messages.iterator(); it.hasNext(); ) {
                    SipMessage message = it.next();
                    if (matches.test(message)) {
                        it.remove();
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionFailedError(owner + " expected " + what + " within " + wait.toSeconds()
                            + " s; received instead: " + describe(messages));
                }
                try {
                    messages.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionFailedError(owner + " interrupted while waiting for " + what);
                }
            }
        }
    }

    List<SipMessage> snapshot() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    void assertNone(Predicate<SipMessage> matches, String what) {
        synchronized (messages) {
            List<SipMessage> found = messages.stream().filter(matches).toList();
            if (!found.isEmpty()) {
                throw new AssertionFailedError(owner + " expected no " + what + " but received: " + describe(found));
            }
        }
    }

    private static String describe(List<SipMessage> messages) {
        if (messages.isEmpty()) {
            return "nothing";
        }
        StringBuilder text = new StringBuilder();
        for (SipMessage message : messages) {
            text.append("\n  ").append(message.summary());
        }
        return text.toString();
    }
}
