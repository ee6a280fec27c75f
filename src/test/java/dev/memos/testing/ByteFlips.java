package dev.memos.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.store.MirroredFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Byte-flip checks of a store kept with a verified copy (FORMAT.md §17): flip one byte of the primary
 * or of the copy, open the store, and it must show the original content and have rewritten the file
 * it repaired. Small files are flipped at every byte, large ones at a bounded, evenly spread sample,
 * so a class of these stays within a few seconds.
 */
public final class ByteFlips {
    /** Files up to this size are flipped exhaustively. */
    public static final int EXHAUSTIVE = 1024;
    /** Positions tried in a larger file. */
    public static final int SAMPLE = 200;

    private ByteFlips() {
    }

    /** Every position of a small file, else {@link #SAMPLE} spread over it (first and last included). */
    public static int[] positions(int length) {
        return positions(length, length <= EXHAUSTIVE ? length : SAMPLE);
    }

    /** At most {@code max} positions spread evenly over {@code length} bytes (all of them when it is enough). */
    public static int[] positions(int length, int max) {
        if (length <= max) {
            return IntStream.range(0, length).toArray();
        }
        return IntStream.range(0, max).map(i -> (int) ((long) i * (length - 1) / (max - 1))).distinct().toArray();
    }

    /**
     * Flips each position of the primary, then of its copy; after each flip {@code open} must give
     * {@code expected} and both files must be whole again.
     */
    public static void eachFlipHeals(Path primary, Callable<?> open, Object expected) throws Exception {
        eachFlipHeals(primary, open, expected, Integer.MAX_VALUE, SAMPLE);
    }

    /**
     * As {@link #eachFlipHeals(Path, Callable, Object)} with at most {@code primaryFlips} positions of the primary
     * and {@code copyFlips} of the copy (a store whose open is costly keeps its class within the time budget).
     */
    public static void eachFlipHeals(Path primary, Callable<?> open, Object expected, int primaryFlips, int copyFlips)
            throws Exception {
        Path copy = MirroredFile.copyOf(primary);
        byte[] goodPrimary = Files.readAllBytes(primary);
        byte[] goodCopy = Files.readAllBytes(copy);
        for (Path target : new Path[] {primary, copy}) {
            byte[] good = target == primary ? goodPrimary : goodCopy;
            int max = target == primary ? primaryFlips : copyFlips;
            for (int i : max == Integer.MAX_VALUE ? positions(good.length) : positions(good.length, max)) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << (i % 8));
                Files.write(target, bad);
                assertEquals(expected, open.call(), target.getFileName() + ": flip at byte " + i);
                assertArrayEquals(goodPrimary, Files.readAllBytes(primary), "primary rewritten after a flip at " + i);
                byte[] copyNow = Files.readAllBytes(copy);
                assertArrayEquals(goodPrimary, java.util.Arrays.copyOfRange(copyNow, 26, 26 + goodPrimary.length),
                        "copy holds the content after a flip at " + i);
                Files.write(primary, goodPrimary);
                Files.write(copy, goodCopy);
            }
        }
    }

    /**
     * For a store whose primary carries its own MAC: a flip in each of both files fails with exit 4 (an
     * integrity error), never a crash; a flip the format ignores (trailing whitespace) still opens as {@code expected}.
     */
    public static void bothFlippedFailCleanly(Path primary, Callable<?> open, Object expected) throws Exception {
        Path copy = MirroredFile.copyOf(primary);
        byte[] goodPrimary = Files.readAllBytes(primary);
        byte[] goodCopy = Files.readAllBytes(copy);
        for (int i : positions(goodPrimary.length, 8)) {
            byte[] bad = goodPrimary.clone();
            bad[i] ^= 0x01;
            byte[] badCopy = goodCopy.clone();
            badCopy[26 + i] ^= 0x01;
            Files.write(primary, bad);
            Files.write(copy, badCopy);
            try {
                assertEquals(expected, open.call(), "both flipped at " + i + " and still opened: must be unchanged");
            } catch (MemosException e) {
                assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains(primary.getFileName().toString()), e.getMessage());
            }
        }
        Files.write(primary, goodPrimary);
        Files.write(copy, goodCopy);
    }
}
