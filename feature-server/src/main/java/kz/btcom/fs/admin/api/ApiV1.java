package kz.btcom.fs.admin.api;

import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.admin.Router;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.auth.Authorization;
import kz.btcom.fs.admin.auth.WhoAmI;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.admin.calls.ItemizedBillEndpoint;
import kz.btcom.fs.admin.subscribers.LineTestEndpoint;
import kz.btcom.fs.admin.subscribers.SubscriberEndpoints;
import kz.btcom.fs.admin.subscribers.WakeUpEndpoints;
import kz.btcom.fs.admin.traces.TraceApi;
import kz.btcom.fs.admin.traces.TraceSources;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.SubscriberStore;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The operator and technician API under {@value AdminRoutes#API_V1}, as the table in PRODUCT.md has it: each call,
 * the roles that may make it, and its endpoint. Every call needs a bearer token.
 */
public final class ApiV1 {

    static final String SUBSCRIBERS = AdminRoutes.API_V1 + "/subscribers";
    static final String SUBSCRIBER = SUBSCRIBERS + "/{" + SubscriberEndpoints.NUMBER + "}";
    static final String LINE_TESTS = SUBSCRIBER + "/test-calls";
    static final String WAKE_UPS = SUBSCRIBER + "/wakeups";
    static final String WAKE_UP = WAKE_UPS + "/{" + WakeUpEndpoints.ID + "}";
    static final String CALLS = AdminRoutes.API_V1 + "/calls";
    static final String BILL = AdminRoutes.API_V1 + "/bill";
    static final String WHOAMI = AdminRoutes.API_V1 + "/whoami";
    static final String SIP_TRACES = AdminRoutes.API_V1 + "/traces/sip";
    static final String SIP_TRACE = SIP_TRACES + "/{" + TraceApi.CAPTURE_ID + "}";
    static final String MALICIOUS_CALLS = AdminRoutes.API_V1 + "/traces/malicious";
    static final String TRACE_AUDIT = AdminRoutes.API_V1 + "/traces/audit";

    private static final Set<Role> OPERATOR = EnumSet.of(Role.OPERATOR);
    private static final Set<Role> OPERATOR_OR_TECHNICIAN = EnumSet.of(Role.OPERATOR, Role.TECHNICIAN);
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    /** Traces name who called whom: not for the operator role (PRODUCT.md). */
    private static final Set<Role> TECHNICIAN = EnumSet.of(Role.TECHNICIAN);

    private ApiV1() {
    }

    /** The API without the bill and the technicians' trace calls (they answer 404): for tests of the rest. */
    public static RequestHandler routes(AccessTokens tokens, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls) {
        return routes(new Authorization(tokens), subscribers, numbering, calls, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The API without the bill, the technicians' trace calls and line tests, with the wake-up bookings. */
    public static RequestHandler routes(AccessTokens tokens, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls, WakeUpEndpoints wakeUps) {
        return routes(new Authorization(tokens), subscribers, numbering, calls, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(wakeUps));
    }

    /**
     * The API without the itemized bill (it answers 404): for tests of the rest.
     *
     * @param subscribers the store every read and change goes through: in the server, the cached directory, so
     *                    that a change is seen by the next call
     * @param traces      what the technicians' trace calls read and write
     */
    public static RequestHandler routes(AccessTokens tokens, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls, TraceSources traces) {
        return routes(new Authorization(tokens), subscribers, numbering, calls, Optional.empty(),
                Optional.of(new TraceApi(traces, numbering, SIP_TRACES)), Optional.empty(), Optional.empty());
    }

    /**
     * The whole API, as the server serves it.
     *
     * @param auth  the token check, with the server's limit on unknown tokens
     * @param bills the itemized bills, from the same records as {@code calls}
     */
    public static RequestHandler routes(Authorization auth, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls, ItemizedBillEndpoint bills, TraceSources traces) {
        return routes(auth, subscribers, numbering, calls, Optional.of(bills),
                Optional.of(new TraceApi(traces, numbering, SIP_TRACES)), Optional.empty(), Optional.empty());
    }

    /**
     * The whole API, as the server serves it, with the technicians' line tests.
     *
     * @param lineTests the test calls the server places to a line
     */
    public static RequestHandler routes(Authorization auth, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls, ItemizedBillEndpoint bills, TraceSources traces,
                                        LineTestEndpoint lineTests) {
        return routes(auth, subscribers, numbering, calls, Optional.of(bills),
                Optional.of(new TraceApi(traces, numbering, SIP_TRACES)), Optional.of(lineTests), Optional.empty());
    }

    /**
     * The whole API, as the server serves it, with the technicians' line tests and the lines' wake-up bookings.
     *
     * @param wakeUps the wake-up bookings: the operator books and cancels, the technicians look too
     */
    public static RequestHandler routes(Authorization auth, SubscriberStore subscribers, NumberingPlan numbering,
                                        CallRecordsEndpoint calls, ItemizedBillEndpoint bills, TraceSources traces,
                                        LineTestEndpoint lineTests, WakeUpEndpoints wakeUps) {
        return routes(auth, subscribers, numbering, calls, Optional.of(bills),
                Optional.of(new TraceApi(traces, numbering, SIP_TRACES)), Optional.of(lineTests), Optional.of(wakeUps));
    }

    private static RequestHandler routes(Authorization auth, SubscriberStore subscribers, NumberingPlan numbering,
                                         CallRecordsEndpoint calls, Optional<ItemizedBillEndpoint> bills,
                                         Optional<TraceApi> traces, Optional<LineTestEndpoint> lineTests,
                                         Optional<WakeUpEndpoints> wakeUps) {
        SubscriberEndpoints subscriber = new SubscriberEndpoints(subscribers, numbering, SUBSCRIBERS);
        Router.Builder router = Router.builder()
                .route("GET", WHOAMI, auth.requireRole(ANY_ROLE, WhoAmI::answer))
                .route("GET", CALLS, auth.requireRole(OPERATOR_OR_TECHNICIAN, calls::list))
                .route("GET", SUBSCRIBERS, auth.requireRole(OPERATOR_OR_TECHNICIAN, subscriber::list))
                .route("PUT", SUBSCRIBER, auth.requireRole(OPERATOR, subscriber::put))
                .route("GET", SUBSCRIBER, auth.requireRole(OPERATOR_OR_TECHNICIAN, subscriber::get))
                .route("PATCH", SUBSCRIBER, auth.requireRole(OPERATOR, subscriber::patch))
                .route("DELETE", SUBSCRIBER, auth.requireRole(OPERATOR, subscriber::delete));
        // Billing is the operator's (PRODUCT.md): a technician reads calls, not bills.
        bills.ifPresent(bill -> router.route("GET", BILL, auth.requireRole(OPERATOR, bill::bill)));
        // Testing a line is the technicians' work, like its traces.
        lineTests.ifPresent(test -> router.route("POST", LINE_TESTS, auth.requireRole(TECHNICIAN, test::start)));
        // Booking is provisioning, the operator's; a technician sees why a line was (not) called.
        wakeUps.ifPresent(wakeUp -> router.route("POST", WAKE_UPS, auth.requireRole(OPERATOR, wakeUp::book))
                .route("GET", WAKE_UPS, auth.requireRole(OPERATOR_OR_TECHNICIAN, wakeUp::list))
                .route("DELETE", WAKE_UP, auth.requireRole(OPERATOR, wakeUp::cancel)));
        traces.ifPresent(trace -> {
            // Every trace call is audited, the ones the token check refuses too.
            Authorization audited = auth.withRefusals(trace.refusals());
            router.route("POST", SIP_TRACES, audited.requireRole(TECHNICIAN, trace.startCapture()))
                    .route("GET", SIP_TRACES, audited.requireRole(TECHNICIAN, trace.captures()))
                    .route("GET", SIP_TRACE, audited.requireRole(TECHNICIAN, trace.capture()))
                    .route("GET", MALICIOUS_CALLS, audited.requireRole(TECHNICIAN, trace.maliciousCalls()))
                    .route("GET", TRACE_AUDIT, audited.requireRole(TECHNICIAN, trace.audit()));
        });
        return new StoreFailures(router.build());
    }
}
