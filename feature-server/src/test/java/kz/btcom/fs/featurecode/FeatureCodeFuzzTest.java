package kz.btcom.fs.featurecode;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The called number as the core sends it, against the shipped feature-code table: never an exception, and what a
 * code yields is what the subscriber dialled (a PIN, a level, a time, a timer are digits only; only a forwarding
 * target may start with '+'). Seeds in {@code FeatureCodeFuzzTestInputs/dialled}: every code of the table, filled
 * in, escaped and malformed. Runs in the surefire execution "fuzz" (10 s); without JAZZER_FUZZ it replays them.
 */
class FeatureCodeFuzzTest {

    private static final FeatureCodeTable TABLE = FeatureCodeFiles.shipped().table();

    @FuzzTest
    void dialled(byte[] number) {
        check(new String(number, StandardCharsets.UTF_8));
    }

    /** Shared with the regression tests of what the fuzzer found. */
    static void check(String dialled) {
        boolean isCode = FeatureCodeTable.isFeatureCode(dialled);
        Optional<FeatureRequest> request = TABLE.parse(dialled);
        Optional<FeatureOperation> operation = TABLE.operation(dialled);
        if (request.isPresent()) {
            assertTrue(isCode, "a request from something that is no feature code: " + dialled);
            assertTrue(operation.isPresent(), "a request without an operation: " + dialled);
        }
        request.ifPresent(r -> checkValues(r, dialled));
    }

    private static void checkValues(FeatureRequest request, String dialled) {
        if (request instanceof FeatureRequest.ForwardingSet set) {
            assertTrue(set.target().matches("\\+?[0-9]+"), set + " from " + dialled);
            set.noReplySeconds().ifPresent(t -> assertTrue(dialled.contains("*" + t + "#")
                    || FeatureCodeTable.unescape(dialled).matches(".*\\*0*" + t + "#"), set + " from " + dialled));
        } else if (request instanceof FeatureRequest.BarringSet set) {
            assertTrue(set.pin().matches("[0-9]+"), "PIN of " + dialled);
            assertTrue(FeatureCodeTable.unescape(dialled).matches(".*\\*0*" + set.level() + "#"), set + " from " + dialled);
        } else if (request instanceof FeatureRequest.BarringClear clear) {
            assertTrue(clear.pin().matches("[0-9]+"), "PIN of " + dialled);
        } else if (request instanceof FeatureRequest.PinChange change) {
            assertTrue((change.oldPin() + change.newPin() + change.repeatedPin()).matches("[0-9]+"),
                    "PINs of " + dialled);
        } else if (request instanceof FeatureRequest.WakeUpBook book) {
            String hhmm = String.format("%02d%02d", book.time().getHour(), book.time().getMinute());
            assertEquals(0, book.time().getSecond());
            assertTrue(FeatureCodeTable.unescape(dialled).contains("*" + hhmm + "#"), book + " from " + dialled);
        }
    }
}
