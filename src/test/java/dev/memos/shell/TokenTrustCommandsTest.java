package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token issue --with-head} and {@code token verify --min-trust} end to end, in-process (issue 16
 * §6), and the first-use pins of {@code token verify} in the audit log (pin_change).
 */
class TokenTrustCommandsTest {
    private String nova;
    private CliHarness cli;

    @TempDir
    Path home;

    private CliHarness.Run memos(String... argv) {
        CliHarness.Run r = cli.run(argv);
        return new CliHarness.Run(r.exit(), r.out().strip(), r.err().strip());
    }

    private String homeLog() throws Exception {
        CliHarness.Run r = memos("--json", "audit", "export", "--format", "jsonl", "--force", "--output", home.resolve("a.jsonl").toString());
        assertEquals(0, r.exit(), r.err());
        return Files.readString(home.resolve("a.jsonl"));
    }

    @BeforeEach
    void identityWithSkillKey() {
        cli = new CliHarness(home).with("MEMOS_PASSPHRASE", "correct horse battery staple");
        nova = cli.generate("nova");
        assertEquals(0, memos("token", "keygen", "skill:weather").exit());
    }

    @Test
    void with_head_is_refused_for_an_identity_without_a_memory_chain() {
        CliHarness.Run r = memos("token", "issue", "--skill", "skill:weather", "--with-head");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no memory chain"), r.err());
    }

    @Test
    void min_trust_is_checked_against_the_score_computed_from_the_embedded_head() throws Exception {
        assertEquals(0, memos("mem", "add", "first memory").exit());
        String token = memos("token", "issue", "--skill", "skill:weather", "--with-head").out();
        CliHarness.Run high = memos("token", "verify", token, "--skill", "skill:weather", "--min-trust", "11");
        assertEquals(3, high.exit(), high.err());
        assertTrue(high.err().contains("trust_below_minimum") && high.err().contains("below the minimum 11"), high.err());
        CliHarness.Run ok = memos("--json", "token", "verify", token, "--skill", "skill:weather", "--min-trust", "10");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("embedded", ok.json().path("result").path("trust_source").asText(), ok.out());
        assertEquals(10, ok.json().path("result").path("trust_score").asInt(), ok.out());
    }

    @Test
    void a_token_without_a_head_says_its_trust_is_only_claimed() {
        String token = memos("token", "issue", "--skill", "skill:weather").out();
        CliHarness.Run ok = memos("token", "verify", token, "--skill", "skill:weather");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("as claimed: not checked"), ok.out());
    }

    @Test
    void min_trust_outside_10_to_100_is_a_usage_error_naming_the_option() {
        CliHarness.Run r = memos("token", "verify", "cit1.x.y", "--skill", "skill:weather", "--min-trust", "5");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("min-trust"), r.err());
    }

    @Test
    void the_first_use_token_pin_of_token_verify_is_a_pin_change_event() throws Exception {
        String first = memos("token", "issue", "--skill", "skill:weather").out();
        assertEquals(0, memos("token", "verify", first, "--skill", "skill:weather").exit());
        String second = memos("token", "issue", "--skill", "skill:weather").out();
        assertEquals(0, memos("token", "verify", second, "--skill", "skill:weather").exit());
        String log = homeLog();
        long pins = log.lines().filter(l -> l.contains("\"pin_change\"")).count();
        assertEquals(1, pins, "one pin, written once: " + log);
        String line = log.lines().filter(l -> l.contains("\"pin_change\"")).findFirst().orElseThrow();
        assertTrue(line.contains("token-pin") && line.contains("pinned-on-first-use") && line.contains(nova)
                && line.contains("skill:weather"), line);
    }
}
