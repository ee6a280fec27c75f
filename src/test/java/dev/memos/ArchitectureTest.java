package dev.memos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering: the core (everything but dev.memos.shell) never depends on the shell or on
 * Spring, and web3j is reachable only from dev.memos.crypto.internal behind EthSigner.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.memos");
    }

    @Test
    void core_does_not_depend_on_the_shell() {
        noClasses().that().resideOutsideOfPackage("dev.memos.shell..")
                .should().dependOnClassesThat().resideInAPackage("dev.memos.shell..")
                .check(classes);
    }

    @Test
    void core_does_not_depend_on_spring() {
        noClasses().that().resideOutsideOfPackage("dev.memos.shell..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jline..")
                .check(classes);
    }

    @Test
    void only_crypto_internal_touches_web3j() {
        noClasses().that().resideOutsideOfPackage("dev.memos.crypto.internal..")
                .should().dependOnClassesThat().resideInAPackage("org.web3j..")
                .check(classes);
    }

    @Test
    void command_classes_do_not_use_spring_shell_directly() {
        // Commands are plain classes over our own model, so they run the same in every mode.
        noClasses().that().resideInAPackage("dev.memos.shell.cmd..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jline..")
                .check(classes);
    }

    @Test
    void snapshot_package_leaves_cipher_and_digest_calls_to_crypto() {
        // The snapshot engine is new; it starts clean: every primitive goes through dev.memos.crypto.
        noClasses().that().resideInAPackage("dev.memos.snapshot..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.crypto..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.MessageDigest")
                .check(classes);
    }
}
