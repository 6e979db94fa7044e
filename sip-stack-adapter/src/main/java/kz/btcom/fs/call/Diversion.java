package kz.btcom.fs.call;

import java.util.Objects;

/**
 * One diversion of a call: the subscriber {@code from} had it sent on to {@code to}, for {@code reason}. The onward
 * leg carries every diversion of the call so far, oldest first, as History-Info entries and Diversion headers.
 *
 * @param from E.164 number of the diverting user
 * @param to   E.164 number the call was diverted to
 */
public record Diversion(String from, String to, DiversionReason reason) {
    public Diversion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }
}
