package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.audit.Checkpoint;
import dev.memos.config.MemosHome;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.SecretSource;
import dev.memos.identity.Tier;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** id status fields, the REVOKED chain step through the CLI, checkpoints on lock / idle, audit keys from the store. */
class IdentityStatusAndLockTest {
    @TempDir
    Path tmp;

    private static List<Checkpoint> checkpoints(Path home, String id) throws Exception {
        Path f = home.resolve("identities").resolve(id).resolve("audit").resolve("checkpoints.jsonl");
        return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                JsonNode n = Json.mapper().readTree(l);
                return new Checkpoint(n.get("log").asText(), n.get("size").asLong(), Hex.decode(n.get("root").asText()),
                        n.get("time").asLong(), SignatureAlgorithm.fromId(n.get("alg").asText()),
                        Base64Url.decode(n.get("key").asText()), Base64Url.decode(n.get("sig").asText()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static byte[] publicKey(CliHarness cli, String id) {
        return Hex.decode(cli.run("--json", "id", "status", id).result().get("public_key").asText());
    }

    @Test
    void status_shows_trust_rings_chain_and_quarantine() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        JsonNode fresh = cli.run("--json", "id", "status").result();
        assertEquals(10, fresh.get("trust").asInt());
        assertEquals("New", fresh.get("trust_tier").asText());
        assertEquals(0, fresh.get("rings").get("ring3_hashes").asInt());
        assertEquals(0, cli.run("mem", "add", "hello").exit());
        CliHarness.Run text = cli.run("id", "status");
        for (String label : new String[] {"Trust:       10 (New)", "Ring 0:      1 entries", "Ring 3:      1 hash (genesis)", "Chain:       head ",
                "Quarantine:  no"}) {
            assertTrue(text.out().contains(label), label + " in " + text.out());
        }
        JsonNode s = cli.run("--json", "id", "status", id).result();
        assertEquals(1, s.get("rings").get("ring0_entries").asInt());
        assertEquals(1, s.get("rings").get("ring3_hashes").asInt());
        assertEquals(1, s.get("chain").get("length").asInt());
        assertEquals(64, s.get("chain").get("head").asText().length());
        assertFalse(s.get("quarantined").asBoolean());
    }

    @Test
    void status_reports_tampered_rings_instead_of_failing() throws Exception {
        Path home = tmp.resolve("h");
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("nova");
        assertEquals(0, cli.run("mem", "add", "hello").exit());
        Path rings = home.resolve("identities").resolve(id).resolve("rings").resolve("rings.bin");
        byte[] b = Files.readAllBytes(rings);
        b[b.length / 2] ^= 1;
        Files.write(rings, b);
        Files.delete(dev.memos.store.MirroredFile.copyOf(rings)); // with its verified copy the damage would heal
        CliHarness.Run r = cli.run("--json", "id", "status", id);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.result().has("rings_error"));
        assertTrue(r.json().get("warnings").get(0).asText().contains("did not verify"));
        assertEquals(4, cli.run("mem", "show").exit());
    }

    @Test
    void revoke_appends_the_revoked_record_to_the_chain() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        assertEquals(0, cli.run("mem", "add", "hello").exit());
        assertEquals(2, cli.run("id", "revoke", id).exit());
        assertEquals(1, cli.run("--json", "id", "status", id).result().get("chain").get("length").asInt());
        CliHarness.Run r = cli.run("--json", "id", "revoke", id, "--confirm");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.json().has("warnings"), r.out());
        JsonNode chain = cli.run("--json", "id", "status", id).result().get("chain");
        assertEquals(2, chain.get("length").asInt());
        assertTrue(chain.get("revoked").asBoolean());
        assertTrue(cli.run("id", "status", id).out().contains("(ends REVOKED)"));
    }

    @Test
    void revoke_of_an_identity_without_memory_starts_the_chain_with_genesis_then_revoked() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        assertEquals(0, cli.run("id", "revoke", id, "--confirm").exit());
        JsonNode chain = cli.run("--json", "id", "status", id).result().get("chain");
        assertEquals(2, chain.get("length").asInt());
        assertTrue(chain.get("revoked").asBoolean());
    }

    @Test
    void lock_closes_the_identity_log_with_a_checkpoint_signed_by_the_identity_key() throws Exception {
        Path home = tmp.resolve("h");
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("nova");
        // pipe mode keeps the session open between commands: only 'lock' closes the log before the end
        CliHarness.Run r = cli.pipe("unlock " + id, "mem add one", "mem add two", "lock", "audit verify --identity " + id + " --json");
        assertEquals(0, r.exit(), r.err());
        List<Checkpoint> cps = checkpoints(home, id);
        Checkpoint last = cps.get(cps.size() - 1);
        byte[] pub = publicKey(cli, id);
        assertArrayEquals(pub, last.publicKey());
        assertTrue(last.verifies(SignatureAlgorithm.ED25519, pub));
        assertEquals(2, last.size(), "both memory_write entries covered");
        assertTrue(r.out().contains("\"uncheckpointed\":0") || r.out().contains("\"uncheckpointed\" : 0"), r.out());
    }

    @Test
    void idle_timeout_closes_the_identity_log_with_a_signed_checkpoint() throws Exception {
        Path home = tmp.resolve("h");
        IdentityStore store = IdentityStore.open(MemosHome.at(home));
        IdentityInfo info = store.create("nova", Tier.DEVICE, SecretSource.fixed(Map.of()));
        UnlockedIdentity u = store.unlock(info.id(), SecretSource.fixed(Map.of()));
        MutableClock clock = new MutableClock(SessionIdentityTest.T0);
        Session session = new Session(clock, Map.of(), SecretPrompt.none(), Duration.ofMinutes(15));
        Context ctx = new Context(MemosHome.at(home), Map.of("MEMOS_HOME", home.toString()), clock, session, SecretPrompt.none(),
                Mode.PIPE, GlobalOptions.defaults(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), CommandCatalog.standard());
        session.setIdentity(u);
        assertTrue(ctx.audit("memory_write", Map.of("seq", "1")).isEmpty());
        assertTrue(ctx.audit("memory_write", Map.of("seq", "2")).isEmpty());
        clock.advance(Duration.ofMinutes(16));
        session.expireIfIdle();
        assertTrue(u.isClosed());
        List<Checkpoint> cps = checkpoints(home, info.id().toString());
        Checkpoint last = cps.get(cps.size() - 1);
        assertEquals(2, last.size());
        assertTrue(last.verifies(SignatureAlgorithm.ED25519, info.publicKey()));
    }

    @Test
    void audit_verify_uses_the_identity_key_from_the_store_without_a_warning() {
        Path home = tmp.resolve("h");
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("nova");
        assertEquals(0, cli.run("mem", "add", "hello").exit());
        CliHarness.Run v = cli.run("--json", "audit", "verify", "--identity", id);
        assertEquals(0, v.exit(), v.err());
        assertEquals("identity", v.result().get("logs").get(0).get("key_source").asText());
        assertFalse(v.out().contains("trusting the key"), v.out());
        Path proof = tmp.resolve("proof.json");
        assertEquals(0, cli.run("audit", "prove", "--identity", id, "--index", "0", "--output", proof.toString()).exit());
        CliHarness.Run vp = cli.run("audit", "verify-proof", proof.toString());
        assertEquals(0, vp.exit(), vp.err());
    }

    @Test
    void audit_prove_checkpoints_the_identity_log_first_so_the_newest_entry_is_provable() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        Path proof = tmp.resolve("proof.json");
        // one pipe session: the log stays open (no lock between), three entries, then a proof of the last one
        CliHarness.Run r = cli.pipe("mem add one", "mem add two", "mem add three",
                "audit prove --identity " + id + " --index 2 --output " + proof, "audit verify-proof " + proof);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("entry 2 is in log"), r.out());
    }

    @Test
    void rejects_an_identity_log_whose_checkpoints_carry_another_key() throws Exception {
        Path home = tmp.resolve("h");
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("nova");
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) 5);
        // A forger with the device key writes the identity's log and signs checkpoints with its own key:
        // trust-on-first-use would accept it; the identity store's key does not.
        try (Ed25519 forger = Ed25519.fromSeed(SecretBytes.adopt(s));
             var log = dev.memos.audit.AuditLogs.forIdentity(MemosHome.at(home), id, forger)) {
            log.append("memory_write", id, new java.util.LinkedHashMap<>(Map.of("seq", "1")));
        }
        CliHarness.Run v = cli.run("audit", "verify", "--identity", id);
        assertEquals(4, v.exit(), v.out() + v.err());
        Path proof = tmp.resolve("proof.json");
        assertEquals(0, cli.run("audit", "prove", "--identity", id, "--index", "0", "--output", proof.toString()).exit());
        assertEquals(4, cli.run("audit", "verify-proof", proof.toString()).exit());
    }

    @Test
    void rejects_verify_proof_for_a_log_of_an_unknown_identity_without_a_key() throws Exception {
        Path a = tmp.resolve("a");
        CliHarness cliA = new CliHarness(a);
        String id = cliA.generate("nova");
        assertEquals(0, cliA.run("mem", "add", "hello").exit());
        Path proof = tmp.resolve("proof.json");
        assertEquals(0, cliA.run("audit", "prove", "--identity", id, "--index", "0", "--output", proof.toString()).exit());
        CliHarness.Run vp = new CliHarness(tmp.resolve("b")).run("audit", "verify-proof", proof.toString());
        assertEquals(9, vp.exit(), vp.err()); // unverified key (issue 20): no home identity, pin or inception record
        assertTrue(vp.err().contains("--public-key"), vp.err());
    }
}
