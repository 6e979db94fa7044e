package kz.btcom.fs.tables;

/**
 * The configuration cannot be used. The message is one line for the operator: where the value came from (a file,
 * an option, an environment variable), the dotted key, and what is wrong with it.
 */
public final class ConfigException extends Exception {

    private final String source;
    private final String key;
    private final String problem;

    public ConfigException(String source, String key, String problem) {
        super(source + ": " + (key == null ? "" : key + ": ") + problem, null, false, false);
        this.source = source;
        this.key = key;
        this.problem = problem;
    }

    /** A problem not tied to one key (a syntax error, a missing file, a bad command line). */
    public static ConfigException of(String source, String problem) {
        return new ConfigException(source, null, problem);
    }

    public String source() {
        return source;
    }

    /** The dotted key, or null when the problem is not about one key. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
