package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.shell.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four token commands end to end, in-process, against a temporary home with real identities. */
class TokenCommandsTest {
    private String nova;

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    private Run memos(String... argv) {
        return memosEnv(Map.of(), argv);
    }

    private Run memosEnv(Map<String, String> extra, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("MEMOS_HOME", home.toString());
        int code = Main.run(argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private String generate(String name, String... more) throws Exception {
        Run r = memosEnv(Map.of("MEMOS_PASSPHRASE", "correct horse battery staple"),
                concat(new String[] {"--json", "id", "generate", "--name", name}, more));
        assertEquals(0, r.exit(), r.err());
        return r.json().path("result").path("id").asText();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The events of one audit log (the home log when {@code identity} is null), as JSON lines. */
    private String auditEvents(String identity) {
        Run r = identity == null ? memos("--json", "audit", "export", "--format", "jsonl", "--force", "--output", home.resolve("a.jsonl").toString())
                : memos("--json", "audit", "export", "--identity", identity, "--format", "jsonl", "--force", "--output", home.resolve("a.jsonl").toString());
        assertEquals(0, r.exit(), r.err());
        try {
            return Files.readString(home.resolve("a.jsonl"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void oneIdentity() throws Exception {
        nova = generate("nova");
    }

    @Test
    void keygen_issue_verify_then_replay_is_refused() throws Exception {
        Run keygen = memos("--json", "token", "keygen", "skill:weather");
        assertEquals(0, keygen.exit(), keygen.err());
        assertEquals(43, keygen.json().path("result").path("public_key").asText().length(), keygen.out());
        Run issue = memos("token", "issue", "--skill", "skill:weather", "--ttl", "60", "--scope", "weather:read");
        assertEquals(0, issue.exit(), issue.err());
        assertTrue(issue.out().startsWith("cit1."));
        Run ok = memos("--json", "token", "verify", issue.out(), "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(nova, ok.json().path("result").path("moci_id").asText());
        Run again = memos("token", "verify", issue.out(), "--skill", "skill:weather");
        assertEquals(3, again.exit());
        assertTrue(again.err().contains("replayed_nonce"), again.err());
        String issuerLog = auditEvents(nova);
        assertTrue(issuerLog.contains("cit_issued") && issuerLog.contains("skill:weather"), issuerLog);
        String homeLog = auditEvents(null);
        assertTrue(homeLog.contains("cit_verified") && homeLog.contains("cit_rejected") && homeLog.contains("replayed_nonce"), homeLog);
        assertFalse(issuerLog.contains(issue.out().substring(5, 60)) || homeLog.contains(issue.out().substring(5, 60)),
                "the audit log never holds the token");
        assertFalse(Files.exists(home.resolve("tokens/events.jsonl")), "no interim event file any more");
        assertFalse(Files.exists(home.resolve("identities/" + nova + "/tokens/delegation.key")), "the identity key signs links");
        for (String d : new String[] {"tokens", "tokens/replay", "identities/" + nova + "/tokens"}) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve(d))), d);
        }
        for (String f : new String[] {"tokens/pins.json", "identities/" + nova + "/tokens/weather.skill.key"}) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve(f))), f);
        }
    }

    @Test
    void rotated_key_is_refused_until_repinned() {
        memos("token", "keygen", "skill:weather");
        assertEquals(0, memos("token", "verify", memos("token", "issue", "--skill", "skill:weather").out(),
                "--skill", "skill:weather").exit());
        assertEquals(0, memos("token", "keygen", "skill:weather", "--rotate").exit());
        String rotated = memos("token", "issue", "--skill", "skill:weather").out();
        Run refused = memos("token", "verify", rotated, "--skill", "skill:weather");
        assertEquals(3, refused.exit());
        assertTrue(refused.err().contains("pin_mismatch") && refused.err().contains("repin-key"), refused.err());
        assertEquals(0, memos("token", "repin-key", "skill:weather").exit());
        assertEquals(0, memos("token", "verify", rotated, "--skill", "skill:weather").exit());
    }

    @Test
    void repin_key_can_pin_a_key_handed_over_out_of_band() throws Exception {
        String pub = memos("--json", "token", "keygen", "skill:weather").json().path("result").path("public_key").asText();
        assertEquals(0, memos("token", "repin-key", "skill:weather", "--issuer", nova, "--key", pub).exit());
        assertEquals(0, memos("token", "verify", memos("token", "issue", "--skill", "skill:weather").out(),
                "--skill", "skill:weather").exit());
        assertEquals(2, memos("token", "repin-key", "skill:weather", "--key", pub).exit(), "--key needs --issuer");
        assertEquals(2, memos("token", "repin-key", "skill:weather", "--issuer", nova, "--key", "short").exit());
    }

