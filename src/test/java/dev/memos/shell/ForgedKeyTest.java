package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.identity.MociId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 §1: a proof, fork proof or token is only as good as the key it is checked against. Every
 * forgery is made here with a fresh key. The home is offline (its node is a closed port), so nothing
 * here depends on the network: the home's identity and pins decide, and an unknown ID stays unknown.
 */
class ForgedKeyTest {
    @TempDir
    Path tmp;

    private CliHarness cli;

    @BeforeEach
    void offlineHome() {
        cli = new CliHarness(tmp.resolve("home"));
        assertEquals(0, cli.run("config", "set", "local.node", "http://127.0.0.1:9").exit());
    }

    private String homeFingerprint(String id) {
        return KeyFingerprint.of(Hex.decode(cli.run("--json", "id", "status", id).result().path("public_key").asText()));
    }

    static String randomId() {
        return MociId.generate("FORGE", new SecureRandom()).toString();
    }

    @Test
    void rejects_forged_proof_for_a_home_identity_with_key_mismatch_naming_both_fingerprints() throws Exception {
        String id = cli.generate("VICT");
        Ed25519 forger = Forgeries.freshKey();
        Path forged = Forgeries.proof(tmp, id, forger, "dead0002");
        CliHarness.Run r = cli.run("id", "verify-proof", forged.toString(), "--challenge", "dead0002");
        assertEquals(8, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("authenticated"), r.out());
        assertTrue(r.err().contains(KeyFingerprint.of(forger.publicKey())), r.err());
        assertTrue(r.err().contains(homeFingerprint(id)), r.err());
        assertTrue(r.err().contains("key mismatch"), r.err());
    }

    @Test
    void rejects_forged_fork_proof_for_a_home_identity_with_key_mismatch_not_fork_proven() throws Exception {
        String id = cli.generate("VICT");
        Path forged = Forgeries.forkProof(tmp, id, Forgeries.freshKey());
        CliHarness.Run r = cli.run("id", "check-fork", forged.toString());
        assertEquals(8, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("fork proven"), r.out());
        assertTrue(r.err().contains(homeFingerprint(id)), r.err());
        // Not quarantined by the forgery: the identity still writes.
        assertEquals(0, cli.run("mem", "add", "still mine").exit());
    }

    @Test
    void fork_proof_signed_by_the_pinned_key_is_proven_naming_that_key() throws Exception {
        Ed25519 key = Forgeries.freshKey();
        String id = randomId();
        assertEquals(0, cli.run("id", "pin", id, "--key", Base64Url.encode(key.publicKey())).exit());
        CliHarness.Run r = cli.run("id", "check-fork", Forgeries.forkProof(tmp, id, key).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("fork proven") && r.out().contains(KeyFingerprint.of(key.publicKey())), r.out());
    }

    @Test
    void rejects_proof_of_an_unknown_id_as_unverified_key_exit_9_printing_its_fingerprint() throws Exception {
        Ed25519 key = Forgeries.freshKey();
        String id = randomId();
        CliHarness.Run r = cli.run("id", "verify-proof", Forgeries.proof(tmp, id, key, "c1").toString(), "--challenge", "c1");
        assertEquals(9, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("unverified key") || r.err().contains("no key is known"), r.err());
        assertFalse(r.out().contains("authenticated"), r.out());
        CliHarness.Run fork = cli.run("id", "check-fork", Forgeries.forkProof(tmp, id, key).toString());
        assertEquals(9, fork.exit(), fork.out() + fork.err());
        assertFalse(fork.out().contains("fork proven"), fork.out());
    }

    @Test
    void offline_trust_on_first_use_is_refused_because_an_inception_record_may_exist() throws Exception {
        Path p = Forgeries.proof(tmp, randomId(), Forgeries.freshKey(), "c1");
        CliHarness.Run r = cli.run("id", "verify-proof", p.toString(), "--challenge", "c1", "--trust-on-first-use");
        assertEquals(9, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("could not be looked up"), r.err());
        assertTrue(cli.run("id", "pins").out().contains("no pinned identity keys"));
    }

    @Test
    void pinned_key_accepts_its_proofs_and_refuses_another_key_with_exit_8() throws Exception {
        String id = randomId();
        Ed25519 genuine = Forgeries.freshKey();
        Path good = Forgeries.proof(tmp, id, genuine, "c1");
        CliHarness.Run pin = cli.run("id", "pin", id, "--from-proof", good.toString());
        assertEquals(0, pin.exit(), pin.err());
        CliHarness.Run ok = cli.run("--json", "id", "verify-proof", good.toString(), "--challenge", "c1");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("pin", ok.result().path("key_source").asText());
        Ed25519 forger = Forgeries.freshKey();
        CliHarness.Run bad = cli.run("id", "verify-proof", Forgeries.proof(tmp, id, forger, "c1").toString(), "--challenge", "c1");
        assertEquals(8, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains(KeyFingerprint.of(forger.publicKey())) && bad.err().contains(KeyFingerprint.of(genuine.publicKey())),
                bad.err());
        // Re-pinning a different key needs --replace; unpin forgets it.
        assertEquals(8, cli.run("id", "pin", id, "--key", Base64Url.encode(forger.publicKey())).exit());
        assertEquals(0, cli.run("id", "unpin", id).exit());
        assertEquals(9, cli.run("id", "verify-proof", good.toString(), "--challenge", "c1").exit());
    }

    @Test
    void proof_without_challenge_says_freshness_not_checked_and_strict_does_not_exit_0() throws Exception {
        String id = randomId();
        Ed25519 key = Forgeries.freshKey();
        Path p = Forgeries.proof(tmp, id, key, "old-challenge");
        assertEquals(0, cli.run("id", "pin", id, "--key", Base64Url.encode(key.publicKey())).exit());
        CliHarness.Run replayed = cli.run("--json", "id", "verify-proof", p.toString());
        assertEquals(0, replayed.exit(), replayed.err());
        assertFalse(replayed.result().path("freshness_checked").asBoolean(true), replayed.out());
        CliHarness.Run text = cli.run("id", "verify-proof", p.toString());
        assertTrue(text.out().contains("freshness: NOT checked"), text.out());
        CliHarness.Run strict = cli.run("id", "verify-proof", p.toString(), "--strict");
        assertEquals(3, strict.exit(), strict.out() + strict.err());
        assertFalse(strict.out().contains("authenticated"), strict.out());
        CliHarness.Run fresh = cli.run("--json", "id", "verify-proof", p.toString(), "--strict", "--challenge", "old-challenge");
        assertEquals(0, fresh.exit(), fresh.err());
        assertTrue(fresh.result().path("freshness_checked").asBoolean(), fresh.out());
        assertEquals(4, cli.run("id", "verify-proof", p.toString(), "--strict", "--challenge", "new-challenge").exit());
    }

    @Test
    void rejects_resolving_a_quarantine_whose_fork_proof_is_signed_by_another_key() throws Exception {
        String id = cli.generate("VICT");
        Path rings = tmp.resolve("home").resolve("identities").resolve(id).resolve("rings");
        assertEquals(0, cli.run("mem", "add", "a memory").exit());
        Files.copy(Forgeries.forkProof(tmp, id, Forgeries.freshKey()), rings.resolve("fork-proof.json"));
        CliHarness.Run r = cli.run("id", "resolve-fork", "--note", "forged", "--confirm");
        assertEquals(8, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(homeFingerprint(id)), r.err());
    }
}
