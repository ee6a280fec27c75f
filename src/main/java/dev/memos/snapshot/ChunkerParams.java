package dev.memos.snapshot;

/**
 * FastCDC sizes (FORMAT.md §14.2). {@code avg} must be a power of two; min < avg < max. The
 * defaults were measured on the bench corpus (docs/FORMAT.md §14.2 gives the figures).
 */
public record ChunkerParams(int min, int avg, int max) {
    public static final ChunkerParams DEFAULT = new ChunkerParams(64 * 1024, 256 * 1024, 1024 * 1024);

    public ChunkerParams {
        if (Integer.bitCount(avg) != 1 || avg < 256 || min < 64 || min >= avg || max <= avg || max > (64 << 20)) {
            throw new IllegalArgumentException("chunker sizes must satisfy 64 <= min < avg < max <= 64 MiB, avg a power of two");
        }
    }

    int bits() {
        return Integer.numberOfTrailingZeros(avg);
    }

    /** NC level 2: the strict mask (bits + 2 ones) before avg, the loose one (bits - 2) after. */
    long maskSmall() {
        return -1L << (64 - (bits() + 2));
    }

    long maskLarge() {
        return -1L << (64 - (bits() - 2));
    }
}
