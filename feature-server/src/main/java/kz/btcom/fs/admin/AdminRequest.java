package kz.btcom.fs.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the endpoints see it: no Netty types, so endpoints are tested without a socket.
 *
 * @param method  upper case: GET, PUT...
 * @param path    decoded, without the query
 * @param query   query parameters, decoded
 * @param headers header names in lower case; a repeated header's values joined with ", "
 * @param body    the aggregated body, empty when none
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query,
                           Map<String, String> headers, byte[] body) {

    public AdminRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static AdminRequest of(String method, String path) {
        return new AdminRequest(method, path, Map.of(), Map.of(), new byte[0]);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
