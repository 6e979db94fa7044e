package kz.btcom.fs.service;

import kz.btcom.fs.call.OnwardLeg;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceOutcomeTest {

    @Test
    void onlyContinueLetsTheChainGoOn() {
        assertFalse(ServiceOutcome.proceed(OnwardLeg.AS_DIALLED).isFinal());
        assertTrue(ServiceOutcome.reject(486, "Busy Here").isFinal());
    }

    @Test
    void aRejectionIsAFinalResponseCode() {
        assertThrows(IllegalArgumentException.class, () -> ServiceOutcome.reject(200, "OK"));
        assertThrows(IllegalArgumentException.class, () -> ServiceOutcome.reject(180, "Ringing"));
        assertThrows(IllegalArgumentException.class, () -> ServiceOutcome.reject(700, "Nonsense"));
    }
}
