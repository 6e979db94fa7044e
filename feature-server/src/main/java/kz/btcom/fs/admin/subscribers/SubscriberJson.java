package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Forwarding;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscriber profile of the HTTP API (PRODUCT.md, "Subscriber profile") to and from {@link Subscriber}: the one
 * place that knows its field names. Written, a profile never holds the PIN; fields this server does not know are
 * kept in {@link Subscriber#extraJson()} as a tree of their own and merged back where they were.
 */
public final class SubscriberJson {

    static final String NUMBER = "number";
    static final String STATUS = "status";
    static final String PIN = "pin";
    static final String SERVICES = "services";
    static final String CLIP = "clip";
    static final String CLIR = "clir";
    static final String CALL_WAITING = "callWaiting";
    static final String SUBSCRIBED = "subscribed";
    static final String ACTIVE = "active";
    static final String FORWARDING = "forwarding";
    static final String UNCONDITIONAL = "unconditional";
    static final String BUSY = "busy";
    static final String NO_REPLY = "noReply";
    static final String NO_REPLY_SECONDS = "noReplySeconds";
    static final String NOT_REACHABLE = "notReachable";
    static final String BARRING = "barring";
    static final String LEVEL = "level";
    static final String WAKE_UP = "wakeUp";
    static final String CALL_RETURN = "callReturn";
    static final String THREE_WAY = "threeWay";
    static final String MCID = "mcid";

    static final String NO_EXTRA_FIELDS = "{}";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final NumberingPlan numbering;

    public SubscriberJson(NumberingPlan numbering) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
    }

    /** The profile as GET returns it: known fields in the order of PRODUCT.md, then the unknown ones. */
    public ObjectNode toJson(Subscriber subscriber) {
        ObjectNode json = NODES.objectNode();
        json.put(NUMBER, subscriber.number());
        json.put(STATUS, subscriber.status().jsonName());
        json.set(SERVICES, services(subscriber.services()));
        mergeExtras(json, extras(subscriber.extraJson()));
        return json;
    }

    /**
     * A profile as PUT (or a merge patch's result) gives it, checked; fields left out take their defaults.
     *
     * @param number the subscriber's E.164 number, from the path
     * @throws kz.btcom.fs.admin.RequestRejected 400 naming the field by its dotted path and saying what is wrong
     */
    public ProfileInput fromJson(JsonNode document, String number) {
        return new ProfileReader(numbering, number).read(document);
    }

    private static ObjectNode services(Services services) {
        ObjectNode json = NODES.objectNode();
        json.put(CLIP, services.clip());
        json.put(CLIR, services.clir());
        json.putObject(CALL_WAITING)
                .put(SUBSCRIBED, services.callWaiting().subscribed())
                .put(ACTIVE, services.callWaiting().active());
        json.set(FORWARDING, forwarding(services.forwarding()));
        json.putObject(BARRING)
                .put(SUBSCRIBED, services.barring().subscribed())
                .put(LEVEL, services.barring().level());
        json.putObject(WAKE_UP).put(SUBSCRIBED, services.wakeUp());
        json.putObject(CALL_RETURN).put(SUBSCRIBED, services.callReturn());
        json.putObject(THREE_WAY).put(SUBSCRIBED, services.threeWay());
        json.putObject(MCID).put(SUBSCRIBED, services.mcid());
        return json;
    }

    private static ObjectNode forwarding(Forwarding forwarding) {
        ObjectNode json = NODES.objectNode();
        json.put(SUBSCRIBED, forwarding.subscribed());
        putTarget(json, UNCONDITIONAL, forwarding.unconditional());
        putTarget(json, BUSY, forwarding.busy());
        putTarget(json, NO_REPLY, forwarding.noReply());
        json.put(NO_REPLY_SECONDS, forwarding.noReplySeconds());
        putTarget(json, NOT_REACHABLE, forwarding.notReachable());
        return json;
    }

    private static void putTarget(ObjectNode json, String field, Optional<String> target) {
        if (target.isPresent()) {
            json.put(field, target.get());
        } else {
            json.putNull(field);
        }
    }

    private static ObjectNode extras(String extraJson) {
        if (extraJson.isBlank()) {
            return NODES.objectNode();
        }
        try {
            JsonNode extras = JsonBody.mapper().readTree(extraJson);
            if (!extras.isObject()) {
                throw new IllegalStateException("a subscriber's extra fields are not a JSON object: " + extraJson);
            }
            return (ObjectNode) extras;
        } catch (IOException e) {
            throw new IllegalStateException("a subscriber's extra fields are not JSON: " + e.getMessage(), e);
        }
    }

    /** Puts each unknown field back where it came from; a known field of the same name stays as it is. */
    private static void mergeExtras(ObjectNode known, ObjectNode extras) {
        for (Map.Entry<String, JsonNode> field : extras.properties()) {
            JsonNode existing = known.get(field.getKey());
            if (existing == null) {
                known.set(field.getKey(), field.getValue());
            } else if (existing.isObject() && field.getValue().isObject()) {
                mergeExtras((ObjectNode) existing, (ObjectNode) field.getValue());
            }
        }
    }
}
