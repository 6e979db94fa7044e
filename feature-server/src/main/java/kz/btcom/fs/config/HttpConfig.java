package kz.btcom.fs.config;


import java.util.Objects;

/**
 * The {@code http} section: where health, metrics and the operator API listen, and what one client may take.
 */
public record HttpConfig(HostPort listen, HttpLimits limits) {
    public HttpConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(limits, "limits");
    }

    /** Listening there with the default limits. */
    public HttpConfig(HostPort listen) {
        this(listen, HttpLimits.DEFAULTS);
    }
}
