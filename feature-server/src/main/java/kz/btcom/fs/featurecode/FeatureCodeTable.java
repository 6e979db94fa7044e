package kz.btcom.fs.featurecode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The feature codes in force: each code of {@code config/feature-codes.yaml} with the operation it names. */
public final class FeatureCodeTable {

    /** One row: the code and what it does. */
    public record Entry(CodePattern pattern, FeatureOperation operation) {
    }

    private final List<Entry> entries;

    /** @throws IllegalArgumentException when a code lacks its operation's placeholders or two codes collide */
    public FeatureCodeTable(List<Entry> entries) {
        Map<String, Entry> bySkeleton = new HashMap<>();
        for (Entry entry : entries) {
            if (!entry.pattern().placeholders().equals(entry.operation().placeholders())) {
                throw new IllegalArgumentException(entry.operation().key() + ": \"" + entry.pattern()
                        + "\" must have the placeholders " + entry.operation().placeholders() + " in this order");
            }
            Entry clash = bySkeleton.putIfAbsent(entry.pattern().skeleton(), entry);
            if (clash != null) {
                throw new IllegalArgumentException(entry.operation().key() + ": \"" + entry.pattern()
                        + "\" is the same code as " + clash.operation().key() + " (\"" + clash.pattern() + "\")");
            }
        }
        this.entries = List.copyOf(new ArrayList<>(entries));
    }

    /** Two tables are equal when they hold the same codes for the same operations, in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureCodeTable table && table.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureCodeTable" + entries;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Whether a called number is meant as a feature code at all: it starts with {@code *} or {@code #}. Such a call
     * is never relayed to the core; an unknown or malformed code gets the negative tone.
     */
    public static boolean isFeatureCode(String dialled) {
        String code = unescape(dialled);
        return !code.isEmpty() && (code.charAt(0) == '*' || code.charAt(0) == '#');
    }

    /** What the dialled code asks for; empty when it is no code of this table or its values make no sense. */
    public Optional<FeatureRequest> parse(String dialled) {
        String code = unescape(dialled);
        for (Entry entry : entries) {
            Optional<List<String>> values = entry.pattern().match(code);
            if (values.isPresent()) {
                return entry.operation().request(values.get());
            }
        }
        return Optional.empty();
    }

    /** The operation whose code this is, even when its values make no sense; empty when it is no code here. */
    public Optional<FeatureOperation> operation(String dialled) {
        String code = unescape(dialled);
        for (Entry entry : entries) {
            if (entry.pattern().match(code).isPresent()) {
                return Optional.of(entry.operation());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code #} arrives as dialled, or escaped as {@code %23} when the phone or the core escaped it in the URI;
     * visual separators some phones insert are dropped.
     */
    static String unescape(String dialled) {
        StringBuilder b = new StringBuilder(dialled.length());
        for (int i = 0; i < dialled.length(); i++) {
            char c = dialled.charAt(i);
            if (c == '%' && dialled.regionMatches(true, i, "%23", 0, 3)) {
                b.append('#');
                i += 2;
            } else if (c == '%' && dialled.regionMatches(true, i, "%2A", 0, 3)) {
                b.append('*');
                i += 2;
            } else if (c != '-' && c != '.' && c != ' ' && c != '(' && c != ')') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
