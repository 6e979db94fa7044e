package kz.btcom.fs.featurecode;

import kz.btcom.fs.subscriber.ForwardingKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What FeatureCodeFuzzTest found, each with the input it found. */
class FeatureCodeFuzzFindingsTest {

    private final FeatureCodeTable table = FeatureCodeFiles.shipped().table();

    @Test
    void aWakeUpTimeWithALeadingPlusWasBookedAsThoughItHadNone() {
        // Found as "*55*+00.7#": booked at 00:07 ('.' is a separator phones insert; the '+' was taken as a sign).
        assertEquals(Optional.empty(), table.parse("*55*+00.7#"));
        assertEquals(Optional.empty(), table.parse("*55*+123#"));
        FeatureCodeFuzzTest.check("*55*+00.7#");
    }

    @Test
    void aPinOrALevelWithALeadingPlusIsNoCode() {
        assertEquals(Optional.empty(), table.parse("*34*+1234*1#"), "PIN \"+1234\"");
        assertEquals(Optional.empty(), table.parse("#34*+1234#"));
        assertEquals(Optional.empty(), table.parse("*03*+1234*5678*5678#"));
        assertEquals(Optional.empty(), table.parse("*61*2777000*+30#"));
    }

    @Test
    void aForwardingTargetMayStillBeDialledInE164() {
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.UNCONDITIONAL, "+77011234567",
                OptionalInt.empty())), table.parse("*21*+77011234567#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.NO_REPLY, "+77011234567",
                OptionalInt.of(30))), table.parse("*61*+77011234567*30#"));
    }
}
