package kz.btcom.fs.subscriber;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of {@link SubscriberStore#list}: numbers starting with {@code prefix}, after {@code after}, in order.
 * The prefix becomes a range of the key ({@code >= "+7727"} and {@code < "+7728"}) that the primary key's index
 * serves; a LIKE with every wildcard escaped keeps the result exact whatever characters the prefix holds.
 */
record NumberRange(String prefix, String after) {

    private static final char ESCAPE = '!';

    NumberRange {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(after, "after");
    }

    /** Binds the prefix and after, then the limit, from parameter 1. */
    String sql() {
        StringBuilder sql = new StringBuilder(SubscriberRows.SELECT).append(" WHERE number > ?");
        if (!prefix.isEmpty()) {
            sql.append(" AND number >= ?");
            if (upperBound().isPresent()) {
                sql.append(" AND number < ?");
            }
            sql.append(" AND number LIKE ? ESCAPE '").append(ESCAPE).append('\'');
        }
        return sql.append(" ORDER BY number FETCH FIRST ? ROWS ONLY").toString();
    }

    void bind(PreparedStatement statement, int limit) throws SQLException {
        int i = 1;
        statement.setString(i++, after);
        if (!prefix.isEmpty()) {
            statement.setString(i++, prefix);
            Optional<String> upper = upperBound();
            if (upper.isPresent()) {
                statement.setString(i++, upper.get());
            }
            statement.setString(i++, likePattern());
        }
        statement.setInt(i, limit);
    }

    /**
     * The first string after every string that starts with the prefix: its last character plus one. Only for a
     * last character below the surrogates, where UTF-16 order (Java, H2) and code point order (PostgreSQL "C")
     * agree; past them the LIKE alone does the work.
     */
    Optional<String> upperBound() {
        char last = prefix.charAt(prefix.length() - 1);
        if (last >= Character.MIN_SURROGATE - 1) {
            return Optional.empty();
        }
        return Optional.of(prefix.substring(0, prefix.length() - 1) + (char) (last + 1));
    }

    String likePattern() {
        StringBuilder pattern = new StringBuilder(prefix.length() + 4);
        for (char c : prefix.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
