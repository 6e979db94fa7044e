package kz.btcom.fs.admin.traces;

import kz.btcom.fs.admin.AdminResponse;

import java.util.Objects;

/**
 * What a trace call answers, and what its audit entry says it was about.
 *
 * @param captureId    the capture started or read, "" when none
 * @param number       the subscriber concerned (traced number, victim), "" when none
 * @param unlessAudited undoes what the call did when its audit entry cannot be written (a capture started is
 *                     discarded); nothing for a read
 */
record TraceAnswer(AdminResponse response, String captureId, String number, Runnable unlessAudited) {

    private static final Runnable NOTHING = () -> { };

    TraceAnswer {
        Objects.requireNonNull(response, "response");
        captureId = Objects.requireNonNullElse(captureId, "");
        number = Objects.requireNonNullElse(number, "");
        unlessAudited = Objects.requireNonNullElse(unlessAudited, NOTHING);
    }

    static TraceAnswer of(AdminResponse response) {
        return new TraceAnswer(response, "", "", NOTHING);
    }

    static TraceAnswer about(AdminResponse response, String captureId, String number) {
        return new TraceAnswer(response, captureId, number, NOTHING);
    }
}
