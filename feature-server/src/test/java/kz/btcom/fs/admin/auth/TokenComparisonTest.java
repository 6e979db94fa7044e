package kz.btcom.fs.admin.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A presented token is compared in constant time: as a digest, with MessageDigest.isEqual, against every token.
 * An equals on the token's text returns at the first character that differs, and how long that takes tells a
 * guesser how much of a guess was right; these rules keep such a comparison out of the token check.
 */
class TokenComparisonTest {

    private static final JavaClasses AUTH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("kz.btcom.fs.admin.auth");

    @Test
    void tokensAreComparedAsDigestsWithMessageDigestIsEqual() {
        classes().that().haveSimpleName("AccessTokens")
                .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
                .check(AUTH);
    }

    @Test
    void nothingInTheTokenCheckComparesTextOrBytesWithAnEarlyExit() {
        noClasses().should().callMethod(String.class, "equals", Object.class)
                .orShould().callMethod(String.class, "contentEquals", CharSequence.class)
                .orShould().callMethod(String.class, "compareTo", String.class)
                .orShould().callMethod(Arrays.class, "equals", byte[].class, byte[].class)
                .orShould().callMethod(Arrays.class, "mismatch", byte[].class, byte[].class)
                .because("their time depends on where the first difference is")
                .check(AUTH);
    }
}
