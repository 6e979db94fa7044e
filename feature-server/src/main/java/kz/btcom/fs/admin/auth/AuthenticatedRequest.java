package kz.btcom.fs.admin.auth;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.admin.AdminRequest;

import java.util.Objects;

/** A request whose bearer token was known and whose role may make the call. */
public record AuthenticatedRequest(AdminRequest http, Principal principal) {

    public AuthenticatedRequest {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(principal, "principal");
    }
}
