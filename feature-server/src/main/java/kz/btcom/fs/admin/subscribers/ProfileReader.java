package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.service.barring.BarringPolicy;
import kz.btcom.fs.subscriber.ForwardingKind;
import kz.btcom.fs.numbering.Area;
import kz.btcom.fs.numbering.ClassifiedNumber;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Barring;
import kz.btcom.fs.subscriber.CallWaiting;
import kz.btcom.fs.subscriber.Forwarding;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.Services;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import static kz.btcom.fs.admin.subscribers.JsonFields.quoted;
import static kz.btcom.fs.admin.subscribers.SubscriberJson.*;

/**
 * Reads one profile document for one subscriber. Defaults for what is left out: status active, every service
 * unsubscribed and off, no forwarding, a no-reply time of 20 s, barring level 0. Forwarding targets may be
 * written as the subscriber would dial them and are stored in E.164, read in the subscriber's own area.
 */
final class ProfileReader {

    private final NumberingPlan numbering;
    private final String number;
    private final Optional<Area> area;

    ProfileReader(NumberingPlan numbering, String number) {
        this.numbering = numbering;
        this.number = number;
        this.area = numbering.areaOf(number);
    }

    ProfileInput read(JsonNode document) {
        if (!document.isObject()) {
            throw RequestRejected.badRequest("a subscriber profile is a JSON object, not " + kindOf(document));
        }
        ObjectNode extras = ((ObjectNode) document).deepCopy();
        JsonFields fields = JsonFields.of((ObjectNode) document, extras);
        fields.raw(NUMBER).filter(node -> !node.isNull()).ifPresent(this::checkNumber);
        LineStatus status = fields.raw(STATUS).map(ProfileReader::status).orElse(LineStatus.ACTIVE);
        Optional<String> pin = fields.raw(PIN).map(ProfileReader::pinDigits);
        Services services = fields.object(SERVICES, this::services);
        return new ProfileInput(status, services, pin, extras.isEmpty() ? NO_EXTRA_FIELDS : write(extras));
    }

    /** A PIN as the API takes it: 4 to 8 digits, in a string so that leading zeros survive. */
    static String pinDigits(JsonNode node) {
        if (node.isTextual() && Pin.isWellFormed(node.textValue())) {
            return node.textValue();
        }
        throw RequestRejected.badRequest(PIN + ": must be " + Pin.MIN_DIGITS + " to " + Pin.MAX_DIGITS + " digits"
                + (node.isTextual() ? "" : ", in a string"));
    }

    private static LineStatus status(JsonNode node) {
        return Optional.of(node).filter(JsonNode::isTextual).flatMap(n -> LineStatus.fromJsonName(n.textValue()))
                .orElseThrow(() -> RequestRejected.badRequest(STATUS + ": " + node + " is not active or suspended"));
    }

    private void checkNumber(JsonNode node) {
        if (!node.isTextual()) {
            throw RequestRejected.badRequest(NUMBER + ": must be a number in a string, not " + node);
        }
        if (!numbering.toE164(node.textValue()).filter(number::equals).isPresent()) {
            throw RequestRejected.badRequest(NUMBER + ": " + node + " is not the number in the path, " + number);
        }
    }

    private Services services(JsonFields services) {
        return withinOwnBarring(new Services(
                services.bool(CLIP),
                services.bool(CLIR),
                services.object(CALL_WAITING, cw -> new CallWaiting(cw.bool(SUBSCRIBED), cw.bool(ACTIVE))),
                services.object(FORWARDING, this::forwarding),
                services.object(BARRING, barring -> new Barring(barring.bool(SUBSCRIBED),
                        barring.integer(LEVEL, 0, 0, Barring.MAX_LEVEL))),
                services.object(WAKE_UP, ProfileReader::subscribed),
                services.object(CALL_RETURN, ProfileReader::subscribed),
                services.object(THREE_WAY, ProfileReader::subscribed),
                services.object(MCID, ProfileReader::subscribed)));
    }

    /**
     * A forwarded call is an outgoing call the line pays for, so its own barring applies to the target when it is
     * set (PRODUCT.md), by the operator as by the subscriber's feature code.
     */
    private Services withinOwnBarring(Services services) {
        if (!services.barring().subscribed() || services.barring().level() == 0) {
            return services;
        }
        Map<ForwardingKind, String> fields = Map.of(ForwardingKind.UNCONDITIONAL, UNCONDITIONAL,
                ForwardingKind.BUSY, BUSY, ForwardingKind.NO_REPLY, NO_REPLY, ForwardingKind.NOT_REACHABLE, NOT_REACHABLE);
        for (ForwardingKind kind : ForwardingKind.values()) {
            Optional<String> target = services.forwarding().target(kind);
            if (target.isPresent()) {
                NumberClass numberClass = numbering.classify(target.get(), area);
                if (BarringPolicy.bars(services.barring().level(), numberClass)) {
                    throw RequestRejected.badRequest(SERVICES + "." + FORWARDING + "." + fields.get(kind) + ": "
                            + target.get() + " is " + numberClass.jsonName() + ", which the line's own barring level "
                            + services.barring().level() + " bars");
                }
            }
        }
        return services;
    }

    private static boolean subscribed(JsonFields service) {
        return service.bool(SUBSCRIBED);
    }

    private Forwarding forwarding(JsonFields forwarding) {
        return new Forwarding(
                forwarding.bool(SUBSCRIBED),
                target(forwarding, UNCONDITIONAL),
                target(forwarding, BUSY),
                target(forwarding, NO_REPLY),
                forwarding.integer(NO_REPLY_SECONDS, Forwarding.DEFAULT_NO_REPLY_SECONDS,
                        Forwarding.MIN_NO_REPLY_SECONDS, Forwarding.MAX_NO_REPLY_SECONDS),
                target(forwarding, NOT_REACHABLE));
    }

    private Optional<String> target(JsonFields forwarding, String field) {
        return forwarding.text(field, "a number in a string, or null").map(dialled -> {
            ClassifiedNumber target = numbering.normalise(dialled, area).orElseThrow(() ->
                    forwarding.invalid(field, quoted(dialled) + " is not a number this line can dial"));
            if (!target.isE164()) {
                throw forwarding.invalid(field, quoted(dialled) + " is a short code; calls are forwarded to"
                        + " full numbers only");
            }
            if (target.e164OrShortCode().equals(number)) {
                throw forwarding.invalid(field, "a line cannot forward to itself");
            }
            return target.e164OrShortCode();
        });
    }

    private static String kindOf(JsonNode node) {
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean" : "null";
    }

    private static String write(ObjectNode extras) {
        try {
            return JsonBody.mapper().writeValueAsString(extras);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree always serializes", e);
        }
    }
}
