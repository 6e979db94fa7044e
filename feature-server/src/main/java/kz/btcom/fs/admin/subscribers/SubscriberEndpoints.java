package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.MergePatch;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static kz.btcom.fs.admin.subscribers.JsonFields.quoted;

/**
 * {@code /subscribers} and {@code /subscribers/{number}}: provisioning. Every change goes through the store it is
 * given (the cached directory in the server), so the next call sees it. Who changed what is logged.
 */
public final class SubscriberEndpoints {

    /** The path parameter of {@code /subscribers/{number}}. */
    public static final String NUMBER = "number";
    /** A profile is well under 1 KiB; this leaves room for the operator's own fields. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SubscriberEndpoints.class);
    private static final Set<String> PUT_TYPES = Set.of(JsonBody.JSON);
    private static final Set<String> PATCH_TYPES = Set.of(JsonBody.MERGE_PATCH, JsonBody.JSON);

    private final SubscriberStore store;
    private final NumberingPlan numbering;
    private final SubscriberJson json;
    private final String collectionPath;

    /** @param collectionPath where the list is ({@code /api/v1/subscribers}), for the Location of a new one */
    public SubscriberEndpoints(SubscriberStore store, NumberingPlan numbering, String collectionPath) {
        this.store = Objects.requireNonNull(store, "store");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.json = new SubscriberJson(numbering);
        this.collectionPath = Objects.requireNonNull(collectionPath, "collectionPath");
    }

    /** {@code GET /subscribers/{number}}. */
    public AdminResponse get(AuthenticatedRequest request) {
        String number = number(request.http());
        return store.find(number)
                .map(subscriber -> AdminResponse.json(200, json.toJson(subscriber)))
                .orElseThrow(() -> noSuchSubscriber(number));
    }

    /** {@code PUT /subscribers/{number}}: 201 when created, 200 when replaced; a replaced line keeps its PIN. */
    public AdminResponse put(AuthenticatedRequest request) {
        String number = number(request.http());
        ProfileInput input = json.fromJson(JsonBody.parse(request.http(), MAX_BODY_BYTES, PUT_TYPES), number);
        Optional<Pin> newPin = input.pinDigits().map(Pin::of);
        Optional<SubscriberStore.Change<Subscriber>> replaced = store.update(number, stored -> {
            Subscriber replacement = input.replace(stored, newPin);
            return new SubscriberStore.Change<>(replacement, replacement);
        });
        if (replaced.isPresent()) {
            log.info("subscriber {} replaced by {}", number, request.principal());
            return AdminResponse.json(200, json.toJson(replaced.get().result()));
        }
        Subscriber created = input.create(number, newPin.orElseGet(() -> Pin.of(Pin.DEFAULT_DIGITS)));
        if (!store.put(created)) {
            // Someone created it between the two calls; ours replaced theirs.
            log.info("subscriber {} replaced by {}", number, request.principal());
            return AdminResponse.json(200, json.toJson(created));
        }
        log.info("subscriber {} created by {}", number, request.principal());
        return AdminResponse.json(201, json.toJson(created)).withHeader("Location", collectionPath + "/" + number);
    }

    /**
     * {@code PATCH /subscribers/{number}}: a JSON merge patch (RFC 7396) of the profile as GET shows it, applied
     * with the line locked so a feature code dialled meanwhile is not lost. It may set a new PIN; null resets a
     * field to its default, but the status, number and PIN cannot be removed.
     */
    public AdminResponse patch(AuthenticatedRequest request) {
        String number = number(request.http());
        JsonNode body = JsonBody.parse(request.http(), MAX_BODY_BYTES, PATCH_TYPES);
        if (!body.isObject()) {
            throw RequestRejected.badRequest("a merge patch of a subscriber is a JSON object");
        }
        ObjectNode patch = ((ObjectNode) body).deepCopy();
        refuseRemoving(patch, SubscriberJson.STATUS, "it is active or suspended");
        refuseRemoving(patch, SubscriberJson.NUMBER, "it is the line's key");
        refuseRemoving(patch, SubscriberJson.PIN, "set a new PIN of " + Pin.MIN_DIGITS + " to " + Pin.MAX_DIGITS
                + " digits instead");
        Optional<Pin> newPin = Optional.ofNullable(patch.remove(SubscriberJson.PIN))
                .map(ProfileReader::pinDigits).map(Pin::of);
        SubscriberStore.Change<Optional<RequestRejected>> change = store.update(number, stored -> patched(stored,
                patch, newPin, number)).orElseThrow(() -> noSuchSubscriber(number));
        if (change.result().isPresent()) {
            throw change.result().get();
        }
        log.info("subscriber {} changed by {}", number, request.principal());
        return AdminResponse.json(200, json.toJson(change.subscriber()));
    }

    /** The stored profile with the patch applied, or why the patch cannot be: then the profile stays as it was. */
    private SubscriberStore.Change<Optional<RequestRejected>> patched(Subscriber stored, ObjectNode patch,
                                                                      Optional<Pin> newPin, String number) {
        try {
            ProfileInput input = json.fromJson(MergePatch.apply(json.toJson(stored), patch), number);
            return new SubscriberStore.Change<>(input.replace(stored, newPin), Optional.empty());
        } catch (RequestRejected e) {
            // Returned, not thrown through the store's transaction.
            return new SubscriberStore.Change<>(stored, Optional.of(e));
        }
    }

    /** {@code DELETE /subscribers/{number}}: 204. */
    public AdminResponse delete(AuthenticatedRequest request) {
        String number = number(request.http());
        if (!store.delete(number)) {
            throw noSuchSubscriber(number);
        }
        log.info("subscriber {} deleted by {}", number, request.principal());
        return AdminResponse.noContent();
    }

    /** {@code GET /subscribers?prefix=&limit=&after=}: a page in number order, and where the next one starts. */
    public AdminResponse list(AuthenticatedRequest request) {
        ListQuery query = ListQuery.of(request.http().query(), numbering);
        // One more than asked for says whether there is a next page without an empty last one.
        List<Subscriber> found = store.list(query.prefix(), query.after(), query.limit() + 1);
        List<Subscriber> page = found.size() > query.limit() ? found.subList(0, query.limit()) : found;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode subscribers = body.putArray("subscribers");
        page.forEach(subscriber -> subscribers.add(json.toJson(subscriber)));
        if (found.size() > query.limit()) {
            body.put("next", page.get(page.size() - 1).number());
        } else {
            body.putNull("next");
        }
        return AdminResponse.json(200, body);
    }

    private String number(AdminRequest request) {
        return number(request, numbering);
    }

    /** The line a {@code /subscribers/{number}/...} path names, in E.164 with '+'; 400 when it names none. */
    static String number(AdminRequest request, NumberingPlan numbering) {
        String given = request.pathParameter(NUMBER);
        return numbering.toE164(given).orElseThrow(() -> RequestRejected.badRequest(quoted(given)
                + " is not a telephone number; write it in E.164, with or without +"));
    }

    private static void refuseRemoving(ObjectNode patch, String field, String why) {
        if (patch.has(field) && patch.get(field).isNull()) {
            throw RequestRejected.badRequest(field + ": cannot be removed; " + why);
        }
    }

    static RequestRejected noSuchSubscriber(String number) {
        return RequestRejected.notFound("no subscriber " + number);
    }
}
