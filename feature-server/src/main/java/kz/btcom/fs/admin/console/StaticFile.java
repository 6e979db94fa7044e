package kz.btcom.fs.admin.console;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One file of the console as it is served: its bytes and the content type its name calls for. */
record StaticFile(String name, String contentType, byte[] body) {

    /**
     * The only kinds of file the console has. A module script must come as JavaScript or the browser refuses to run
     * it, and with {@code nosniff} a style sheet must come as CSS: the types are part of the page working at all.
     */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    StaticFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** The type of a file of this name; empty for a kind the console does not serve. */
    static Optional<String> contentTypeOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
