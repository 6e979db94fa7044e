package kz.btcom.fs.config;

/** The transport towards the core; configured in lower case. */
public enum CoreTransport {
    /** The transport the call came in on. */
    AUTO,
    UDP,
    TCP;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
