package kz.btcom.fs.admin.auth;

import kz.btcom.fs.admin.AdminResponse;

/** An endpoint behind {@link Authorization#requireRole}: it only sees requests that passed. */
@FunctionalInterface
public interface AuthenticatedHandler {
    AdminResponse handle(AuthenticatedRequest request);
}
