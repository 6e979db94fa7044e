package kz.btcom.fs.admin.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.QueryParameters;

import java.util.List;

/**
 * {@code GET /api/v1/whoami}: the role of the token the call came with, and its id (as audits name it). A client
 * such as the console asks this once at sign-in to offer only what the role may do; the API still decides each
 * call. Any known token may ask: a role is no secret to the one holding the token.
 */
public final class WhoAmI {

    private WhoAmI() {
    }

    public static AdminResponse answer(AuthenticatedRequest request) {
        QueryParameters.of(request.http(), List.of());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("role", request.principal().role().configName());
        body.put("tokenId", request.principal().tokenId());
        return AdminResponse.json(200, body);
    }
}
