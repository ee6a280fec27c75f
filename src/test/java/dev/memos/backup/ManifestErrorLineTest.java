package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Found by BundleFuzzTest.manifest_json_parses_or_fails_cleanly: a manifest key (or inventory type)
 * is echoed into the error, so a hostile bundle could break the one-line error with a newline or
 * paint the user's terminal with escape sequences.
 */
class ManifestErrorLineTest {
    @Test
    void rejects_manifest_key_with_newline_and_escape_without_breaking_the_error_line() {
        String hostile = "{\"manifest\\nFAKE: all good\\u001b[2J\\u009b31m\\u2028x\":1}";
        MemosException e = assertThrows(MemosException.class,
                () -> SealedManifest.parse(hostile.getBytes(StandardCharsets.UTF_8)));
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\u001b") || m.contains("\u009b") || m.contains("\u2028"), m);
        assertTrue(m.contains("unknown key"), m);
    }

    @Test
    void rejects_an_endless_key_with_a_bounded_message() {
        String hostile = "{\"" + "k".repeat(100_000) + "\":1}";
        MemosException e = assertThrows(MemosException.class,
                () -> SealedManifest.parse(hostile.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().length() < 400, "message length " + e.getMessage().length());
    }
}
