package kz.btcom.fs.subscriber;

import java.util.Objects;
import java.util.Optional;

/**
 * The four call forwardings (TS 24.604), each a target number in E.164 or none, and the no-reply timer.
 *
 * @param noReplySeconds how long the callee may ring before no-reply forwarding, 5..180 (PRODUCT.md)
 */
public record Forwarding(boolean subscribed, Optional<String> unconditional, Optional<String> busy,
                         Optional<String> noReply, int noReplySeconds, Optional<String> notReachable) {

    public static final int MIN_NO_REPLY_SECONDS = 5;
    public static final int MAX_NO_REPLY_SECONDS = 180;
    public static final int DEFAULT_NO_REPLY_SECONDS = 20;

    public static final Forwarding NONE = new Forwarding(false, Optional.empty(), Optional.empty(), Optional.empty(),
            DEFAULT_NO_REPLY_SECONDS, Optional.empty());

    public Forwarding {
        Objects.requireNonNull(unconditional, "unconditional");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(noReply, "noReply");
        Objects.requireNonNull(notReachable, "notReachable");
        if (noReplySeconds < MIN_NO_REPLY_SECONDS || noReplySeconds > MAX_NO_REPLY_SECONDS) {
            throw new IllegalArgumentException("noReplySeconds " + noReplySeconds + " is out of range "
                    + MIN_NO_REPLY_SECONDS + "-" + MAX_NO_REPLY_SECONDS);
        }
    }

    public Optional<String> target(ForwardingKind kind) {
        return switch (kind) {
            case UNCONDITIONAL -> unconditional;
            case BUSY -> busy;
            case NO_REPLY -> noReply;
            case NOT_REACHABLE -> notReachable;
        };
    }

    /** The same forwardings with one of them set ({@code Optional.empty()}: cleared). */
    public Forwarding withTarget(ForwardingKind kind, Optional<String> target) {
        return new Forwarding(subscribed,
                kind == ForwardingKind.UNCONDITIONAL ? target : unconditional,
                kind == ForwardingKind.BUSY ? target : busy,
                kind == ForwardingKind.NO_REPLY ? target : noReply,
                noReplySeconds,
                kind == ForwardingKind.NOT_REACHABLE ? target : notReachable);
    }

    public Forwarding withNoReplySeconds(int seconds) {
        return new Forwarding(subscribed, unconditional, busy, noReply, seconds, notReachable);
    }

    /** {@code #002#}: every forwarding off, the timer kept. */
    public Forwarding withoutTargets() {
        return new Forwarding(subscribed, Optional.empty(), Optional.empty(), Optional.empty(), noReplySeconds,
                Optional.empty());
    }
}
