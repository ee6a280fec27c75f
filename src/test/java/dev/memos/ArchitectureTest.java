package dev.memos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.memos.archfixture.CipherOutsideCrypto;
import dev.memos.archfixture.DigestOutsideCrypto;
import dev.memos.archfixture.MacOutsideCrypto;
import dev.memos.archfixture.ProcessOutsideFactory;
import dev.memos.archfixture.UsesCryptoHelpers;
import dev.memos.store.ChildProcesses;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering: the core (everything but dev.memos.shell) never depends on the shell or on
 * Spring, and web3j is reachable only from dev.memos.crypto.internal behind EthSigner; JCA crypto
 * stays in dev.memos.crypto and child processes start only through store.ChildProcesses. The
 * rules that are new with the secret path are shown to fail on the classes in dev.memos.archfixture.
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

    /** A ProcessBuilder made anywhere but ChildProcesses would hand the child the whole environment, secrets included. */
    static final ArchRule CHILD_PROCESSES_ONLY_VIA_FACTORY = noClasses().that().doNotHaveFullyQualifiedName(ChildProcesses.class.getName())
            .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
            .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("exec"))
                    .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(JavaClass.Predicates.equivalentTo(Runtime.class)))))
            .because("child processes start only through store.ChildProcesses, with a cleared environment");

    /** One crypto surface: JCA ciphers, MACs and digests are used in dev.memos.crypto and nowhere else. */
    static final ArchRule CRYPTO_CONFINED = noClasses().that().resideOutsideOfPackage("dev.memos.crypto..")
            .should().dependOnClassesThat().resideInAPackage("javax.crypto..")
            .orShould().dependOnClassesThat().belongToAnyOf(MessageDigest.class, DigestInputStream.class, DigestOutputStream.class)
            .because("AES-GCM, HMAC and hashes go through crypto.AesGcm, crypto.HmacSha256 and crypto.Hash");

    @Test
    void only_child_processes_starts_programs() {
        CHILD_PROCESSES_ONLY_VIA_FACTORY.check(classes);
    }

    @Test
    void javax_crypto_message_digest_and_mac_only_inside_crypto() {
        CRYPTO_CONFINED.check(classes);
    }

    @Test
    void crypto_rule_fails_on_a_digest_a_mac_and_a_cipher_outside_crypto() {
        for (Class<?> fixture : List.of(DigestOutsideCrypto.class, MacOutsideCrypto.class, CipherOutsideCrypto.class)) {
            EvaluationResult r = CRYPTO_CONFINED.evaluate(new ClassFileImporter().importClasses(fixture));
            assertTrue(r.hasViolation(), fixture.getSimpleName() + " passed the crypto rule");
        }
        String report = String.join("\n", CRYPTO_CONFINED.evaluate(new ClassFileImporter().importClasses(MacOutsideCrypto.class))
                .getFailureReport().getDetails());
        assertTrue(report.contains("javax.crypto.Mac"), report);
    }

    @Test
    void process_rule_fails_on_a_process_builder_and_runtime_exec_outside_the_factory() {
        EvaluationResult r = CHILD_PROCESSES_ONLY_VIA_FACTORY.evaluate(new ClassFileImporter().importClasses(ProcessOutsideFactory.class));
        String report = String.join("\n", r.getFailureReport().getDetails());
        assertTrue(report.contains("java.lang.ProcessBuilder.<init>"), report);
        assertTrue(report.contains("java.lang.Runtime.exec"), report);
    }

    @Test
    void rules_pass_on_a_class_that_uses_the_crypto_helpers() {
        JavaClasses ok = new ClassFileImporter().importClasses(UsesCryptoHelpers.class);
        assertFalse(CRYPTO_CONFINED.evaluate(ok).hasViolation());
        assertFalse(CHILD_PROCESSES_ONLY_VIA_FACTORY.evaluate(ok).hasViolation());
    }
}
