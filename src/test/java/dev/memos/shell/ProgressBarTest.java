package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(sink, true, StandardCharsets.UTF_8);

    private String drawn() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void draws_phase_bytes_of_total_and_rate_once_the_phase_lasts() {
        try (ProgressBar bar = ProgressBar.to(err, 100, Duration.ZERO)) {
            bar.update("upload", 0, 5_000_000, 10_000_000);
            bar.update("upload", 0, 6_000_000, 10_000_000);
        }
        String out = drawn();
        assertTrue(out.contains("upload") && out.contains("60%") && out.contains("6/10 MB") && out.contains("MB/s"), out);
    }

    @Test
    void draws_nothing_for_a_phase_shorter_than_the_quiet_time() {
        try (ProgressBar bar = ProgressBar.to(err, 100, Duration.ofHours(1))) {
            bar.update("pack", 3, 1_000_000, -1);
            bar.steps("read back", 1, -1, "poll 2 in 1 s");
        }
        assertEquals("", drawn());
    }

    @Test
    void draws_nothing_when_nobody_watches() {
        try (ProgressBar bar = ProgressBar.to(null, 100, Duration.ZERO)) {
            bar.update("download", 0, 1, 2);
        }
        assertEquals("", drawn());
    }

    @Test
    void each_phase_and_each_restarted_download_gets_its_own_line() {
        try (ProgressBar bar = ProgressBar.to(err, 100, Duration.ZERO)) {
            bar.update("download", 0, 4_000_000, 4_000_000);
            bar.update("download", 0, 1_000_000, 8_000_000);
            bar.steps("list: checking candidates", 2, 5, "abcdefgh");
        }
        String out = drawn();
        assertTrue(out.contains("4/4 MB") && out.contains("1/8 MB") && out.contains("2/5") && out.contains("abcdefgh"), out);
        assertEquals(3, out.chars().filter(c -> c == '\n').count(), out);
    }

    @Test
    void a_wait_of_unknown_length_keeps_its_second_count_on_an_80_column_line() {
        try (ProgressBar bar = ProgressBar.to(err, 80, Duration.ZERO)) {
            bar.steps("index", 13, -1, "waiting for the node to index tx qGAp4w… (13 s)");
        }
        String out = drawn();
        assertTrue(out.contains("waiting for the node to index tx qGAp4w… (13 s)"), out);
        assertTrue(out.lines().allMatch(l -> l.strip().codePointCount(0, l.strip().length()) <= 80), out);
    }

    @Test
    void stderr_of_a_forked_test_jvm_is_a_pipe_not_a_terminal() {
        // surefire reads the forked JVM's stderr through a pipe: progress must not be drawn into it
        assertEquals(false, Terminals.stderrIsTerminal());
    }

    @Test
    void width_comes_from_columns_within_bounds() {
        assertEquals(132, ProgressBar.width(Map.of("COLUMNS", "132")));
        assertEquals(80, ProgressBar.width(Map.of("COLUMNS", "12")));
        assertEquals(80, ProgressBar.width(Map.of("COLUMNS", "wide")));
        assertEquals(80, ProgressBar.width(Map.of()));
    }

    @Test
    void delay_comes_from_the_environment_within_bounds() {
        assertEquals(0L, ProgressBar.quietNanos(Map.of("MEMOS_PROGRESS_DELAY_MS", "0")));
        assertEquals(250_000_000L, ProgressBar.quietNanos(Map.of("MEMOS_PROGRESS_DELAY_MS", "250")));
        assertEquals(1_000_000_000L, ProgressBar.quietNanos(Map.of("MEMOS_PROGRESS_DELAY_MS", "-1")));
        assertEquals(1_000_000_000L, ProgressBar.quietNanos(Map.of("MEMOS_PROGRESS_DELAY_MS", "soon")));
        assertEquals(1_000_000_000L, ProgressBar.quietNanos(Map.of()));
    }
}
