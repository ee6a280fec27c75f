package dev.memos.shell;

import dev.memos.backup.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr (files, bytes, MB/s) for long operations. It stays silent
 * for the first second, so quick commands print nothing, and entirely when the context is not
 * chatty (--json, --quiet, pipe mode).
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private volatile boolean shown;

    private ProgressBar(PrintStream err) {
        this.err = err;
    }

    /** A bar for this context, or a no-op listener when nobody watches. */
    public static ProgressBar of(Context ctx) {
        return new ProgressBar(ctx.chatty() ? ctx.err() : null);
    }

    @Override
    public void update(String phase, long files, long bytes, long totalBytes) {
        long elapsed = System.nanoTime() - start;
        if (err == null || elapsed < QUIET_NANOS) {
            return;
        }
        double mb = bytes / 1e6;
        double rate = mb / (elapsed / 1e9);
        String total = totalBytes > 0 ? String.format(Locale.ROOT, " of %.1f MB (%d%%)", totalBytes / 1e6, bytes * 100 / totalBytes) : "";
        synchronized (this) {
            err.printf(Locale.ROOT, "\r%s: %d files, %.1f MB%s, %.1f MB/s   ", phase, files, mb, total, rate);
            err.flush();
            shown = true;
        }
    }

    @Override
    public synchronized void close() {
        if (shown) {
            err.println();
            shown = false;
        }
    }
}
