package kz.btcom.fs.featurecode;

import kz.btcom.fs.subscriber.ForwardingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalTime;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped table of config/feature-codes.yaml, as PRODUCT.md lists it, in every form the code can arrive. */
class FeatureCodeTableTest {

    private final FeatureCodeTable table = FeatureCodeFiles.shipped().table();

    private Optional<FeatureRequest> parse(String dialled) {
        return table.parse(dialled);
    }

    @Test
    void callWaitingCodes() {
        assertEquals(Optional.of(new FeatureRequest.CallWaitingSwitch(true)), parse("*43#"));
        assertEquals(Optional.of(new FeatureRequest.CallWaitingSwitch(false)), parse("#43#"));
        assertEquals(Optional.of(new FeatureRequest.CallWaitingCheck()), parse("*#43#"));
    }

    @Test
    void forwardingCodesForEachOfTheFourKinds() {
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.UNCONDITIONAL, "2777000",
                OptionalInt.empty())), parse("*21*2777000#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.BUSY, "87172555111",
                OptionalInt.empty())), parse("*22*87172555111#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.NO_REPLY, "2777000",
                OptionalInt.empty())), parse("*61*2777000#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.NO_REPLY, "2777000",
                OptionalInt.of(30))), parse("*61*2777000*30#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingSet(ForwardingKind.NOT_REACHABLE, "+77011234567",
                OptionalInt.empty())), parse("*62*+77011234567#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingClear(ForwardingKind.UNCONDITIONAL)), parse("#21#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingClear(ForwardingKind.NOT_REACHABLE)), parse("#62#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingCheck(ForwardingKind.BUSY)), parse("*#22#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingCheck(ForwardingKind.NO_REPLY)), parse("*#61#"));
        assertEquals(Optional.of(new FeatureRequest.ForwardingCancelAll()), parse("#002#"));
    }

    @Test
    void barringAndPinCodes() {
        assertEquals(Optional.of(new FeatureRequest.BarringSet("0000", 1)), parse("*34*0000*1#"));
        assertEquals(Optional.of(new FeatureRequest.BarringClear("0000")), parse("#34*0000#"));
        assertEquals(Optional.of(new FeatureRequest.BarringCheck()), parse("*#34#"));
        assertEquals(Optional.of(new FeatureRequest.PinChange("0000", "1234", "1234")), parse("*03*0000*1234*1234#"));
    }

    @Test
    void theOtherServicesCodesAreRecognised() {
        assertEquals(Optional.of(new FeatureRequest.WakeUpBook(false, LocalTime.of(6, 30))), parse("*55*0630#"));
        assertEquals(Optional.of(new FeatureRequest.WakeUpBook(true, LocalTime.of(7, 0))), parse("*56*0700#"));
        assertEquals(Optional.of(new FeatureRequest.WakeUpCancel(true)), parse("#56#"));
        assertEquals(Optional.of(new FeatureRequest.LastCallerReturn()), parse("*69#"));
        assertEquals(Optional.of(new FeatureRequest.MaliciousCallReport()), parse("*39#"));
    }

    @Test
    void theHashMayArriveEscapedAsInAUri() {
        assertEquals(parse("*21*2777000#"), parse("*21*2777000%23"));
        assertEquals(parse("#21#"), parse("%2321%23"));
        assertEquals(parse("*#43#"), parse("*%2343%23"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*21#", "*99#", "*21*2777000", "*34*0000#", "*34*0000*12345#", "*55*2500#",
            "*55*123#", "*61*2777000**30#", "**43#", "#"})
    void malformedOrUnknownCodesAreNoRequest(String dialled) {
        assertTrue(FeatureCodeTable.isFeatureCode(dialled));
        assertEquals(Optional.empty(), parse(dialled));
    }

    @Test
    void onlyANumberStartingWithStarOrHashIsAFeatureCode() {
        assertTrue(FeatureCodeTable.isFeatureCode("*43#"));
        assertTrue(FeatureCodeTable.isFeatureCode("%2343%23"));
        assertFalse(FeatureCodeTable.isFeatureCode("+77272777000"));
        assertFalse(FeatureCodeTable.isFeatureCode("2777000"));
        assertFalse(FeatureCodeTable.isFeatureCode(""));
    }

    @Test
    void pinsNeverShowInTheRequestsText() {
        assertFalse(parse("*34*4821*2#").orElseThrow().toString().contains("4821"));
        assertFalse(parse("#34*4821#").orElseThrow().toString().contains("4821"));
        assertFalse(parse("*03*4821*9999*9999#").orElseThrow().toString().contains("9999"));
    }
}
