package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    static final ChunkerParams SMALL = new ChunkerParams(1024, 4096, 16384);

    static List<Integer> lengths(Chunker c, InputStream in) throws IOException {
        List<Integer> out = new ArrayList<>();
        c.split(in, (b, off, len) -> out.add(len));
        return out;
    }

    static Chunker chunker(SnapshotKeys k, ChunkerParams p) {
        return new Chunker(k.gearTable(), p);
    }

    @Test
    void every_chunk_but_the_last_lies_between_min_and_max_and_they_rebuild_the_input() throws IOException {
        byte[] data = SnapFixtures.random(1, 1_000_000);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        List<Integer> lens = new ArrayList<>();
        chunker(SnapFixtures.keys(), SMALL).split(new ByteArrayInputStream(data), (b, off, len) -> {
            rebuilt.write(b, off, len);
            lens.add(len);
        });
        assertArrayEquals(data, rebuilt.toByteArray());
        for (int i = 0; i < lens.size() - 1; i++) {
            assertTrue(lens.get(i) > SMALL.min() && lens.get(i) <= SMALL.max(), "chunk " + i + " has " + lens.get(i));
        }
        double mean = data.length / (double) lens.size();
        assertTrue(mean > 2048 && mean < 8192, "mean chunk " + mean + " near avg 4096");
    }

    @Test
    void data_without_a_cut_point_is_cut_at_max() throws IOException {
        // With G = -2^54 the hash after k steps is 2^54 - 2^(54+k) mod 2^64: bit 54 or higher is
        // always set, so neither mask (top 10 or 14 bits here) ever matches: every cut is at max.
        long[] gear = new long[256];
        Arrays.fill(gear, -1L << 54);
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 7);
        List<Integer> lens = lengths(new Chunker(gear, SMALL), new ByteArrayInputStream(data));
        for (int i = 0; i < lens.size() - 1; i++) {
            assertEquals(SMALL.max(), lens.get(i));
        }
        assertEquals(100_000, lens.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void input_not_longer_than_min_is_one_chunk_and_empty_input_none() throws IOException {
        Chunker c = chunker(SnapFixtures.keys(), SMALL);
        assertEquals(List.of(1024), lengths(c, new ByteArrayInputStream(new byte[1024])));
        assertEquals(List.of(), lengths(c, new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void same_key_same_input_same_cuts_whatever_the_read_sizes() throws IOException {
        byte[] data = SnapFixtures.random(2, 300_000);
        Chunker c = chunker(SnapFixtures.keys(), SMALL);
        List<Integer> whole = lengths(c, new ByteArrayInputStream(data));
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 333));
            }
        };
        assertEquals(whole, lengths(c, trickle));
        assertEquals(whole, lengths(chunker(SnapFixtures.keys(), SMALL), new ByteArrayInputStream(data)));
    }

    @Test
    void another_key_cuts_the_same_data_elsewhere() throws IOException {
        byte[] data = SnapFixtures.random(3, 300_000);
        List<Integer> a = lengths(chunker(SnapFixtures.keys(), SMALL), new ByteArrayInputStream(data));
        List<Integer> b = lengths(chunker(SnapshotKeys.derive(SnapFixtures.other()), SMALL), new ByteArrayInputStream(data));
        assertNotEquals(a, b);
    }

    @Test
    void an_insertion_moves_only_nearby_cut_points() throws IOException {
        byte[] data = SnapFixtures.random(4, 400_000);
        byte[] edited = new byte[data.length + 10];
        System.arraycopy(data, 0, edited, 0, 200_000);
        System.arraycopy(data, 200_000, edited, 200_010, 200_000);
        Chunker c = chunker(SnapFixtures.keys(), SMALL);
        List<Integer> before = cutsFrom(lengths(c, new ByteArrayInputStream(data)), 0);
        List<Integer> after = cutsFrom(lengths(c, new ByteArrayInputStream(edited)), 0);
        long sharedTail = before.stream().filter(x -> x > 220_000 && after.contains(x + 10)).count();
        long tail = before.stream().filter(x -> x > 220_000).count();
        assertTrue(sharedTail >= tail - 1, "cut points after the edit are preserved: " + sharedTail + " of " + tail);
        long head = before.stream().filter(x -> x < 195_000).count();
        assertEquals(head, after.stream().filter(x -> x < 195_000).count());
    }

    static List<Integer> cutsFrom(List<Integer> lens, int start) {
        List<Integer> cuts = new ArrayList<>();
        int pos = start;
        for (int l : lens) {
            pos += l;
            cuts.add(pos);
        }
        return cuts;
    }

    @Test
    void refuses_sizes_that_are_not_min_avg_max_with_a_power_of_two_avg() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(4096, 4096, 16384));
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(1024, 5000, 16384));
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(1024, 4096, 4096));
    }
}
