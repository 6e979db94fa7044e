package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.linetest.LineTests;
import kz.btcom.fs.subscriber.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /subscribers/{number}/test-calls}: a technician rings a line to test it. 202 with the call's Call-ID and
 * icid at once, while the line rings; what became of the call is journaled when it ends.
 */
public final class LineTestEndpoint {

    private static final Logger log = LoggerFactory.getLogger(LineTestEndpoint.class);

    private final SubscriberStore store;
    private final NumberingPlan numbering;
    private final LineTests lineTests;
    private final BooleanSupplier journalTakesCalls;

    /** @param journalTakesCalls false while the billing journal is full: a call that cannot be journaled is not made */
    public LineTestEndpoint(SubscriberStore store, NumberingPlan numbering, LineTests lineTests,
                            BooleanSupplier journalTakesCalls) {
        this.store = Objects.requireNonNull(store, "store");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.lineTests = Objects.requireNonNull(lineTests, "lineTests");
        this.journalTakesCalls = Objects.requireNonNull(journalTakesCalls, "journalTakesCalls");
    }

    public AdminResponse start(AuthenticatedRequest request) {
        String number = SubscriberEndpoints.number(request.http(), numbering);
        if (store.find(number).isEmpty()) {
            throw SubscriberEndpoints.noSuchSubscriber(number);
        }
        if (!journalTakesCalls.getAsBoolean()) {
            return unavailable("the billing journal is full: the server places no calls until it has space");
        }
        PlacedCall call;
        try {
            call = lineTests.ring(number);
        } catch (IllegalStateException e) {
            return unavailable("the server places no calls now: " + e.getMessage());
        }
        log.info("line test of {} by {}: call {}", number, request.principal(), call.callId());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("number", number);
        body.put("callId", call.callId());
        body.put("icid", call.icid());
        return AdminResponse.json(202, body);
    }


    private static AdminResponse unavailable(String message) {
        return AdminResponse.error(503, message).withHeader("Retry-After", "5");
    }
}
