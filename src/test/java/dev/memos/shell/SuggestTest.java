package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestTest {
    @Test
    void suggests_close_command() {
        assertEquals(Optional.of("backup"), Suggest.closest("bakup", List.of("backup", "restore", "list")));
        assertEquals(Optional.of("restore"), Suggest.closest("rest", List.of("backup", "restore", "list")));
    }

    @Test
    void no_suggestion_for_unrelated_word() {
        assertTrue(Suggest.closest("zzzzzz", List.of("backup", "restore")).isEmpty());
    }
}
