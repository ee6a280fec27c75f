package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .memosignore parser and the option patterns: what they accept and every refusal. */
class PathFilterTest {
    @TempDir
    Path tmp;

    static List<Glob> parse(String text) {
        return PathFilter.parseIgnoreFile("in/.memosignore", text.getBytes(StandardCharsets.UTF_8));
    }

    static MemosException refused(String text) {
        MemosException e = assertThrows(MemosException.class, () -> parse(text));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void everything_reads_no_ignore_file_so_a_migrated_tree_keeps_it_and_what_it_names(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve(PathFilter.IGNORE_FILE), "*.md\n");
        assertTrue(PathFilter.none().withIgnoreFile(dir).matches("a.md", false));
        assertFalse(PathFilter.everything().withIgnoreFile(dir).matches("a.md", false));
    }

    @Test
    void skips_comments_and_blank_lines_and_strips_trailing_blanks_and_crlf() {
        List<Glob> g = parse("# cache\n\n*.tmp  \r\n  \nbuild/\r\n");
        assertEquals(List.of("*.tmp", "build/"), g.stream().map(Glob::source).toList());
    }

    @Test
    void an_escaped_trailing_space_is_kept() {
        assertTrue(parse("a\\ \n").get(0).matches("a ", false));
    }

    @Test
    void rejects_an_invalid_glob_naming_the_file_and_line() {
        MemosException e = refused("ok.txt\n# fine\nbad[\n");
        assertTrue(e.getMessage().startsWith("in/.memosignore line 3: unclosed '['"), e.getMessage());
    }

    @Test
    void rejects_negation_instead_of_silently_backing_up_what_was_meant_to_stay_out() {
        assertTrue(refused("*.log\n!keep.log\n").getMessage().startsWith("in/.memosignore line 2: '!'"));
        assertTrue(parse("\\!bang\n").get(0).matches("!bang", false));
    }

    @Test
    void rejects_a_huge_ignore_file_naming_it() {
        byte[] huge = new byte[PathFilter.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        MemosException e = assertThrows(MemosException.class, () -> PathFilter.parseIgnoreFile("in/.memosignore", huge));
        assertTrue(e.getMessage().startsWith("in/.memosignore is larger than"), e.getMessage());
    }

    @Test
    void rejects_too_many_patterns_and_invalid_utf8() {
        assertTrue(refused("a\n".repeat(PathFilter.MAX_PATTERNS + 1)).getMessage().contains("line " + (PathFilter.MAX_PATTERNS + 1)));
        MemosException e = assertThrows(MemosException.class,
                () -> PathFilter.parseIgnoreFile("in/.memosignore", new byte[] {'a', (byte) 0xff, '\n'}));
        assertEquals("in/.memosignore is not valid UTF-8", e.getMessage());
    }

    @Test
    void a_bad_option_pattern_names_the_option() {
        MemosException e = assertThrows(MemosException.class, () -> PathFilter.ofOption("exclude", List.of("x[")));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().startsWith("--exclude 'x[': unclosed"), e.getMessage());
    }

    @Test
    void reads_the_ignore_file_of_the_folder_and_adds_it_to_the_options() throws Exception {
        Files.writeString(tmp.resolve(".memosignore"), "*.tmp\n");
        PathFilter f = PathFilter.ofOption("exclude", List.of("/cache/")).withIgnoreFile(tmp);
        assertTrue(f.matches("a/b.tmp", false));
        assertTrue(f.matches("cache", true));
        assertFalse(f.matches("b.md", false));
        assertTrue(PathFilter.none().withIgnoreFile(tmp.resolve("nowhere")).isEmpty());
    }

    @Test
    void include_selects_everything_below_a_matched_folder() {
        PathFilter f = PathFilter.ofOption("include", List.of("notes"));
        assertTrue(f.matchesOrUnder("notes/deep/x.md", false));
        assertFalse(f.matchesOrUnder("other/x.md", false));
    }
}
