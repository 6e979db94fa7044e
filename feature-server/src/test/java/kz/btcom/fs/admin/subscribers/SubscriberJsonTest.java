package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Barring;
import kz.btcom.fs.subscriber.CallWaiting;
import kz.btcom.fs.subscriber.Forwarding;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile of PRODUCT.md to and from {@link Subscriber}: field names, defaults, checks and unknown fields. */
class SubscriberJsonTest {

    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172123456";
    private static final NumberingPlan NUMBERING = NumberingPlan.builtIn();
    private static final Pin PIN = Pin.of("0000");

    private final SubscriberJson json = new SubscriberJson(NUMBERING);

    private static JsonNode parse(String text) {
        return JsonBody.read(text.getBytes(StandardCharsets.UTF_8), "test input");
    }

    private ProfileInput read(String text) {
        return json.fromJson(parse(text), ALMATY);
    }

    private String problemWith(String text) {
        return assertThrows(RequestRejected.class, () -> read(text)).getMessage();
    }

    private static Subscriber subscriber(Services services, String extraJson) {
        return new Subscriber(ALMATY, LineStatus.ACTIVE, PIN, services, PinGuard.CLEAR, extraJson);
    }

    private static final Services EVERYTHING = new Services(true, false, new CallWaiting(true, false),
            new Forwarding(true, Optional.of("+77272345678"), Optional.empty(), Optional.of("+77011234567"), 30,
                    Optional.empty()),
            new Barring(true, 1), true, true, false, true);

    @Test
    void writesEveryFieldInTheOrderOfTheProductSpecificationAndNeverThePin() {
        String written = json.toJson(subscriber(EVERYTHING, "{}")).toString();

        assertEquals("{\"number\":\"+77272777888\",\"status\":\"active\",\"services\":{"
                + "\"clip\":true,\"clir\":false,"
                + "\"callWaiting\":{\"subscribed\":true,\"active\":false},"
                + "\"forwarding\":{\"subscribed\":true,\"unconditional\":\"+77272345678\",\"busy\":null,"
                + "\"noReply\":\"+77011234567\",\"noReplySeconds\":30,\"notReachable\":null},"
                + "\"barring\":{\"subscribed\":true,\"level\":1},"
                + "\"wakeUp\":{\"subscribed\":true},\"callReturn\":{\"subscribed\":true},"
                + "\"threeWay\":{\"subscribed\":false},\"mcid\":{\"subscribed\":true}}}", written);
        assertFalse(written.contains("pin"), written);
    }

    @Test
    void writesASuspendedLineAsSuspended() {
        Subscriber suspended = subscriber(Services.NONE, "{}").withStatus(LineStatus.SUSPENDED);

        assertEquals("suspended", json.toJson(suspended).get("status").textValue());
    }

    @Test
    void readsTheExampleOfTheProductSpecification() {
        ProfileInput input = read("""
                {
                  "number": "+77272777888",
                  "status": "active",
                  "pin": "0000",
                  "services": {
                    "clip": true,
                    "clir": false,
                    "callWaiting": {"subscribed": true, "active": false},
                    "forwarding": {"subscribed": true, "unconditional": null, "busy": null,
                                   "noReply": null, "noReplySeconds": 20, "notReachable": null},
                    "barring": {"subscribed": true, "level": 0},
                    "wakeUp": {"subscribed": true},
                    "callReturn": {"subscribed": true},
                    "threeWay": {"subscribed": true},
                    "mcid": {"subscribed": true}
                  }
                }""");

        assertEquals(LineStatus.ACTIVE, input.status());
        assertEquals(Optional.of("0000"), input.pinDigits());
        Forwarding subscribedOnly = new Forwarding(true, Optional.empty(), Optional.empty(), Optional.empty(), 20,
                Optional.empty());
        assertEquals(new Services(true, false, new CallWaiting(true, false), subscribedOnly, new Barring(true, 0),
                true, true, true, true), input.services());
        assertEquals("{}", input.extraJson());
    }

    @Test
    void fieldsLeftOutTakeTheirDefaults() {
        ProfileInput input = read("{}");

        assertEquals(LineStatus.ACTIVE, input.status());
        assertEquals(Optional.empty(), input.pinDigits());
        assertEquals(Services.NONE, input.services());
        assertEquals(20, input.services().forwarding().noReplySeconds());
        assertEquals("{}", input.extraJson());
    }

    @Test
    void aKnownFieldSetToNullTakesItsDefault() {
        ProfileInput input = read("{\"services\": {\"clip\": null, \"forwarding\": {\"noReplySeconds\": null},"
                + " \"barring\": null}}");

        assertEquals(Services.NONE, input.services());
        assertEquals("{}", input.extraJson());
    }

