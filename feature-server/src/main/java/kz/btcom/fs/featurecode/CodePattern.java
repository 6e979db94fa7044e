package kz.btcom.fs.featurecode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One code of the table as written in {@code config/feature-codes.yaml}, such as {@code *61*N*T#}: literal
 * characters ({@code * # 0-9}) and upper-case placeholders for what the subscriber fills in. A placeholder takes a
 * run of digits, so two placeholders always have a literal between them. Only a number ({@value #NUMBER}) may start
 * with '+' (E.164 as dialled); a PIN, a level, a time or a timer is digits alone, so that {@code *55*+123#} is
 * no wake-up at 01:23 and {@code *34*+1234*1#} sets no PIN "+1234".
 */
public final class CodePattern {

    /** The placeholder of a number (a forwarding target): the only one that may start with '+'. */
    static final String NUMBER = "N";

    private sealed interface Segment {
    }

    private record Literal(String text) implements Segment {
    }

    private record Placeholder(String name) implements Segment {
    }

    private final String text;
    private final List<Segment> segments;
    private final List<String> placeholders;

    private CodePattern(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.placeholders = segments.stream()
                .filter(Placeholder.class::isInstance)
                .map(s -> ((Placeholder) s).name())
                .toList();
    }

    /** @throws IllegalArgumentException saying what is wrong with the pattern */
    public static CodePattern parse(String text) {
        if (text.isEmpty() || (text.charAt(0) != '*' && text.charAt(0) != '#')) {
            throw new IllegalArgumentException("\"" + text + "\" does not start with * or #");
        }
        if (text.charAt(text.length() - 1) != '#') {
            throw new IllegalArgumentException("\"" + text + "\" does not end with #");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (c >= 'A' && c <= 'Z') {
                while (i < text.length() && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z') {
                    i++;
                }
                if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof Placeholder) {
                    throw new IllegalArgumentException("\"" + text + "\" has two placeholders with nothing between");
                }
                segments.add(new Placeholder(text.substring(start, i)));
            } else if (isLiteral(c)) {
                if (c >= '0' && c <= '9' && !segments.isEmpty()
                        && segments.get(segments.size() - 1) instanceof Placeholder) {
                    // The placeholder would swallow the digit: *55*HHMM1# can never match as meant.
                    throw new IllegalArgumentException("\"" + text + "\" has a digit right after a placeholder");
                }
                while (i < text.length() && isLiteral(text.charAt(i))) {
                    i++;
                }
                segments.add(new Literal(text.substring(start, i)));
            } else {
                throw new IllegalArgumentException("\"" + text + "\" has '" + c
                        + "': a code is made of * # digits and upper-case placeholders");
            }
        }
        return new CodePattern(text, segments);
    }

    /** The placeholders' names in order of appearance. */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The digits filled into each placeholder, in order; empty when the dialled code is not this one. */
    public Optional<List<String>> match(String dialled) {
        List<String> values = new ArrayList<>(placeholders.size());
        int pos = 0;
        for (Segment segment : segments) {
            if (segment instanceof Literal literal) {
                if (!dialled.startsWith(literal.text(), pos)) {
                    return Optional.empty();
                }
                pos += literal.text().length();
            } else {
                int start = pos;
                if (NUMBER.equals(((Placeholder) segment).name()) && pos < dialled.length()
                        && dialled.charAt(pos) == '+') {
                    pos++;
                }
                while (pos < dialled.length() && Character.isDigit(dialled.charAt(pos))
                        && dialled.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == start || (pos == start + 1 && dialled.charAt(start) == '+')) {
                    return Optional.empty();
                }
                values.add(dialled.substring(start, pos));
            }
        }
        return pos == dialled.length() ? Optional.of(values) : Optional.empty();
    }

    /** The pattern with every placeholder replaced by {@code 0}: two patterns of one table must differ in it. */
    String skeleton() {
        StringBuilder b = new StringBuilder();
        for (Segment segment : segments) {
            b.append(segment instanceof Literal literal ? literal.text() : "0");
        }
        return b.toString();
    }

    private static boolean isLiteral(char c) {
        return c == '*' || c == '#' || (c >= '0' && c <= '9');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodePattern pattern && pattern.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
