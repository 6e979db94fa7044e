package kz.btcom.fs.billing.journal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCodecTest {

    record WithADuration(String callId, Duration held) {
    }

    @Test
    void aComponentOfATypeWithoutEncodingIsRefusedBeforeAnyEntryIsWritten() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.check(WithADuration.class));

        assertTrue(refused.getMessage().contains("WithADuration.held"), refused.getMessage());
    }
}
