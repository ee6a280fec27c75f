package dev.memos.arweave;

import dev.memos.backup.ProgressListener;
import java.util.concurrent.TimeUnit;

/**
 * A wait of unknown length shown as a status line that counts seconds ("waiting for the node to
 * index tx … (3 s)"): a request that sends nothing and receives nothing until the other side is done
 * (arlocal mines a block and indexes the bundle in it inside one GET /mine) would otherwise look like
 * a hang. A ticker thread reports each second waited while the work runs, and never after it ends.
 */
final class WaitStatus {
    static final long TICK_MILLIS = 250;

    private WaitStatus() {
    }

    /** Runs {@code work}, reporting {@code phase} steps (seconds waited) with {@code what} as the note. */
    static void during(ProgressListener progress, String phase, String what, Runnable work) {
        if (progress == ProgressListener.NONE) {
            work.run();
            return;
        }
        long start = System.nanoTime();
        Thread ticker = new Thread(() -> {
            long shown = -1;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                    if (s > shown) { // once a second: MCP progress must increase with every notification
                        progress.steps(phase, s, -1, what + " (" + s + " s)");
                        shown = s;
                    }
                    Thread.sleep(TICK_MILLIS);
                }
            } catch (InterruptedException e) {
                // the work ended: stop reporting
            }
        }, "memos-wait-status");
        ticker.setDaemon(true);
        ticker.start();
        try {
            work.run();
        } finally {
            ticker.interrupt();
            try {
                ticker.join(TimeUnit.SECONDS.toMillis(2)); // so no line is drawn after the caller moved on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The first characters of a transaction id: enough to recognise it, short enough for an 80-column line. */
    static String shortId(String id) {
        return id.length() <= 6 ? id : id.substring(0, 6) + "…";
    }
}
