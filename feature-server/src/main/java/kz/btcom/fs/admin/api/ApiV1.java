package kz.btcom.fs.admin.api;

import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.admin.Router;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.admin.auth.Authorization;
import kz.btcom.fs.admin.auth.Role;
import kz.btcom.fs.admin.subscribers.SubscriberEndpoints;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.SubscriberStore;

import java.util.EnumSet;
import java.util.Set;

/**
 * The operator and technician API under {@value AdminRoutes#API_V1}, as the table in PRODUCT.md has it: each call,
 * the roles that may make it, and its endpoint. Every call needs a bearer token.
 */
public final class ApiV1 {

    static final String SUBSCRIBERS = AdminRoutes.API_V1 + "/subscribers";
    static final String SUBSCRIBER = SUBSCRIBERS + "/{" + SubscriberEndpoints.NUMBER + "}";
    static final String CALLS = AdminRoutes.API_V1 + "/calls";

    private static final Set<Role> OPERATOR = EnumSet.of(Role.OPERATOR);
    private static final Set<Role> OPERATOR_OR_TECHNICIAN = EnumSet.of(Role.OPERATOR, Role.TECHNICIAN);

    private ApiV1() {
    }

    /**
     * @param subscribers the store every read and change goes through: in the server, the cached directory, so
     *                    that a change is seen by the next call
     */
    public static RequestHandler routes(AccessTokens tokens, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls) {
        Authorization auth = new Authorization(tokens);
        SubscriberEndpoints subscriber = new SubscriberEndpoints(subscribers, numbering, SUBSCRIBERS);
        Router router = Router.builder()
                .route("GET", CALLS, auth.requireRole(OPERATOR_OR_TECHNICIAN, calls::list))
                .route("GET", SUBSCRIBERS, auth.requireRole(OPERATOR_OR_TECHNICIAN, subscriber::list))
                .route("PUT", SUBSCRIBER, auth.requireRole(OPERATOR, subscriber::put))
                .route("GET", SUBSCRIBER, auth.requireRole(OPERATOR_OR_TECHNICIAN, subscriber::get))
                .route("PATCH", SUBSCRIBER, auth.requireRole(OPERATOR, subscriber::patch))
                .route("DELETE", SUBSCRIBER, auth.requireRole(OPERATOR, subscriber::delete))
                .build();
        return new StoreFailures(router);
    }
}
