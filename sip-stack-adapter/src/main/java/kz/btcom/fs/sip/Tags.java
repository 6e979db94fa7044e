package kz.btcom.fs.sip;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Tags, branches and Call-IDs: unique and cheap (the stack's own generators hash with MD5 on every call). */
final class Tags {

    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextInt());

    private Tags() {
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static String newBranch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + Long.toHexString(COUNTER.incrementAndGet());
    }

    static String newCallId(String host) {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + Long.toHexString(COUNTER.incrementAndGet()) + "@" + host;
    }
}
