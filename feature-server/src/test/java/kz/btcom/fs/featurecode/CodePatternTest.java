package kz.btcom.fs.featurecode;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodePatternTest {

    @Test
    void aCodeWithoutPlaceholdersMatchesOnlyItself() {
        CodePattern pattern = CodePattern.parse("*43#");

        assertEquals(Optional.of(List.of()), pattern.match("*43#"));
        assertEquals(Optional.empty(), pattern.match("*43"));
        assertEquals(Optional.empty(), pattern.match("*43##"));
        assertEquals(Optional.empty(), pattern.match("#43#"));
    }

    @Test
    void aPlaceholderTakesTheDigitsTheSubscriberFilledIn() {
        CodePattern pattern = CodePattern.parse("*61*N*T#");

        assertEquals(List.of("N", "T"), pattern.placeholders());
        assertEquals(Optional.of(List.of("2777000", "30")), pattern.match("*61*2777000*30#"));
        assertEquals(Optional.of(List.of("+77172555111", "5")), pattern.match("*61*+77172555111*5#"));
    }

    @Test
    void aPlaceholderLeftEmptyOrFilledWithSomethingElseIsNoMatch() {
        CodePattern pattern = CodePattern.parse("*21*N#");

        assertEquals(Optional.empty(), pattern.match("*21*#"));
        assertEquals(Optional.empty(), pattern.match("*21*+#"));
        assertEquals(Optional.empty(), pattern.match("*21*27a7#"));
        assertEquals(Optional.empty(), pattern.match("*21*2777000*5#"));
    }

    @Test
    void theSamePlaceholderMayAppearTwice() {
        assertEquals(List.of("OLD", "NEW", "NEW"), CodePattern.parse("*03*OLD*NEW*NEW#").placeholders());
    }

    @Test
    void badPatternsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodePattern.parse("43#"))
                .getMessage().contains("does not start with * or #"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodePattern.parse("*43"))
                .getMessage().contains("does not end with #"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodePattern.parse("*4x#"))
                .getMessage().contains("'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodePattern.parse("*55*HHMM1#"))
                .getMessage().contains("digit right after a placeholder"));
    }
}
