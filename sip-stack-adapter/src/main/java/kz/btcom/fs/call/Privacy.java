package kz.btcom.fs.call;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The caller's privacy request (RFC 3323 / RFC 3325 {@code Privacy} header values). */
public record Privacy(Set<Value> values) {

    public enum Value { ID, HEADER, USER, SESSION, CRITICAL, NONE }

    public static final Privacy NONE_REQUESTED = new Privacy(EnumSet.noneOf(Value.class));

    public Privacy {
        values = values.isEmpty() ? Set.of() : Set.copyOf(values);
    }

    /** Parses the values of one or more Privacy headers; unknown tokens are ignored, as RFC 3323 allows. */
    public static Privacy parse(Iterable<String> headerValues) {
        EnumSet<Value> found = EnumSet.noneOf(Value.class);
        for (String headerValue : headerValues) {
            for (String token : headerValue.split(";")) {
                String t = token.trim().toUpperCase(Locale.ROOT);
                for (Value v : Value.values()) {
                    if (v.name().equals(t)) {
                        found.add(v);
                    }
                }
            }
        }
        return new Privacy(found);
    }

    /** True when the caller asked that its identity not be passed on (id, user or header privacy). */
    public boolean restrictsIdentity() {
        return values.contains(Value.ID) || values.contains(Value.USER) || values.contains(Value.HEADER);
    }
}
