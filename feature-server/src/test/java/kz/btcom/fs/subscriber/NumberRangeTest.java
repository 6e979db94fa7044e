package kz.btcom.fs.subscriber;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberRangeTest {

    @Test
    void aPrefixEndsBeforeItsLastCharacterPlusOne() {
        assertEquals(Optional.of("+7728"), new NumberRange("+7727", "").upperBound());
    }

    @Test
    void pastTheSurrogatesThereIsNoUpperBoundAndTheLikeAloneDecides() {
        assertEquals(Optional.empty(), new NumberRange("+7\uE000", "").upperBound());
        assertFalse(new NumberRange("+7\uE000", "").sql().contains("number < ?"));
    }

    @Test
    void everyWildcardOfThePrefixIsEscaped() {
        assertEquals("+7!%!_!!\\%", new NumberRange("+7%_!\\", "").likePattern());
    }

    @Test
    void withoutAPrefixOnlyAfterAndTheLimitAreBound() {
        String sql = new NumberRange("", "").sql();

        assertTrue(sql.endsWith("WHERE number > ? ORDER BY number FETCH FIRST ? ROWS ONLY"), sql);
    }
}
