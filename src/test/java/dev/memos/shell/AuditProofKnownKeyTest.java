package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 leftover: {@code audit verify-proof} checks an identity log's proof against the ID's known
 * key (home identity, pin, inception record) like the other verifying commands. The verifier homes are
 * offline (closed port), so only the home identity and pins decide.
 */
class AuditProofKnownKeyTest {
    @TempDir
    Path tmp;

    private CliHarness owner;
    private String id;
    private byte[] key;
    private Path proof;

    @BeforeEach
    void ownerProvesAnEntry() {
        owner = new CliHarness(tmp.resolve("owner"));
        assertEquals(0, owner.run("config", "set", "local.node", "http://127.0.0.1:9").exit());
        id = owner.generate("NOVA");
        assertEquals(0, owner.run("mem", "add", "hello").exit());
        key = Hex.decode(owner.run("--json", "id", "status", id).result().path("public_key").asText());
        proof = tmp.resolve("proof.json");
        assertEquals(0, owner.run("audit", "prove", "--identity", id, "--index", "0", "--output", proof.toString()).exit());
    }

    private CliHarness verifier(String name) {
        CliHarness v = new CliHarness(tmp.resolve(name));
        assertEquals(0, v.run("config", "set", "local.node", "http://127.0.0.1:9").exit());
        return v;
    }

    @Test
    void rejects_a_public_key_option_that_differs_from_the_home_identity_key_with_exit_8_naming_both() {
        byte[] other = Forgeries.freshKey().publicKey();
        CliHarness.Run r = owner.run("audit", "verify-proof", proof.toString(), "--public-key", "ed25519:" + Base64Url.encode(other));
        assertEquals(8, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(KeyFingerprint.of(other)) && r.err().contains(KeyFingerprint.of(key)), r.err());
        assertFalse(r.out().startsWith("ok"), r.out());
    }

    @Test
    void verifies_with_the_pinned_key_when_no_key_is_given() {
        CliHarness v = verifier("pinned");
        assertEquals(0, v.run("id", "pin", id, "--key", Base64Url.encode(key)).exit());
        CliHarness.Run r = v.run("--json", "audit", "verify-proof", proof.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("pin", r.result().path("key_source").asText());
    }

    @Test
    void rejects_a_proof_of_a_pinned_id_checked_with_another_given_key() {
        CliHarness v = verifier("pinned-other");
        byte[] forged = Forgeries.freshKey().publicKey();
        assertEquals(0, v.run("id", "pin", id, "--key", Base64Url.encode(key)).exit());
        CliHarness.Run r = v.run("audit", "verify-proof", proof.toString(), "--public-key", "ed25519:" + Base64Url.encode(forged));
        assertEquals(8, r.exit(), r.out() + r.err());
    }

    @Test
    void an_identity_log_proof_with_no_known_key_is_unverified_exit_9() {
        CliHarness.Run r = verifier("stranger").run("audit", "verify-proof", proof.toString());
        assertEquals(9, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("id pin"), r.err());
    }
}
