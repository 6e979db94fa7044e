package kz.btcom.fs.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends each request to the handler for its path and method: an unknown path gets 404, a known path with another
 * method 405 with {@code Allow}. A path is matched exactly first, then against the templates
 * ({@code /api/v1/subscribers/{number}}: each {@code {name}} is one non-empty segment, handed to the handler as a
 * path parameter), then against the mounted prefixes. A {@link RequestRejected} from a handler becomes its JSON
 * error here, so endpoints can reject from wherever they find the problem.
 */
public final class Router implements RequestHandler {

    private final Map<String, Map<String, RequestHandler>> exact;
    private final List<PathTemplate> templates;
    private final Map<PathTemplate, Map<String, RequestHandler>> byTemplate;
    private final Map<String, RequestHandler> mounts;

    private Router(Map<String, Map<String, RequestHandler>> exact,
                   Map<PathTemplate, Map<String, RequestHandler>> byTemplate, Map<String, RequestHandler> mounts) {
        this.exact = exact;
        this.templates = List.copyOf(byTemplate.keySet());
        this.byTemplate = byTemplate;
        this.mounts = mounts;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        Route route = route(request);
        try {
            return route.handler().handle(route.request());
        } catch (RequestRejected e) {
            return e.toResponse();
        }
    }

    @Override
    public boolean mayBlock(AdminRequest request) {
        Route route = route(request);
        return route.handler().mayBlock(route.request());
    }

    private Route route(AdminRequest request) {
        Map<String, RequestHandler> byMethod = exact.get(request.path());
        if (byMethod != null) {
            return byMethod(byMethod, request);
        }
        for (PathTemplate template : templates) {
            Map<String, String> parameters = template.match(request.path());
            if (parameters != null) {
                return byMethod(byTemplate.get(template), request.withPathParameters(parameters));
            }
        }
        for (Map.Entry<String, RequestHandler> mount : mounts.entrySet()) {
            if (request.path().equals(mount.getKey()) || request.path().startsWith(mount.getKey() + "/")) {
                return new Route(mount.getValue(), request);
            }
        }
        return answering(AdminResponse.error(404, "no such resource: " + request.path()), request);
    }

    private static Route byMethod(Map<String, RequestHandler> byMethod, AdminRequest request) {
        RequestHandler handler = byMethod.get(request.method());
        if (handler == null) {
            return answering(AdminResponse.error(405, request.method() + " is not allowed on " + request.path())
                    .withHeader("Allow", String.join(", ", byMethod.keySet())), request);
        }
        return new Route(handler, request);
    }

    private static Route answering(AdminResponse response, AdminRequest request) {
        return new Route(new RequestHandler() {
            @Override
            public AdminResponse handle(AdminRequest ignored) {
                return response;
            }

            @Override
            public boolean mayBlock(AdminRequest ignored) {
                return false;
            }
        }, request);
    }

    private record Route(RequestHandler handler, AdminRequest request) {
    }

    public static final class Builder {
        private final Map<String, Map<String, RequestHandler>> exact = new LinkedHashMap<>();
        private final Map<PathTemplate, Map<String, RequestHandler>> byTemplate = new LinkedHashMap<>();
        private final Map<String, RequestHandler> mounts = new TreeMap<>((a, b) ->
                a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));

        private Builder() {
        }

        /** @param path exact ({@code /health}) or a template ({@code /api/v1/subscribers/{number}}) */
        public Builder route(String method, String path, RequestHandler handler) {
            Map<String, RequestHandler> byMethod = PathTemplate.isTemplate(path)
                    ? byTemplate.computeIfAbsent(PathTemplate.parse(path), t -> new LinkedHashMap<>())
                    : exact.computeIfAbsent(path, p -> new LinkedHashMap<>());
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
            return new Router(freeze(exact), freeze(byTemplate), new LinkedHashMap<>(mounts));
        }

        private static <K> Map<K, Map<String, RequestHandler>> freeze(Map<K, Map<String, RequestHandler>> routes) {
            Map<K, Map<String, RequestHandler>> frozen = new LinkedHashMap<>();
            routes.forEach((key, byMethod) ->
                    frozen.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(byMethod))));
            return Collections.unmodifiableMap(frozen);
        }
    }

    /** A path with {@code {name}} segments. */
    private record PathTemplate(String text, List<String> segments) {

        static boolean isTemplate(String path) {
            return path.contains("{");
        }

        static PathTemplate parse(String text) {
            List<String> segments = List.of(text.split("/", -1));
            for (String segment : segments) {
                boolean variable = segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2;
                if (!variable && (segment.contains("{") || segment.contains("}"))) {
                    throw new IllegalArgumentException("a template segment is a literal or a whole {name}: " + text);
                }
            }
            return new PathTemplate(text, segments);
        }

        /** The parameters, or null when the path does not fit. */
        Map<String, String> match(String path) {
            String[] parts = path.split("/", -1);
            if (parts.length != segments.size()) {
                return null;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < parts.length; i++) {
                String segment = segments.get(i);
                if (segment.startsWith("{")) {
                    if (parts[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(segment.substring(1, segment.length() - 1), parts[i]);
                } else if (!segment.equals(parts[i])) {
                    return null;
                }
            }
            return parameters;
        }
    }
}
