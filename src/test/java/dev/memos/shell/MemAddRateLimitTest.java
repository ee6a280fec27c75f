package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write over the anti-flood limit is "busy, try again later" (exit 7), not a usage error. */
class MemAddRateLimitTest {
    @TempDir
    Path tmp;

    @Test
    void mem_add_over_the_rate_limit_exits_busy_and_writes_nothing() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        cli.generate("NOVA");
        assertEquals(0, cli.run("config", "set", "rings.writes-per-minute", "1").exit());
        assertEquals(0, cli.run("mem", "add", "first").exit());
        CliHarness.Run over = cli.run("--json", "mem", "add", "second");
        assertEquals(ExitCodes.BUSY, over.exit(), over.out() + over.err());
        assertEquals("busy", over.json().get("error").get("code").asText());
        assertTrue(over.json().get("error").get("message").asText().contains("try again later"), over.out());
        CliHarness.Run shown = cli.run("mem", "show");
        assertTrue(shown.out().contains("first") && !shown.out().contains("second"), shown.out());
    }

    @Test
    void help_exit_codes_names_the_rate_limit_under_busy() {
        CliHarness.Run r = new CliHarness(tmp.resolve("h2")).run("help", "exit-codes");
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("7 ") && l.contains("rate limit")), r.out());
    }
}
