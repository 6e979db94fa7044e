package kz.btcom.fs.admin;

/**
 * Answers a request. Endpoints are handlers, the {@link Router} is one, and cross-cutting checks (the bearer
 * token of the later /api/v1 endpoints) wrap one: {@code requireRole(OPERATOR, subscribersEndpoint)}.
 */
@FunctionalInterface
public interface RequestHandler {
    AdminResponse handle(AdminRequest request);
}