    @Test
    void suspended_identity_cannot_issue() throws Exception {
        memos("token", "keygen", "skill:weather");
        assertEquals(0, memos("id", "suspend", nova).exit());
        Run r = memos("token", "issue", "--skill", "skill:weather", "--issuer", nova);
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("suspended"), r.err());
    }

    @Test
    void revoked_identity_cannot_issue() throws Exception {
        memos("token", "keygen", "skill:weather");
        assertEquals(0, memos("id", "revoke", nova, "--confirm").exit());
        Run r = memos("token", "issue", "--skill", "skill:weather", "--issuer", nova);
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("revoked"), r.err());
    }

    @Test
    void issues_through_a_via_identity() throws Exception {
        String apex = generate("apex");
        assertEquals(2, memos("token", "keygen", "skill:weather").exit(), "two identities: --issuer is needed");
        assertEquals(0, memos("token", "keygen", "skill:weather", "--issuer", apex).exit());
        String t = memos("token", "issue", "--skill", "skill:weather", "--issuer", nova, "--via", apex).out();
        Run ok = memos("--json", "token", "verify", t, "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(apex, ok.json().path("result").path("moci_id").asText());
        assertEquals(10, ok.json().path("result").path("trust_score").asInt(), "no memory chain yet: New");
        assertEquals("[\"" + nova + "\",\"" + apex + "\",\"skill:weather\"]", ok.json().path("result").path("delegation_chain").toString());
        assertEquals(3, memos("token", "verify", memos("token", "issue", "--skill", "skill:weather", "--issuer", nova, "--via", apex)
                .out(), "--skill", "skill:weather", "--max-depth", "1").exit());
    }

    @Test
    void refuses_bad_input_with_usage_errors() {
        assertEquals(2, memos("token", "keygen", "weather").exit());
        memos("token", "keygen", "skill:weather");
        assertEquals(2, memos("token", "keygen", "skill:weather").exit(), "no silent overwrite");
        assertEquals(2, memos("token", "issue", "--skill", "skill:weather", "--ttl", "301").exit());
        assertEquals(2, memos("token", "issue", "--skill", "skill:weather", "--ttl", "59").exit());
        assertEquals(2, memos("token", "issue", "--skill", "skill:calendar").exit(), "no key for that skill");
        assertEquals(3, memos("token", "verify", "cit1.garbage", "--skill", "skill:weather").exit());
    }

    @Test
    void explains_a_home_without_identities() throws Exception {
        home = home.resolve("empty");
        Run r = memos("token", "keygen", "skill:weather");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no identity"), r.err());
    }

    @Test
    void issues_with_a_stored_human_grant_as_chain_root() throws Exception {
        JsonNode keygen = memos("--json", "token", "keygen", "skill:weather").json().path("result");
        byte[] identityKey = dev.memos.encoding.Base64Url.decode(keygen.path("identity_key").asText());
        dev.memos.crypto.Ed25519 human = dev.memos.crypto.Ed25519.generate();
        dev.memos.token.DelegationLink grant = dev.memos.token.DelegationLink.sign("human:alice", human, nova,
                dev.memos.crypto.SignatureAlgorithm.ED25519, identityKey, java.util.List.of("weather:read", "weather:write"));
        Path grants = home.resolve("identities").resolve(nova).resolve("tokens").resolve("grants.json");
        Files.writeString(grants, "[" + dev.memos.encoding.CanonicalJson.string(grant.toJson(true)) + "]");
        String t = memos("token", "issue", "--skill", "skill:weather", "--scope", "weather:read").out();
        Run ok = memos("--json", "token", "verify", t, "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("[\"human:alice\",\"" + nova + "\",\"skill:weather\"]",
                ok.json().path("result").path("delegation_chain").toString());
        assertEquals(2, memos("token", "issue", "--skill", "skill:weather", "--scope", "calendar:read").exit(),
                "cannot widen what the human granted");
    }

    @Test
    void refuses_a_tampered_grant_file() throws Exception {
        JsonNode keygen = memos("--json", "token", "keygen", "skill:weather").json().path("result");
        byte[] identityKey = dev.memos.encoding.Base64Url.decode(keygen.path("identity_key").asText());
        dev.memos.token.DelegationLink grant = dev.memos.token.DelegationLink.sign("human:alice",
                dev.memos.crypto.Ed25519.generate(), nova, dev.memos.crypto.SignatureAlgorithm.ED25519, identityKey,
                java.util.List.of("weather:read"));
        Path grants = home.resolve("identities").resolve(nova).resolve("tokens").resolve("grants.json");
        Files.writeString(grants, "[" + dev.memos.encoding.CanonicalJson.string(grant.toJson(true))
                .replace("weather:read", "weather:root") + "]");
        Run r = memos("token", "issue", "--skill", "skill:weather");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("grant"), r.err());
    }

    @Test
    void tier2_skill_key_is_sealed_to_the_identity_and_needs_the_passphrase() throws Exception {
        home = home.resolve("t2");
        String t2 = generate("tiertwo", "--passphrase");
        Map<String, String> pass = Map.of("MEMOS_PASSPHRASE", "correct horse battery staple");
        Run keygen = memosEnv(pass, "--json", "token", "keygen", "skill:weather");
        assertEquals(0, keygen.exit(), keygen.err());
        assertTrue(keygen.json().path("result").path("sealed_to_identity").asBoolean(), keygen.out());
        Run noPass = memos("token", "issue", "--skill", "skill:weather");
        assertEquals(3, noPass.exit(), "without the passphrase the sealed key does not open");
        Run wrong = memosEnv(Map.of("MEMOS_PASSPHRASE", "wrong"), "token", "issue", "--skill", "skill:weather");
        assertEquals(3, wrong.exit(), wrong.err());
        String homeLog = auditEvents(null);
        assertTrue(homeLog.contains("unlock_failed") && !homeLog.contains("\"wrong\""), "refused passphrase is audited, never logged");
        Run ok = memosEnv(pass, "token", "issue", "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(0, memos("token", "verify", ok.out(), "--skill", "skill:weather").exit());
        assertTrue(Files.readString(home.resolve("identities/" + t2 + "/tokens/weather.skill.key")).contains("\"seal\":\"identity\""));
    }

    @Test
    void rejects_a_skill_key_whose_identity_seal_was_stripped() throws Exception {
        home = home.resolve("t2b");
        String t2 = generate("tiertwo", "--passphrase");
        Map<String, String> pass = Map.of("MEMOS_PASSPHRASE", "correct horse battery staple");
        assertEquals(0, memosEnv(pass, "token", "keygen", "skill:weather").exit());
        Path f = home.resolve("identities/" + t2 + "/tokens/weather.skill.key");
        String sealed = Files.readString(f);
        Files.writeString(f, sealed.replace(",\"seal\":\"identity\"", ""));
        // the sealed copy (FORMAT.md §17) undoes the downgrade: the key is identity-sealed again
        Run healed = memosEnv(pass, "token", "issue", "--skill", "skill:weather");
        assertEquals(0, healed.exit(), healed.err());
        assertTrue(healed.err().contains("recovered identities/" + t2 + "/tokens/weather.skill.key"), healed.err());
        assertEquals(sealed, Files.readString(f));
        // with no copy to fall back on, the stripped seal itself is refused
        Files.writeString(f, sealed.replace(",\"seal\":\"identity\"", ""));
        Files.delete(f.resolveSibling(".weather.skill.key.copy"));
        Run r = memosEnv(pass, "token", "issue", "--skill", "skill:weather");
        assertEquals(4, r.exit(), r.err());
    }

    @Test
    void tier1_skill_key_stays_device_sealed() throws Exception {
        Run keygen = memos("--json", "token", "keygen", "skill:weather");
        assertFalse(keygen.json().path("result").path("sealed_to_identity").asBoolean(), keygen.out());
    }

    @Test
    void rejects_an_unknown_issuer() {
        memos("token", "keygen", "skill:weather");
        Run r = memos("token", "issue", "--skill", "skill:weather", "--issuer", "CW-GHOST.R7KMX2-E2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no identity"), r.err());
    }

    @Test
    void token_grant_signs_a_human_root_with_the_eth_key() throws Exception {
        Map<String, String> eth = Map.of("ETH_PRIVATE_KEY", "4c".repeat(32));
        Run g = memosEnv(eth, "--json", "token", "grant", "--to", nova, "--scope", "weather:read", "--scope", "weather:write");
        assertEquals(0, g.exit(), g.err());
        String human = g.json().path("result").path("from").asText();
        assertTrue(human.matches("human:0x[0-9a-fA-F]{40}"), human);
        memos("token", "keygen", "skill:weather");
        String t = memos("token", "issue", "--skill", "skill:weather", "--scope", "weather:read").out();
        Run ok = memos("--json", "token", "verify", t, "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("[\"" + human + "\",\"" + nova + "\",\"skill:weather\"]", ok.json().path("result").path("delegation_chain").toString());
        assertEquals(2, memos("token", "issue", "--skill", "skill:weather", "--scope", "calendar:read").exit(),
                "cannot widen what the human granted");
        assertTrue(auditEvents(null).contains("cit_granted") || auditEvents(nova).contains("cit_granted"));
    }

    @Test
    void token_grant_refuses_overwrite_unknown_ids_missing_scope_and_a_locked_key() {
        Map<String, String> eth = Map.of("ETH_PRIVATE_KEY", "4c".repeat(32));
        assertEquals(0, memosEnv(eth, "token", "grant", "--to", nova, "--scope", "weather:read").exit());
        assertEquals(2, memosEnv(eth, "token", "grant", "--to", nova, "--scope", "weather:read").exit(), "no silent overwrite");
        assertEquals(0, memosEnv(eth, "token", "grant", "--to", nova, "--scope", "weather:write", "--replace").exit());
        assertEquals(2, memosEnv(eth, "token", "grant", "--to", "CW-GHOST.R7KMX2-E2", "--scope", "weather:read").exit());
        assertEquals(2, memosEnv(eth, "token", "grant", "--to", nova).exit(), "a grant names its scopes");
        assertEquals(3, memos("token", "grant", "--to", nova, "--scope", "weather:read", "--replace").exit(), "needs the ETH key");
    }
}
