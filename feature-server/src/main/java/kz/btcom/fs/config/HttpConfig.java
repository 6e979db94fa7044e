package kz.btcom.fs.config;

import java.util.Objects;

/** The {@code http} section: where the health, metrics and (later) operator API listen. */
public record HttpConfig(HostPort listen) {
    public HttpConfig {
        Objects.requireNonNull(listen, "listen");
    }
}
