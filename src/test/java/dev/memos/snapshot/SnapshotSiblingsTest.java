package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.error.MemosException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional 'siblings' key of a snapshot body (FORMAT.md §14.6): absent without a fork, strict when present. */
class SnapshotSiblingsTest {
    static final String A = "aa".repeat(32);
    static final String B = "bb".repeat(32);

    Snapshot body(List<String> siblings) {
        return Snapshot.create(SnapFixtures.key().address().checksummed(), 2, "dd".repeat(32), "2026-01-02T03:04:05Z",
                ChunkerParams.DEFAULT, List.of(TreeEntry.dir("d", 0700, 1)), Map.of(), siblings);
    }

    @Test
    void a_body_without_a_fork_has_no_siblings_key() {
        assertFalse(body(List.of()).canonicalText().contains("siblings"));
    }

    @Test
    void siblings_round_trip_sorted() {
        Snapshot s = body(List.of(B, A));
        Snapshot back = Snapshot.fromJson(s.toJson());
        assertEquals(List.of(A, B), back.siblings());
        assertEquals(s.canonicalText(), back.canonicalText());
    }

    @Test
    void rejects_siblings_unsorted_repeated_empty_or_not_ids() {
        for (List<String> bad : List.of(List.of(B, A), List.of(A, A), List.<String>of(), List.of("xyz"))) {
            ObjectNode n = body(List.of(A)).toJson();
            ArrayNode arr = n.putArray("siblings");
            bad.forEach(arr::add);
            assertThrows(MemosException.class, () -> Snapshot.fromJson(n), bad.toString());
        }
    }
}
