package kz.btcom.fs.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the endpoints see it: no Netty types, so endpoints are tested without a socket.
 *
 * @param method         upper case: GET, PUT...
 * @param path           decoded, without the query
 * @param query          query parameters, decoded
 * @param headers        header names in lower case; a repeated header's values joined with ", "
 * @param body           the aggregated body, empty when none
 * @param pathParameters the {@code {name}} segments of the route template that matched, set by the {@link Router}
 * @param source         the client's IP address as text ({@code 10.1.2.3}, {@code ::1}); "" when not known (a
 *                       request made in memory). Who tries tokens is told apart by it.
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query,
                           Map<String, String> headers, byte[] body, Map<String, String> pathParameters,
                           String source) {

    public AdminRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        pathParameters = Map.copyOf(pathParameters);
        Objects.requireNonNull(source, "source");
    }

    /** A request as it arrives, before routing, from a client not known. */
    public AdminRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                        byte[] body) {
        this(method, path, query, headers, body, Map.of(), "");
    }

    public static AdminRequest of(String method, String path) {
        return new AdminRequest(method, path, Map.of(), Map.of(), new byte[0]);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The value of a {@code {name}} segment of the matched route; asking for one the route lacks is a bug. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route of " + path + " has no {" + name + "}");
        }
        return value;
    }

    public AdminRequest withPathParameters(Map<String, String> parameters) {
        return new AdminRequest(method, path, query, headers, body, parameters, source);
    }

    public AdminRequest withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), value);
        return new AdminRequest(method, path, query, more, body, pathParameters, source);
    }

    public AdminRequest withSource(String address) {
        return new AdminRequest(method, path, query, headers, body, pathParameters, address);
    }
}
