package kz.btcom.fs.admin;

/**
 * Answers a request. Endpoints are handlers, the {@link Router} is one, and cross-cutting checks (the bearer
 * token of the /api/v1 endpoints) wrap one.
 */
@FunctionalInterface
public interface RequestHandler {

    AdminResponse handle(AdminRequest request);

    /**
     * Whether answering may wait on something slow (the database). Those requests run on the HTTP server's small
     * worker pool; the rest, such as /health and /metrics, are answered on the event loop, so a slow database can
     * never make the load balancer think the server is down. When in doubt, a handler may block.
     */
    default boolean mayBlock(AdminRequest request) {
        return true;
    }
}
