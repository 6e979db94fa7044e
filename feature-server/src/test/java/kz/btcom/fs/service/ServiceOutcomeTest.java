package kz.btcom.fs.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceOutcomeTest {

    @Test
    void onlyContinueLetsTheChainGoOn() {
        assertFalse(ServiceOutcome.proceed().isFinal());
        assertTrue(ServiceOutcome.reject(486, "Busy Here").isFinal());
        assertTrue(ServiceOutcome.retarget("+77272000000", "busy").isFinal());
    }

    @Test
    void aRejectionIsAFinalResponseCode() {
        assertThrows(IllegalArgumentException.class, () -> ServiceOutcome.reject(200, "OK"));
        assertThrows(IllegalArgumentException.class, () -> ServiceOutcome.reject(180, "Ringing"));
        assertThrows(IllegalArgumentException.class, () -> ServiceOutcome.reject(700, "Nonsense"));
    }
}
