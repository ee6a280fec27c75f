package dev.memos.snapshot;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.fuzz.Fuzz;

/**
 * A .memosignore comes with the folder being backed up, and --exclude/--include come from scripts:
 * outside input (so is --max-spend, parsed by app.snapshot.SpendCap). Parsers return or throw one usage line; a compiled pattern
 * matches any path without throwing (Glob's class/escape walk trusts what compile checked).
 */
class PathFilterFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void ignore_file_parses_or_fails_cleanly(byte[] file) {
        Fuzz.cleanly(() -> PathFilter.parseIgnoreFile("fuzz/.memosignore", file));
    }

    @FuzzTest(maxDuration = "30s")
    void a_compiled_glob_matches_any_path_without_throwing(FuzzedDataProvider data) {
        String pattern = data.consumeString(200);
        boolean dir = data.consumeBoolean();
        String path = data.consumeRemainingAsString();
        Glob g;
        try {
            g = Glob.compile(pattern);
        } catch (Glob.SyntaxException expected) {
            return;
        }
        g.matches(path.isEmpty() ? "x" : path, dir);
        Fuzz.cleanly(() -> PathFilter.ofOption("exclude", java.util.List.of(pattern)).matchesOrUnder(path, dir));
    }

    @FuzzTest(maxDuration = "30s")
    void max_spend_parses_or_fails_cleanly(byte[] text) {
        Fuzz.cleanly(() -> dev.memos.app.snapshot.SpendCap.parse(new String(text, java.nio.charset.StandardCharsets.UTF_8)).winston());
    }
}
