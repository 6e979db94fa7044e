package kz.btcom.fs.service.barring;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.testing.CallSetups;
import kz.btcom.fs.testing.Line;
import kz.btcom.fs.testing.TestServiceEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which classes each barring level bars (the CIS code-34 norm of PRODUCT.md), and what a suspended line may call. */
class OutgoingBarringTest {

    @Test
    void aBarredCallGets603AfterTheConfiguredAnnouncement() {
        LocalMedia announcement = new LocalMedia() {
            @Override
            public String sdpAnswer(String sdpOffer) {
                return "";
            }

            @Override
            public void start(Runnable hangUp) {
            }

            @Override
            public void close() {
            }
        };
        OutgoingBarringService barring = new OutgoingBarringService(
                TestServiceEnvironment.shippedNumbering(),
                callId -> Optional.of(announcement), new kz.btcom.fs.testing.RecordingCallEvents(),
                java.time.Clock.systemUTC());
        CallContext call = new CallContext(
                CallSetups.call("+77272777101", "+493012345678"),
                new ServedCase(SessionCase.ORIGINATING,
                        CallSetups.tel("+77272777101")),
                Optional.of(Line.line("+77272777101").barringLevel(1).profile()));

        assertEquals(new ServiceOutcome.Reject(603, "Decline", Optional.of(announcement)),
                barring.onNewCall(call));
    }

    @ParameterizedTest(name = "level {0} bars {1}: {2}")
    @CsvSource({
            "0, INTERNATIONAL, false", "0, LOCAL, false",
            "1, INTERNATIONAL, true", "1, NATIONAL, false", "1, MOBILE, false", "1, INFORMATION, false",
            "1, LOCAL, false",
            "2, INTERNATIONAL, true", "2, NATIONAL, true", "2, MOBILE, true", "2, INFORMATION, false",
            "2, LOCAL, false",
            "3, INTERNATIONAL, true", "3, NATIONAL, true", "3, INFORMATION, true", "3, LOCAL, false",
            "4, INTERNATIONAL, true", "4, NATIONAL, true", "4, INFORMATION, true", "4, LOCAL, true",
            "4, EMERGENCY, false", "4, SERVICE, false", "3, EMERGENCY, false", "1, SERVICE, false"})
    void levels(int level, NumberClass called, boolean barred) {
        assertEquals(barred, BarringPolicy.bars(level, called));
    }

    @ParameterizedTest(name = "a suspended line may call {0}: {1}")
    @CsvSource({"EMERGENCY, true", "SERVICE, true", "LOCAL, false", "NATIONAL, false", "MOBILE, false",
            "INTERNATIONAL, false", "INFORMATION, false"})
    void suspension(NumberClass called, boolean allowed) {
        assertEquals(allowed, BarringPolicy.allowedWhenSuspended(called));
    }
}
