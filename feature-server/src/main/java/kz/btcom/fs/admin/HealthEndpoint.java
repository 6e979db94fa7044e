package kz.btcom.fs.admin;

import java.util.Objects;

/** {@code GET /health}: 200 {@code {"status":"up"}}, or 503 {@code {"status":"stopping"}} once shutdown began. */
final class HealthEndpoint implements RequestHandler {

    private static final AdminResponse UP = AdminResponse.json(200, "{\"status\":\"up\"}");
    private static final AdminResponse STOPPING = AdminResponse.json(503, "{\"status\":\"stopping\"}");

    private final Health health;

    HealthEndpoint(Health health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        return health.isStopping() ? STOPPING : UP;
    }

    @Override
    public boolean mayBlock(AdminRequest request) {
        return false;
    }
}
