package kz.btcom.fs;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** ARCHITECTURE.md: only the adapter imports javax.sip; the services never see the stack or the HTTP server. */
class ArchitectureTest {

    /** The adapter's packages, which come from its jar (or its module's classes in a reactor build). */
    private static final String[] ADAPTER = {"kz.btcom.fs.sip..", "kz.btcom.fs.call.."};

    private static final JavaClasses FEATURE_SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("kz.btcom.fs")
            .that(com.tngtech.archunit.base.DescribedPredicate.not(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(ADAPTER)));

    @Test
    void nothingOutsideTheAdapterDependsOnTheSipStack() {
        noClasses().that().resideInAPackage("kz.btcom.fs..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..")
                .because("the SIP stack is wrapped by sip-stack-adapter; its shape must not leak")
                .check(FEATURE_SERVER);
    }

    @Test
    void servicesDoNotDependOnTransportsOrTheAdminInterface() {
        noClasses().that().resideInAnyPackage("kz.btcom.fs.service..", "kz.btcom.fs.sessioncase..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "kz.btcom.fs.admin..",
                        "kz.btcom.fs.sip..")
                .because("services are tested without sockets, on a fake clock")
                .check(FEATURE_SERVER);
    }
}
