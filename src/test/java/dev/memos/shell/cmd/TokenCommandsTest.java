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

/** The four token commands end to end, in-process, against a temporary home. */
class TokenCommandsTest {
    private static final String NOVA = "CW-NOVA.R7KMX2-E2";
    private static final String APEX = "CW-APEX.K4PQ9Z-7B";

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    private Run memos(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("MEMOS_HOME", home.toString()), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    @BeforeEach
    void oneIdentity() throws Exception {
        Files.createDirectories(home.resolve("identities").resolve(NOVA));
    }

    @Test
    void keygen_issue_verify_then_replay_is_refused() throws Exception {
        Run keygen = memos("--json", "token", "keygen", "skill:weather");
        assertEquals(0, keygen.exit(), keygen.err());
        assertEquals(43, keygen.json().path("result").path("publicKey").asText().length(), keygen.out());
        Run issue = memos("token", "issue", "--skill", "skill:weather", "--ttl", "60", "--scope", "weather:read");
        assertEquals(0, issue.exit(), issue.err());
        assertTrue(issue.out().startsWith("cit1."));
        Run ok = memos("--json", "token", "verify", issue.out(), "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(NOVA, ok.json().path("result").path("mociId").asText());
        Run again = memos("token", "verify", issue.out(), "--skill", "skill:weather");
        assertEquals(3, again.exit());
        assertTrue(again.err().contains("replayed_nonce"), again.err());
        String events = Files.readString(home.resolve("tokens/events.jsonl"));
        assertTrue(events.contains("\"event\":\"cit_issued\"") && events.contains("\"event\":\"cit_verified\"")
                && events.contains("\"reason\":\"replayed_nonce\""), events);
        assertFalse(events.contains(issue.out().substring(5, 60)), "events never hold the token");
        for (String d : new String[] {"tokens", "tokens/replay", "identities/" + NOVA + "/tokens"}) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve(d))), d);
        }
        for (String f : new String[] {"tokens/pins.json", "tokens/events.jsonl", "identities/" + NOVA + "/tokens/weather.skill.key"}) {
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
        String pub = memos("--json", "token", "keygen", "skill:weather").json().path("result").path("publicKey").asText();
        assertEquals(0, memos("token", "repin-key", "skill:weather", "--issuer", NOVA, "--key", pub).exit());
        assertEquals(0, memos("token", "verify", memos("token", "issue", "--skill", "skill:weather").out(),
                "--skill", "skill:weather").exit());
        assertEquals(2, memos("token", "repin-key", "skill:weather", "--key", pub).exit(), "--key needs --issuer");
        assertEquals(2, memos("token", "repin-key", "skill:weather", "--issuer", NOVA, "--key", "short").exit());
    }

    @Test
    void suspended_identity_cannot_issue() throws Exception {
        memos("token", "keygen", "skill:weather");
        Files.writeString(home.resolve("identities").resolve(NOVA).resolve("state"), "suspended\n");
        Run r = memos("token", "issue", "--skill", "skill:weather");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("suspended"), r.err());
    }

    @Test
    void revoked_identity_cannot_issue() throws Exception {
        memos("token", "keygen", "skill:weather");
        Files.writeString(home.resolve("identities").resolve(NOVA).resolve("state"), "revoked\n");
        assertEquals(3, memos("token", "issue", "--skill", "skill:weather").exit());
    }

    @Test
    void issues_through_a_via_identity() throws Exception {
        Files.createDirectories(home.resolve("identities").resolve(APEX));
        Files.writeString(home.resolve("identities").resolve(APEX).resolve("trust-score"), "64");
        assertEquals(2, memos("token", "keygen", "skill:weather").exit(), "two identities: --issuer is needed");
        assertEquals(0, memos("token", "keygen", "skill:weather", "--issuer", APEX).exit());
        String t = memos("token", "issue", "--skill", "skill:weather", "--issuer", NOVA, "--via", APEX).out();
        Run ok = memos("--json", "token", "verify", t, "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(APEX, ok.json().path("result").path("mociId").asText());
        assertEquals(64, ok.json().path("result").path("trustScore").asInt());
        assertEquals("[\"" + NOVA + "\",\"" + APEX + "\",\"skill:weather\"]", ok.json().path("result").path("delegationChain").toString());
        assertEquals(3, memos("token", "verify", memos("token", "issue", "--skill", "skill:weather", "--issuer", NOVA, "--via", APEX)
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
        Files.delete(home.resolve("identities").resolve(NOVA));
        Run r = memos("token", "keygen", "skill:weather");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no identity"), r.err());
    }

    @Test
    void issues_with_a_stored_human_grant_as_chain_root() throws Exception {
        JsonNode keygen = memos("--json", "token", "keygen", "skill:weather").json().path("result");
        byte[] identityKey = dev.memos.encoding.Base64Url.decode(keygen.path("identityKey").asText());
        dev.memos.crypto.Ed25519 human = dev.memos.crypto.Ed25519.generate();
        dev.memos.token.DelegationLink grant = dev.memos.token.DelegationLink.sign("human:alice", human, NOVA,
                dev.memos.crypto.SignatureAlgorithm.ED25519, identityKey, java.util.List.of("weather:read", "weather:write"));
        Path grants = home.resolve("identities").resolve(NOVA).resolve("tokens").resolve("grants.json");
        Files.writeString(grants, "[" + dev.memos.encoding.CanonicalJson.string(grant.toJson(true)) + "]");
        String t = memos("token", "issue", "--skill", "skill:weather", "--scope", "weather:read").out();
        Run ok = memos("--json", "token", "verify", t, "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("[\"human:alice\",\"" + NOVA + "\",\"skill:weather\"]",
                ok.json().path("result").path("delegationChain").toString());
        assertEquals(2, memos("token", "issue", "--skill", "skill:weather", "--scope", "calendar:read").exit(),
                "cannot widen what the human granted");
    }

    @Test
    void refuses_a_tampered_grant_file() throws Exception {
        JsonNode keygen = memos("--json", "token", "keygen", "skill:weather").json().path("result");
        byte[] identityKey = dev.memos.encoding.Base64Url.decode(keygen.path("identityKey").asText());
        dev.memos.token.DelegationLink grant = dev.memos.token.DelegationLink.sign("human:alice",
                dev.memos.crypto.Ed25519.generate(), NOVA, dev.memos.crypto.SignatureAlgorithm.ED25519, identityKey,
                java.util.List.of("weather:read"));
        Path grants = home.resolve("identities").resolve(NOVA).resolve("tokens").resolve("grants.json");
        Files.writeString(grants, "[" + dev.memos.encoding.CanonicalJson.string(grant.toJson(true))
                .replace("weather:read", "weather:root") + "]");
        Run r = memos("token", "issue", "--skill", "skill:weather");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("grant"), r.err());
    }
}
