package kz.btcom.fs.admin;

import java.util.Objects;

/**
 * {@code GET /health}: 200 {@code {"status":"up"}}; 503 {@code {"status":"starting"}} before the server takes calls,
 * {@code {"status":"stopping"}} once shutdown began, and {@code {"status":"journal full"}} while new calls get 503
 * because the billing journal cannot take them (a load balancer sends them elsewhere; calls in progress go on).
 */
final class HealthEndpoint implements RequestHandler {

    private static final AdminResponse UP = AdminResponse.json(200, "{\"status\":\"up\"}");
    private static final AdminResponse STOPPING = AdminResponse.json(503, "{\"status\":\"stopping\"}");
    private static final AdminResponse JOURNAL_FULL = AdminResponse.json(503, "{\"status\":\"journal full\"}");
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
        if (health.isStarting()) {
            return STARTING;
        }
        return health.isJournalFull() ? JOURNAL_FULL : UP;
    }

    @Override
    public boolean mayBlock(AdminRequest request) {
        return false;
    }
}
