package dev.memos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
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
import dev.memos.archfixture.CoreUsesShell;
import dev.memos.archfixture.DigestOutsideCrypto;
import dev.memos.archfixture.HttpOutsideArweave;
import dev.memos.archfixture.MacOutsideCrypto;
import dev.memos.archfixture.ProcessOutsideFactory;
import dev.memos.archfixture.UsesCryptoHelpers;
import dev.memos.arweave.archfixture.TransportUsesBackupPolicy;
import dev.memos.encoding.archfixture.CycleB;
import dev.memos.error.archfixture.CycleA;
import dev.memos.store.ChildProcesses;
import dev.memos.store.archfixture.StoreUsesIdentity;
import java.net.HttpURLConnection;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md: shell → app → core, the core packages in the order of
 * {@link Layers} (each uses only those below it), no package cycles, the core free of the shell,
 * Spring and JLine, web3j only in dev.memos.crypto.internal, JCA crypto only in dev.memos.crypto,
 * HTTP only in dev.memos.arweave, child processes only through store.ChildProcesses. Each rule is
 * shown to fail on a deliberately violating fixture (test sources: dev.memos.archfixture and the
 * archfixture subpackages of store, error and encoding).
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.memos");
    }

    /** The core (app and every package below it) never sees the shell, Spring or JLine: it runs the same in every mode and as a library. */
    static final ArchRule CORE_FREE_OF_SHELL = noClasses().that().resideOutsideOfPackage("dev.memos.shell..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.memos.shell..", "org.springframework..", "org.jline..")
            .because("only the shell parses, prompts and renders (docs/ARCHITECTURE.md)");

    @Test
    void core_does_not_depend_on_the_shell_spring_or_jline() {
        CORE_FREE_OF_SHELL.check(classes);
    }

    @Test
    void core_rule_fails_on_a_class_that_uses_the_shell_spring_and_jline() {
        String report = report(CORE_FREE_OF_SHELL, CoreUsesShell.class);
        assertTrue(report.contains("dev.memos.shell.CommandResult"), report);
        assertTrue(report.contains("org.jline.terminal.Terminal"), report);
        assertTrue(report.contains("org.springframework.context.ApplicationContext"), report);
    }

    @Test
    void layers_depend_only_downward() {
        Layers.RULE.check(classes);
    }

    @Test
    void layer_rule_fails_on_store_reaching_up_into_identity() {
        String report = report(Layers.RULE, StoreUsesIdentity.class);
        assertTrue(report.contains("dev.memos.identity.MociId"), report);
        assertTrue(report.contains("store may not depend on identity"), report);
    }

    @Test
    void layer_rule_lets_a_layer_use_any_layer_below_it() {
        assertFalse(Layers.RULE.evaluate(new ClassFileImporter().importClasses(UsesCryptoHelpers.class)).hasViolation());
        assertTrue(Layers.rank("dev.memos.shell.cmd") > Layers.rank("dev.memos.app.audit"));
        assertTrue(Layers.rank("dev.memos.app") > Layers.rank("dev.memos.arweave.turbo"));
        assertTrue(Layers.rank("dev.memos.store") > Layers.rank("dev.memos.error"));
    }

    @Test
    void every_package_has_a_layer() {
        // A new top-level package must be placed in the order (and in docs/ARCHITECTURE.md) before it can be used.
        for (JavaClass c : classes) {
            assertTrue(Layers.rank(c.getPackageName()) >= 0, c.getName() + " is in no layer of ArchitectureTest.Layers");
        }
    }

    /** No package cycles: the top-level packages form a DAG, so each can be read (and tested) from the bottom up. */
    static final ArchRule NO_CYCLES = slices().matching("dev.memos.(*)..").should().beFreeOfCycles();

    @Test
    void packages_are_free_of_cycles() {
        NO_CYCLES.check(classes);
    }

    @Test
    void cycle_rule_fails_on_two_packages_that_use_each_other() {
        EvaluationResult r = NO_CYCLES.evaluate(new ClassFileImporter().importClasses(CycleA.class, CycleB.class));
        assertTrue(r.hasViolation(), "error <-> encoding cycle passed");
        assertFalse(NO_CYCLES.evaluate(new ClassFileImporter().importClasses(CycleA.class)).hasViolation(),
                "one half alone is no cycle");
    }

    /** HTTP is transport, and transport is arweave's: no other package opens a connection of its own. */
    static final ArchRule HTTP_ONLY_IN_ARWEAVE = noClasses().that().resideOutsideOfPackage("dev.memos.arweave..")
            .should().dependOnClassesThat().resideInAPackage("java.net.http..")
            .orShould().dependOnClassesThat().areAssignableTo(HttpURLConnection.class)
            .because("gateways, GraphQL, Turbo and x402 go through dev.memos.arweave's clients");

    @Test
    void http_only_inside_arweave() {
        HTTP_ONLY_IN_ARWEAVE.check(classes);
    }

    @Test
    void http_rule_fails_on_an_http_client_and_a_url_connection_outside_arweave() {
        String report = report(HTTP_ONLY_IN_ARWEAVE, HttpOutsideArweave.class);
        assertTrue(report.contains("java.net.http.HttpClient"), report);
        assertTrue(report.contains("java.net.HttpURLConnection"), report);
    }

    /**
     * arweave is transport (transactions, data items, gateways, GraphQL, Turbo, x402): what to upload,
     * when to skip and which candidate to believe is backup policy in dev.memos.app.backup. Of the
     * backup package, arweave sees only ProgressListener, the events interface the network reports to.
     */
    static final ArchRule ARWEAVE_IS_TRANSPORT = noClasses().that().resideInAPackage("dev.memos.arweave..")
            .should().dependOnClassesThat(DescribedPredicate.describe("backup classes other than ProgressListener",
                    (JavaClass c) -> c.getPackageName().equals("dev.memos.backup") && !c.getSimpleName().startsWith("ProgressListener")))
            .because("backup orchestration lives in dev.memos.app.backup (BundleBackups, BundleRestores)");

    @Test
    void arweave_uses_backup_only_for_progress() {
        ARWEAVE_IS_TRANSPORT.check(classes);
    }

    @Test
    void transport_rule_fails_on_an_arweave_class_that_reads_a_manifest() {
        String report = report(ARWEAVE_IS_TRANSPORT, TransportUsesBackupPolicy.class);
        assertTrue(report.contains("dev.memos.backup.Manifest"), report);
        assertFalse(report.contains("calls method <dev.memos.backup.ProgressListener"), report);
    }

    private static String report(ArchRule rule, Class<?>... fixtures) {
        EvaluationResult r = rule.evaluate(new ClassFileImporter().importClasses(fixtures));
        assertTrue(r.hasViolation(), rule.getDescription() + " passed on " + List.of(fixtures));
        return String.join("\n", r.getFailureReport().getDetails());
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
