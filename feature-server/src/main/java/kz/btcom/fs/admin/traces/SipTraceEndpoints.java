package kz.btcom.fs.admin.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.QueryParameters;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.trace.CaptureIds;
import kz.btcom.fs.trace.CaptureInfo;
import kz.btcom.fs.trace.CapturesBusyException;
import kz.btcom.fs.trace.SipTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /traces/sip} starts a capture of one number's calls; {@code GET /traces/sip/{id}} downloads it as a
 * pcap file, also while it runs; {@code GET /traces/sip} lists them.
 */
final class SipTraceEndpoints {

    /** The path parameter of {@code /traces/sip/{id}}. */
    static final String ID = "id";
    static final String PCAP = "application/vnd.tcpdump.pcap";
    /** {@code {"number": "+77272777888", "seconds": 3600}} is 40 bytes; this leaves room for spaces. */
    static final int MAX_BODY_BYTES = 1024;

    private static final Logger log = LoggerFactory.getLogger(SipTraceEndpoints.class);
    private static final Set<String> FIELDS = Set.of("number", "seconds");

    private final SipTraces traces;
    private final NumberingPlan numbering;
    private final String collectionPath;

    /** @param collectionPath where the captures are ({@code /api/v1/traces/sip}), for the Location of a new one */
    SipTraceEndpoints(SipTraces traces, NumberingPlan numbering, String collectionPath) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.collectionPath = Objects.requireNonNull(collectionPath, "collectionPath");
    }

    /** {@code POST /traces/sip}: 201 with the capture, 409 when as many run as may. */
    TraceAnswer start(AuthenticatedRequest request) {
        JsonNode body = JsonBody.parse(request.http(), MAX_BODY_BYTES, Set.of(JsonBody.JSON));
        if (!body.isObject()) {
            throw RequestRejected.badRequest("the body is a JSON object: {\"number\": \"+77272777888\","
                    + " \"seconds\": 60}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw RequestRejected.badRequest(name + ": unknown field; a capture takes number and seconds");
            }
        }
        String number = number(body.get("number"));
        int seconds = seconds(body.get("seconds"));
        CaptureInfo capture;
        try {
            capture = traces.start(number, seconds, request.principal());
        } catch (CapturesBusyException e) {
            return TraceAnswer.about(AdminResponse.error(409, e.getMessage()), "", number);
        } catch (UncheckedIOException e) {
            log.warn("SIP capture of {} for {}: {}", number, request.principal(), e.getMessage());
            return TraceAnswer.about(AdminResponse.error(503, "the capture file cannot be created; try again"
                    + " shortly").withHeader("Retry-After", "5"), "", number);
        }
        String id = capture.id();
        AdminResponse created = AdminResponse.json(201, started(capture))
                .withHeader("Location", collectionPath + "/" + id);
        return new TraceAnswer(created, id, number, () -> traces.discard(id));
    }

    /** {@code GET /traces/sip/{id}}: the pcap file so far. */
    TraceAnswer download(AuthenticatedRequest request) {
        String id = request.http().pathParameter(ID);
        Optional<CaptureInfo> capture = CaptureIds.isWellFormed(id) ? traces.find(id) : Optional.empty();
        if (capture.isEmpty()) {
            return TraceAnswer.about(AdminResponse.error(404, "no SIP capture " + id), id, "");
        }
        Optional<byte[]> pcap;
        try {
            pcap = traces.contents(id);
        } catch (IOException e) {
            log.warn("SIP capture {}: cannot read it for {}: {}", id, request.principal(), e.toString());
            return TraceAnswer.about(AdminResponse.error(503, "the capture file cannot be read; try again shortly")
                    .withHeader("Retry-After", "5"), id, capture.get().number());
        }
        if (pcap.isEmpty()) {
            return TraceAnswer.about(AdminResponse.error(404, "no SIP capture " + id), id, "");
        }
        AdminResponse file = new AdminResponse(200, PCAP, pcap.get(),
                Map.of("Content-Disposition", "attachment; filename=\"" + id + ".pcap\""));
        return TraceAnswer.about(file, id, capture.get().number());
    }

    /** {@code GET /traces/sip}: every capture on this node, oldest first. */
    TraceAnswer list(AuthenticatedRequest request) {
        QueryParameters.of(request.http(), List.of());
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        traces.list().forEach(capture -> body.add(listed(capture)));
        return TraceAnswer.of(AdminResponse.json(200, body));
    }

    private String number(JsonNode field) {
        if (field == null || field.isNull()) {
            throw RequestRejected.badRequest("number: required, the subscriber's number in E.164");
        }
        if (!field.isTextual()) {
            throw RequestRejected.badRequest("number: must be a string, not " + field);
        }
        return numbering.toE164(field.textValue()).orElseThrow(() -> RequestRejected.badRequest("number: "
                + field + " is not a telephone number; write it in E.164, with or without +"));
    }

    private static int seconds(JsonNode field) {
        String range = SipTraces.MIN_SECONDS + "-" + SipTraces.MAX_SECONDS;
        if (field == null || field.isNull()) {
            throw RequestRejected.badRequest("seconds: required, how long to capture, " + range);
        }
        if (!field.isIntegralNumber()) {
            throw RequestRejected.badRequest("seconds: must be a whole number, not " + field);
        }
        if (!field.canConvertToInt() || field.intValue() < SipTraces.MIN_SECONDS
                || field.intValue() > SipTraces.MAX_SECONDS) {
            throw RequestRejected.badRequest("seconds: " + field + " is out of range " + range);
        }
        return field.intValue();
    }

    private static ObjectNode started(CaptureInfo capture) {
        return JsonNodeFactory.instance.objectNode()
                .put("id", capture.id())
                .put("number", capture.number())
                .put("seconds", capture.seconds())
                .put("startedAt", capture.startedAt().toString())
                .put("endsAt", capture.endsAt().toString());
    }

    private static ObjectNode listed(CaptureInfo capture) {
        return started(capture)
                .put("running", capture.running())
                .put("startedBy", capture.startedBy())
                .put("messages", capture.messages())
                .put("bytes", capture.bytes())
                .put("dropped", capture.dropped())
                .put("truncated", capture.truncated());
    }
}
