package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The glob syntax of FORMAT.md §14.9, one rule per test, including what must not match. */
class GlobTest {
    static boolean file(String glob, String path) {
        return Glob.compile(glob).matches(path, false);
    }

    @Test
    void a_bare_name_matches_at_any_depth_but_only_whole_names() {
        assertTrue(file("*.tmp", "a.tmp"));
        assertTrue(file("*.tmp", "x/y/a.tmp"));
        assertFalse(file("*.tmp", "a.tmp.keep"));
        assertFalse(file("cache", "mycache"));
        assertTrue(file("cache", "deep/cache"));
    }

    @Test
    void star_and_question_mark_never_cross_a_slash() {
        assertFalse(file("/a*b", "a/b"));
        assertFalse(file("/a?b", "a/b"));
        assertTrue(file("/a?b", "axb"));
        assertTrue(file("/notes/*.md", "notes/n1.md"));
        assertFalse(file("/notes/*.md", "notes/deep/n1.md"));
    }

    @Test
    void a_pattern_with_an_inner_slash_is_anchored_at_the_root() {
        assertTrue(file("notes/*.md", "notes/a.md"));
        assertFalse(file("notes/*.md", "x/notes/a.md"));
        assertTrue(file("/top", "top"));
        assertFalse(file("/top", "x/top"));
    }

    @Test
    void double_star_matches_zero_or_more_segments() {
        assertTrue(file("/**/x.bin", "x.bin"));
        assertTrue(file("/**/x.bin", "a/b/c/x.bin"));
        assertTrue(file("a/**/z", "a/z"));
        assertTrue(file("a/**/z", "a/b/c/z"));
        assertFalse(file("a/**/z", "b/a/z"));
        assertTrue(file("a/**", "a/b/c"));
    }

    @Test
    void a_trailing_slash_matches_folders_only() {
        Glob g = Glob.compile("build/");
        assertTrue(g.matches("x/build", true));
        assertFalse(g.matches("x/build", false));
    }

    @Test
    void classes_ranges_negation_and_escapes() {
        assertTrue(file("f[0-9].log", "f7.log"));
        assertFalse(file("f[0-9].log", "fx.log"));
        assertTrue(file("f[!0-9].log", "fx.log"));
        assertFalse(file("f[!0-9].log", "f1.log"));
        assertTrue(file("[]x]", "]"));
        assertTrue(file("\\*", "*"));
        assertFalse(file("\\*", "a"));
        assertTrue(file("\\[a]", "[a]"));
    }

    @Test
    void refuses_malformed_patterns_with_the_reason() {
        assertEquals("unclosed '[' at column 2", assertThrows(Glob.SyntaxException.class, () -> Glob.compile("a[bc")).getMessage());
        assertThrows(Glob.SyntaxException.class, () -> Glob.compile("abc\\"));
        assertThrows(Glob.SyntaxException.class, () -> Glob.compile(""));
        assertThrows(Glob.SyntaxException.class, () -> Glob.compile("/"));
        assertThrows(Glob.SyntaxException.class, () -> Glob.compile("a//b"));
        assertThrows(Glob.SyntaxException.class, () -> Glob.compile("a**b"));
        assertThrows(Glob.SyntaxException.class, () -> Glob.compile("x".repeat(Glob.MAX_LENGTH + 1)));
    }

    @Test
    void a_hostile_pattern_matches_in_polynomial_time() {
        // As a backtracking regex, "*a*a*…*b" against "aaaa…" takes exponential time.
        String evil = "*a".repeat(100) + "*b";
        String name = "a".repeat(4000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(file(evil, name)));
        String deep = "/" + "**/".repeat(200) + "z";
        String path = "a/".repeat(1000) + "y";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(file(deep, path)));
    }
}
