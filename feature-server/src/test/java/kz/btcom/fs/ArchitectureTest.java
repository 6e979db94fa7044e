package kz.btcom.fs;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /**
     * Issue 12: the services' framework and the call session at the bottom, the services above them, the wiring
     * (the order of the services, the handler of new calls) on top; no two of these packages need each other.
     * (Dependencies through packages outside this group are the whole module's rule.)
     */
    @Test
    void theServicesTheFeatureCodesAndTheSessionHaveNoImportCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                boolean ours = name.equals("kz.btcom.fs.service") || name.startsWith("kz.btcom.fs.service.")
                        || name.equals("kz.btcom.fs.featurecode") || name.equals("kz.btcom.fs.session");
                return ours ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of the services, the feature codes and the call session";
            }
        }).should().beFreeOfCycles().check(FEATURE_SERVER);
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
