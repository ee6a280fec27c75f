package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.error.MemosException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void splits_on_whitespace_and_honours_quotes() {
        assertEquals(List.of("mem", "add", "hello world", "it's", "a\"b"),
                Tokenizer.split("mem add 'hello world' \"it's\" a\\\"b"));
    }

    @Test
    void trailing_comment_is_ignored_but_hash_inside_a_word_is_kept() {
        assertEquals(List.of("help", "a#b"), Tokenizer.split("help a#b # a comment"));
        assertEquals(List.of(), Tokenizer.split("   # only a comment"));
    }

    @Test
    void empty_quotes_give_an_empty_argument() {
        assertEquals(List.of("config", "set", "gateways", ""), Tokenizer.split("config set gateways ''"));
    }

    @Test
    void no_variable_expansion() {
        assertEquals(List.of("$HOME", "$HOME"), Tokenizer.split("$HOME \"\\$HOME\""));
    }

    @Test
    void rejects_unclosed_quotes() {
        assertThrows(MemosException.class, () -> Tokenizer.split("mem add 'oops"));
        assertThrows(MemosException.class, () -> Tokenizer.split("mem add \"oops"));
    }

    @Test
    void rejects_lone_trailing_backslash() {
        assertThrows(MemosException.class, () -> Tokenizer.split("help \\"));
    }
}
