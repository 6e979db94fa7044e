package kz.btcom.fs.admin.api;

import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.subscriber.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that fails is not a bug of the endpoint: the client gets 503 and may try again, the log says what
 * the database said, and the details of the database stay out of the answer.
 */
final class StoreFailures implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(StoreFailures.class);

    private final RequestHandler handler;

    StoreFailures(RequestHandler handler) {
        this.handler = handler;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        try {
            return handler.handle(request);
        } catch (StoreException e) {
            log.warn("HTTP {} {}: the subscriber database failed: {}", request.method(), request.path(),
                    e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause());
            return AdminResponse.error(503, "the subscriber database is not available; try again shortly")
                    .withHeader("Retry-After", "5");
        }
    }

    @Override
    public boolean mayBlock(AdminRequest request) {
        return handler.mayBlock(request);
    }
}
