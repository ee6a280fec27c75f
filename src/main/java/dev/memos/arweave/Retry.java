package dev.memos.arweave;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries NETWORK failures with exponential backoff (base, 2x, 4x … capped at 8x). Any other
 * failure kind (integrity, payment, usage) is final at once: retrying cannot fix it.
 */
public record Retry(int attempts, Duration base) {
    public static final Retry DEFAULT = new Retry(4, Duration.ofMillis(250));
    public static final Retry NONE = new Retry(1, Duration.ZERO);

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    public <T> T run(Supplier<T> action) {
        MemosException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return action.get();
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.NETWORK) {
                    throw e;
                }
                last = e;
                if (i + 1 < attempts) {
                    sleep(base.multipliedBy(1L << Math.min(i, 3)));
                }
            }
        }
        throw last;
    }

    public void runVoid(Runnable action) {
        run(() -> {
            action.run();
            return null;
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while waiting to retry", e);
        }
    }
}