    @Test
    void aSuspendedStatusIsRead() {
        assertEquals(LineStatus.SUSPENDED, read("{\"status\": \"suspended\"}").status());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2345678           | +77272345678",
            "2777000           | +77272777000",
            "87172654321       | +77172654321",
            "87011234567       | +77011234567",
            "+77011234567      | +77011234567",
            "77011234567       | +77011234567",
            "81049301234567    | +49301234567",
            "tel:+7-727-234-5678 | +77272345678"})
    void forwardingTargetsAreTakenAsDialledAndStoredInE164(String dialled, String e164) {
        ProfileInput input = read("{\"services\": {\"forwarding\": {\"busy\": \"" + dialled + "\"}}}");

        assertEquals(Optional.of(e164), input.services().forwarding().busy());
    }

    @Test
    void aLocalForwardingTargetIsInTheSubscribersOwnArea() {
        ProfileInput input = json.fromJson(parse("{\"services\": {\"forwarding\": {\"noReply\": \"654321\"}}}"),
                ASTANA);

        assertEquals(Optional.of("+77172654321"), input.services().forwarding().noReply());
    }

    @Test
    void anUnknownForwardingTargetIs400NamingTheField() {
        assertEquals("services.forwarding.busy: \"12\" is not a number this line can dial",
                problemWith("{\"services\": {\"forwarding\": {\"busy\": \"12\"}}}"));
        assertEquals("services.forwarding.notReachable: \"call me\" is not a number this line can dial",
                problemWith("{\"services\": {\"forwarding\": {\"notReachable\": \"call me\"}}}"));
    }

    @Test
    void aShortCodeIsNoForwardingTarget() {
        assertEquals("services.forwarding.unconditional: \"112\" is a short code; calls are forwarded to full"
                        + " numbers only",
                problemWith("{\"services\": {\"forwarding\": {\"unconditional\": \"112\"}}}"));
    }

    @Test
    void aForwardingTargetTheLinesOwnBarringBarsIs400() {
        assertEquals("services.forwarding.unconditional: +493012345678 is international, which the line's own"
                        + " barring level 1 bars",
                problemWith("{\"services\": {\"barring\": {\"subscribed\": true, \"level\": 1},"
                        + " \"forwarding\": {\"subscribed\": true, \"unconditional\": \"810493012345678\"}}}"));
        assertEquals("services.forwarding.busy: +77172555111 is national, which the line's own barring level 2 bars",
                problemWith("{\"services\": {\"barring\": {\"subscribed\": true, \"level\": 2},"
                        + " \"forwarding\": {\"busy\": \"87172555111\"}}}"));
    }

    @Test
    void aLocalTargetPassesBarringBelowLevel4() {
        assertEquals(Optional.of("+77272777000"), read("{\"services\": {\"barring\": {\"subscribed\": true,"
                + " \"level\": 3}, \"forwarding\": {\"unconditional\": \"2777000\"}}}")
                .services().forwarding().unconditional());
    }

    @Test
    void aLineCannotForwardToItself() {
        assertEquals("services.forwarding.busy: a line cannot forward to itself",
                problemWith("{\"services\": {\"forwarding\": {\"busy\": \"2777888\"}}}"));
    }

    @Test
    void aForwardingTargetMustBeAString() {
        assertEquals("services.forwarding.busy: must be a number in a string, or null, not 2345678",
                problemWith("{\"services\": {\"forwarding\": {\"busy\": 2345678}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "200   | services.forwarding.noReplySeconds: 200 is out of range 5-180",
            "4     | services.forwarding.noReplySeconds: 4 is out of range 5-180",
            "-1    | services.forwarding.noReplySeconds: -1 is out of range 5-180",
            "99999999999 | services.forwarding.noReplySeconds: 99999999999 is out of range 5-180",
            "20.5  | services.forwarding.noReplySeconds: must be a whole number from 5 to 180, not 20.5",
            "\"20\" | services.forwarding.noReplySeconds: must be a whole number from 5 to 180, not \"20\""})
    void aNoReplyTimeOutsideFiveTo180SecondsIs400(String value, String problem) {
        assertEquals(problem, problemWith("{\"services\": {\"forwarding\": {\"noReplySeconds\": " + value + "}}}"));
    }

    @Test
    void theNoReplyTimeLimitsAreAccepted() {
        assertEquals(5, read("{\"services\": {\"forwarding\": {\"noReplySeconds\": 5}}}")
                .services().forwarding().noReplySeconds());
        assertEquals(180, read("{\"services\": {\"forwarding\": {\"noReplySeconds\": 180}}}")
                .services().forwarding().noReplySeconds());
    }

    @Test
    void aBarringLevelAbove4Is400() {
        assertEquals("services.barring.level: 5 is out of range 0-4",
                problemWith("{\"services\": {\"barring\": {\"level\": 5}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"paused\" | status: \"paused\" is not active or suspended",
            "\"ACTIVE\" | status: \"ACTIVE\" is not active or suspended",
            "1          | status: 1 is not active or suspended",
            "null       | status: null is not active or suspended"})
    void aStatusOtherThanActiveOrSuspendedIs400(String value, String problem) {
        assertEquals(problem, problemWith("{\"status\": " + value + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"123\"       | pin: must be 4 to 8 digits",
            "\"123456789\" | pin: must be 4 to 8 digits",
            "\"12a4\"      | pin: must be 4 to 8 digits",
            "\"\"          | pin: must be 4 to 8 digits",
            "1234          | pin: must be 4 to 8 digits, in a string",
            "null          | pin: must be 4 to 8 digits, in a string"})
    void aPinThatIsNot4To8DigitsIs400(String value, String problem) {
        assertEquals(problem, problemWith("{\"pin\": " + value + "}"));
    }

    @Test
    void aPinOf4To8DigitsIsTaken() {
        assertEquals(Optional.of("0042"), read("{\"pin\": \"0042\"}").pinDigits());
        assertEquals(Optional.of("12345678"), read("{\"pin\": \"12345678\"}").pinDigits());
    }

    @Test
    void aSwitchThatIsNotABooleanIs400NamingItsPath() {
        assertEquals("services.clip: must be true or false, not \"yes\"",
                problemWith("{\"services\": {\"clip\": \"yes\"}}"));
        assertEquals("services.callWaiting.active: must be true or false, not 1",
                problemWith("{\"services\": {\"callWaiting\": {\"active\": 1}}}"));
        assertEquals("services.mcid.subscribed: must be true or false, not \"true\"",
                problemWith("{\"services\": {\"mcid\": {\"subscribed\": \"true\"}}}"));
    }

    @Test
    void aServiceThatIsNotAnObjectIs400() {
        assertEquals("services: must be an object, not [1]", problemWith("{\"services\": [1]}"));
        assertEquals("services.wakeUp: must be an object, not true",
                problemWith("{\"services\": {\"wakeUp\": true}}"));
    }

    @Test
    void aProfileThatIsNotAnObjectIs400() {
        assertEquals("a subscriber profile is a JSON object, not an array",
                assertThrows(RequestRejected.class, () -> json.fromJson(parse("[]"), ALMATY)).getMessage());
        assertEquals("a subscriber profile is a JSON object, not a string",
                assertThrows(RequestRejected.class, () -> json.fromJson(parse("\"x\""), ALMATY)).getMessage());
    }

    @Test
    void theBodysNumberMayBeWrittenInAnyFullForm() {
        for (String number : new String[] {"\"77272777888\"", "\"87272777888\"", "\"+77272777888\"", "null"}) {
            // Accepted, and read as the path's line: nothing of it is kept as an unknown field.
            assertEquals(read("{}"), read("{\"number\": " + number + "}"), number);
        }
    }

    @Test
    void aBodysNumberOtherThanThePathsIs400() {
        assertEquals("number: \"+77272777999\" is not the number in the path, +77272777888",
                problemWith("{\"number\": \"+77272777999\"}"));
        assertEquals("number: must be a number in a string, not 77272777888",
                problemWith("{\"number\": 77272777888}"));
    }

    @Test
    void unknownFieldsAreKeptWhereTheyWereAndWrittenBackThere() {
        ProfileInput input = read("""
                {"tariff": "home-2", "contract": {"id": 17, "since": "2024-01-01"},
                 "services": {"clip": true, "video": {"subscribed": true},
                              "forwarding": {"busy": "2345678", "note": "to the office"}}}""");

        assertEquals("{\"tariff\":\"home-2\",\"contract\":{\"id\":17,\"since\":\"2024-01-01\"},"
                + "\"services\":{\"video\":{\"subscribed\":true},\"forwarding\":{\"note\":\"to the office\"}}}",
                input.extraJson());
        JsonNode written = json.toJson(input.create(ALMATY, PIN));
        assertEquals("home-2", written.get("tariff").textValue());
        assertEquals(17, written.at("/contract/id").intValue());
        assertTrue(written.at("/services/video/subscribed").booleanValue());
        assertEquals("to the office", written.at("/services/forwarding/note").textValue());
        assertEquals("+77272345678", written.at("/services/forwarding/busy").textValue());
    }

    @Test
    void unknownNumbersKeepTheirExactText() {
        ProfileInput input = read("{\"discount\": 1.50, \"big\": 123456789012345678901234567890}");

        assertEquals("{\"discount\":1.50,\"big\":123456789012345678901234567890}", input.extraJson());
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameProfile() {
        Subscriber original = subscriber(EVERYTHING, "{\"tariff\":\"home-2\"}");

        ProfileInput again = json.fromJson(json.toJson(original), ALMATY);

        assertEquals(original, again.replace(original, Optional.empty()));
    }

    @Test
    void aStoredProfileWithoutExtraFieldsMayHaveAnEmptyString() {
        assertEquals(json.toJson(subscriber(Services.NONE, "{}")), json.toJson(subscriber(Services.NONE, "")));
    }
}
