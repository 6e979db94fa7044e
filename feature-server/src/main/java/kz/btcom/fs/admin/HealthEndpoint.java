package kz.btcom.fs.admin;

import java.util.Objects;

/**
 * {@code GET /health}: 200 {@code {"status":"up"}}; 503 {@code {"status":"starting"}} before the server takes calls,
 * and {@code {"status":"stopping"}} once shutdown began.
 */
final class HealthEndpoint implements RequestHandler {

    private static final AdminResponse UP = AdminResponse.json(200, "{\"status\":\"up\"}");
    private static final AdminResponse STOPPING = AdminResponse.json(503, "{\"status\":\"stopping\"}");
    private static final AdminResponse STARTING = AdminResponse.json(503, "{\"status\":\"starting\"}");

    private final Health health;

    HealthEndpoint(Health health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        if (health.isStopping()) {
            return STOPPING;
        }
        return health.isStarting() ? STARTING : UP;
    }

    @Override
    public boolean mayBlock(AdminRequest request) {
        return false;
    }
}
