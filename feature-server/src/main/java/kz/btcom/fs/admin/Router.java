package kz.btcom.fs.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends each request to the handler for its path and method: an unknown path gets 404, a known path with another
 * method 405 with {@code Allow}. Paths match exactly; the /api/v1 endpoints will mount a sub-router under their
 * prefix ({@link Builder#mount}) that does its own matching of {@code /subscribers/{number}} and the like.
 */
public final class Router implements RequestHandler {

    private final Map<String, Map<String, RequestHandler>> exact;
    private final Map<String, RequestHandler> mounts;

    private Router(Map<String, Map<String, RequestHandler>> exact, Map<String, RequestHandler> mounts) {
        this.exact = exact;
        this.mounts = mounts;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        Map<String, RequestHandler> byMethod = exact.get(request.path());
        if (byMethod != null) {
            RequestHandler handler = byMethod.get(request.method());
            if (handler == null) {
                return AdminResponse.error(405, request.method() + " is not allowed on " + request.path())
                        .withHeader("Allow", String.join(", ", byMethod.keySet()));
            }
            return handler.handle(request);
        }
        for (Map.Entry<String, RequestHandler> mount : mounts.entrySet()) {
            if (request.path().equals(mount.getKey()) || request.path().startsWith(mount.getKey() + "/")) {
                return mount.getValue().handle(request);
            }
        }
        return AdminResponse.error(404, "no such resource: " + request.path());
    }

    public static final class Builder {
        private final Map<String, Map<String, RequestHandler>> exact = new LinkedHashMap<>();
        private final Map<String, RequestHandler> mounts = new TreeMap<>((a, b) ->
                a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));

        private Builder() {
        }

        public Builder route(String method, String path, RequestHandler handler) {
            Map<String, RequestHandler> byMethod = exact.computeIfAbsent(path, p -> new LinkedHashMap<>());
            if (byMethod.putIfAbsent(method, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException(method + " " + path + " is routed twice");
            }
            return this;
        }

        public Builder get(String path, RequestHandler handler) {
            return route("GET", path, handler);
        }

        /** Everything at or under {@code prefix} goes to {@code handler}; the longest prefix wins. */
        public Builder mount(String prefix, RequestHandler handler) {
            if (mounts.putIfAbsent(prefix, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException(prefix + " is mounted twice");
            }
            return this;
        }

        public Router build() {
            Map<String, Map<String, RequestHandler>> frozen = new LinkedHashMap<>();
            exact.forEach((path, byMethod) -> frozen.put(path, Collections.unmodifiableMap(new LinkedHashMap<>(byMethod))));
            return new Router(Map.copyOf(frozen), new LinkedHashMap<>(mounts));
        }
    }
}
