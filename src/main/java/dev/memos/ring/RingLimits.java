package dev.memos.ring;

import dev.memos.error.MemosException;
import java.time.Duration;

/**
 * Caps and limits of one rings store; the defaults are the seed's. {@code totalBudget} bounds the
 * size of the store file itself (everything included), 32 KiB by default, at most 64 KiB.
 */
public record RingLimits(int ring0Bytes, int ring1Entries, int ring2Entries, int totalBudget, int maxEntryBytes,
                         int oversizeBytes, int perMinute, int perDay, int bytesPerDay, Duration clockTolerance,
                         int ring1SummaryBytes, int ring2SummaryBytes) {
    public static final int MAX_BUDGET = 64 * 1024;
    public static final Duration RING0_AGE = Duration.ofHours(24);
    public static final Duration RING1_AGE = Duration.ofDays(30);
    public static final Duration RING2_AGE = Duration.ofDays(365);

    public RingLimits {
        if (totalBudget < 8 * 1024 || totalBudget > MAX_BUDGET) {
            throw MemosException.usage("the rings budget must be between 8192 and " + MAX_BUDGET + " bytes, got " + totalBudget);
        }
        if (ring0Bytes < 256 || ring0Bytes > totalBudget / 2 || maxEntryBytes < 64 || maxEntryBytes > ring0Bytes) {
            throw MemosException.usage("rings.ring0-bytes must be 256.." + totalBudget / 2 + " (half the budget), got " + ring0Bytes);
        }
        if (ring1Entries < 1 || ring2Entries < 1 || perMinute < 1 || perDay < 1) {
            throw MemosException.usage("ring caps and write limits must be at least 1");
        }
    }

    public static RingLimits defaults() {
        return new RingLimits(8 * 1024, 30, 50, 32 * 1024, 4096, 2048, 30, 2000, 256 * 1024, Duration.ofMinutes(5), 384, 160);
    }

    public RingLimits withBudget(int bytes) {
        return new RingLimits(ring0Bytes, ring1Entries, ring2Entries, bytes, maxEntryBytes, oversizeBytes, perMinute, perDay,
                bytesPerDay, clockTolerance, ring1SummaryBytes, ring2SummaryBytes);
    }

    public RingLimits withRates(int minute, int day) {
        return new RingLimits(ring0Bytes, ring1Entries, ring2Entries, totalBudget, maxEntryBytes, oversizeBytes, minute, day,
                bytesPerDay, clockTolerance, ring1SummaryBytes, ring2SummaryBytes);
    }

    public RingLimits withCaps(int ring0, int ring1, int ring2) {
        return new RingLimits(ring0, ring1, ring2, totalBudget, Math.min(maxEntryBytes, ring0), oversizeBytes, perMinute, perDay,
                bytesPerDay, clockTolerance, ring1SummaryBytes, ring2SummaryBytes);
    }
}
