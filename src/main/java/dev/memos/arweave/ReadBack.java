package dev.memos.arweave;

import dev.memos.backup.ProgressListener;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The read-back after an upload: success is only reported once a gateway serves the id with the
 * uploaded SHA-256. Right after an upload through Turbo (or x402) the gateways may not have the
 * item yet (Turbo's optimistic caches lag), so "not found" is pending: polled with backoff (1 s,
 * 2 s, 4 s … at most 15 s apart) until the window is used up. Anything else a download can fail
 * with, wrong bytes above all, ends the read-back at once; the window never turns it into a retry.
 */
public final class ReadBack {
    /** Waits between polls; tests pass one that only records, so nothing sleeps for real. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static final Sleeper REAL = d -> Thread.sleep(d.toMillis());
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(120);
    static final Duration FIRST_STEP = Duration.ofSeconds(1);
    static final Duration MAX_STEP = Duration.ofSeconds(15);

    private final Downloader downloader;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProgressListener progress;

    public ReadBack(Downloader downloader, Duration window, Clock clock, Sleeper sleeper) {
        this(downloader, window, clock, sleeper, ProgressListener.NONE);
    }

    /** @param progress hears of each wait for a gateway that does not serve the upload yet */
    public ReadBack(Downloader downloader, Duration window, Clock clock, Sleeper sleeper, ProgressListener progress) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("negative read-back window");
        }
        this.downloader = downloader;
        this.window = window;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /**
     * Downloads {@code id} into {@code scratch} (the caller deletes it) until its SHA-256 is
     * {@code sha256}; NETWORK when it cannot, naming the id and how to check on it later.
     */
    public void verify(String id, Path scratch, String sha256) {
        Instant deadline = clock.instant().plus(window);
        Duration waited = Duration.ZERO;
        Duration step = FIRST_STEP;
        int polls = 0;
        while (true) {
            polls++;
            try {
                if (downloader.downloadIfFound(id, scratch, Downloader.Expect.sha256(sha256)).isPresent()) {
                    return;
                }
            } catch (MemosException e) {
                throw MemosException.network("uploaded as " + id + " but reading it back failed (" + e.getMessage()
                        + "): not confirmed; check later with 'memos download --tx-id " + id + " --expected-sha256 " + sha256 + "'", e);
            }
            // both the clock and the sum of waits bound the loop, so a clock that stands still cannot make it endless
            Duration byClock = Duration.between(clock.instant(), deadline);
            Duration bySleeps = window.minus(waited);
            Duration left = byClock.compareTo(bySleeps) < 0 ? byClock : bySleeps;
            if (left.isNegative() || left.isZero()) {
                throw MemosException.network("uploaded as " + id + " but no gateway serves it yet (" + polls + " read-back"
                        + (polls == 1 ? "" : "s") + " in " + window.toSeconds() + " s): the upload may still appear; check with"
                        + " 'memos download --status-only --tx-id " + id + "', then 'memos download --tx-id " + id
                        + " --expected-sha256 " + sha256 + "'", null);
            }
            Duration pause = step.compareTo(left) < 0 ? step : left;
            progress.steps("read back", polls, -1, "not served yet; poll " + (polls + 1) + " in " + pause.toSeconds() + " s");
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemosException.network("interrupted while waiting to read " + id + " back: the upload may still appear;"
                        + " check with 'memos download --status-only --tx-id " + id + "'", e);
            }
            waited = waited.plus(pause);
            step = step.multipliedBy(2).compareTo(MAX_STEP) < 0 ? step.multipliedBy(2) : MAX_STEP;
        }
    }
}
