package kz.btcom.fs.loadtest.functional;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber profile as an operator provisions it (PRODUCT.md "Subscriber profile"): an active line subscribed to
 * every service, with CLIP, no CLIR, call waiting off, nothing forwarded or barred; the end-to-end tests change what
 * their story needs.
 */
final class Profile {

    private boolean clir;
    private boolean callWaitingActive;
    private String forwardingOnBusy;
    private String forwardingUnconditional;
    private int barringLevel;
    private boolean threeWay = true;

    private Profile() {
    }

    static Profile line() {
        return new Profile();
    }

    /** The caller's number is withheld on every call (CLIR). */
    Profile clir() {
        clir = true;
        return this;
    }

    /** Call waiting subscribed, and active when {@code active}. */
    Profile callWaiting(boolean active) {
        callWaitingActive = active;
        return this;
    }

    /** @param target E.164 digits without '+' */
    Profile forwardingUnconditional(String target) {
        forwardingUnconditional = "+" + target;
        return this;
    }

    /** @param target E.164 digits without '+' */
    Profile forwardingOnBusy(String target) {
        forwardingOnBusy = "+" + target;
        return this;
    }

    /** Outgoing barring at {@code level} (1 international ... 4 all outgoing). */
    Profile barring(int level) {
        barringLevel = level;
        return this;
    }

    /** Not subscribed to three-way calling. */
    Profile withoutThreeWay() {
        threeWay = false;
        return this;
    }

    /** PUT /api/v1/subscribers/+NUMBER; asserts 201 or 200. @param number E.164 digits without '+' */
    void provision(AdminClient operator, String number) throws IOException, InterruptedException {
        AdminClient.Reply reply = operator.put("/api/v1/subscribers/+" + number, json(number));
        assertTrue(reply.status() == 201 || reply.status() == 200,
                "PUT +" + number + ": " + reply.status() + " " + reply.body());
    }

    String json(String number) {
        return """
                {"number": "+%s", "status": "active", "pin": "0000",
                 "services": {"clip": true, "clir": %s,
                              "callWaiting": {"subscribed": true, "active": %s},
                              "forwarding": {"subscribed": true, "unconditional": %s, "busy": %s,
                                             "noReply": null, "noReplySeconds": 20, "notReachable": null},
                              "barring": {"subscribed": true, "level": %d},
                              "wakeUp": {"subscribed": true},
                              "callReturn": {"subscribed": true},
                              "threeWay": {"subscribed": %s},
                              "mcid": {"subscribed": true}}}
                """.formatted(number, clir, callWaitingActive, quotedOrNull(forwardingUnconditional),
                quotedOrNull(forwardingOnBusy), barringLevel, threeWay);
    }

    private static String quotedOrNull(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
