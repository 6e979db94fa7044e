package kz.btcom.fs;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Disabled;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * ARCHITECTURE.md: only the adapter imports javax.sip; the services never see the stack or the HTTP server.
 * Issue 12: the packages form layers, from table reading at the bottom through the domain and the services to the
 * wiring (config, admin, main) at the top, with no import cycle among them.
 */
class ArchitectureTest {

    /** The adapter's packages, which come from its jar (or its module's classes in a reactor build). */
    private static final String[] ADAPTER = {"kz.btcom.fs.sip..", "kz.btcom.fs.call.."};

    /** The top: what reads the configuration and puts the server together. Nothing else may import it. */
    private static final String[] WIRING = {"kz.btcom.fs", "kz.btcom.fs.config..", "kz.btcom.fs.admin.."};

    /** Where issue12-session is still taking a cycle apart; see {@link #featureServerPackagesAreFreeOfCycles}. */
    private static final String[] SERVICES = {"kz.btcom.fs.service..", "kz.btcom.fs.featurecode.."};

    private static final JavaClasses FEATURE_SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("kz.btcom.fs")
            .that(not(resideInAnyPackage(ADAPTER)));

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

    @Test
    void featureServerPackagesAreFreeOfCycles() {
        slices().matching("kz.btcom.fs.(**)")
                .should().beFreeOfCycles()
                .check(FEATURE_SERVER);
    }

    @Test
    void packagesOutsideTheServicesAreFreeOfCycles() {
        DescribedPredicate<JavaClass> services = resideInAnyPackage(SERVICES);
        slices().matching("kz.btcom.fs.(**)")
                .should().beFreeOfCycles()
                .ignoreDependency(services, alwaysTrue())
                .ignoreDependency(alwaysTrue(), services)
                .check(FEATURE_SERVER);
    }

    @Test
    void onlyTheWiringReadsTheConfigurationOrTheAdminInterface() {
        noClasses().that().resideOutsideOfPackages(WIRING)
                .should().dependOnClassesThat().resideInAnyPackage(WIRING)
                .because("config, admin and main put the server together from the layers below; a table, a"
                        + " service or a journal that reached up would tie the layers into a cycle again")
                .check(FEATURE_SERVER);
    }

    @Test
    void tableReadingImportsNothingOfOurs() {
        noClasses().that().resideInAPackage("kz.btcom.fs.tables..")
                .should().dependOnClassesThat(resideInAPackage("kz.btcom.fs..")
                        .and(not(resideInAPackage("kz.btcom.fs.tables.."))))
                .because("every layer reads its tables through it, so it is the bottom")
                .check(FEATURE_SERVER);
    }
}
