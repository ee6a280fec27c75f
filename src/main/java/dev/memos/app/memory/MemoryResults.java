package dev.memos.app.memory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.ring.Entry;
import dev.memos.ring.RingStore;
import java.time.Instant;
import java.util.List;

/** The result records of the memory use cases ({@code mem add}, {@code mem show}, {@code mem search}). */
public final class MemoryResults {
    private MemoryResults() {
    }

    /** One memory as shown: its time as an ISO instant, its text as stored (the renderer escapes it). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Memory(long seq, int ring, String kind, String writer, String time, String text, List<String> flags,
                         String summarizer, int sources) {
        static Memory of(Entry e) {
            return new Memory(e.seq(), e.ring(), e.kind(), e.writer(), Instant.ofEpochSecond(e.time()).toString(), e.text(), e.flags(),
                    e.summarizer(), e.sources());
        }

        static List<Memory> of(List<Entry> entries) {
            return entries.stream().map(Memory::of).toList();
        }
    }

    /** {@code mem add}: the new entry's number, its flags, and how many ring-0 entries a promotion moved (0: none). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Added(long seq, List<String> flags, boolean promoted, @JsonIgnore int promotedFromRing0,
                        @JsonIgnore List<String> warnings) {
    }

    /** {@code mem show}: the rings' status and the entries asked for. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Shown(RingStore.Status status, List<Memory> entries) {
    }

    /** {@code mem search}: the memories whose text contains the query. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Found(int count, List<Memory> entries) {
    }
}
