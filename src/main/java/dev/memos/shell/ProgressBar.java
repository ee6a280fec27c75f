package dev.memos.shell;

import dev.memos.backup.ProgressListener;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long operations on stderr, drawn by the progressbar library (me.tongfei:progressbar):
 * the phase, bytes done of the total, rate and ETA, one line per phase. A phase is drawn once it has
 * lasted a second, so quick steps print nothing, and nothing is drawn unless a person watches: stderr
 * is a terminal and the command runs without --json, --quiet or pipe mode. The bar is drawn in ASCII
 * unless the platform's encoding is UTF-8.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;
    /** Milliseconds a phase runs before its bar appears; 0 draws at once (tests on a fast machine, impatient users). */
    static final String DELAY_ENV = "MEMOS_PROGRESS_DELAY_MS";
    private static final int DEFAULT_WIDTH = 80;

    private final PrintStream err;
    private final int width;
    private final long quietNanos;
    private final ProgressBarStyle style;
    private String phase;
    private long phaseStart;
    private long lastDone;
    private me.tongfei.progressbar.ProgressBar bar;
    private LineConsumer line;
    private ProgressListener tap = ProgressListener.NONE;

    private ProgressBar(PrintStream err, int width, long quietNanos) {
        this.err = err;
        this.width = width;
        this.quietNanos = quietNanos;
        String encoding = System.getProperty("native.encoding", Charset.defaultCharset().name());
        this.style = encoding.equalsIgnoreCase("UTF-8") ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII;
    }

    /** A bar for this context, or one that shows nothing when nobody watches. */
    public static ProgressBar of(Context ctx) {
        boolean watched = ctx.chatty() && Terminals.stderrIsTerminal();
        ProgressBar bar = new ProgressBar(watched ? ctx.err() : null, width(ctx.env()), quietNanos(ctx.env()));
        bar.tap = ctx.progressTap();
        return bar;
    }

    /** {@code MEMOS_PROGRESS_DELAY_MS} when it is a number from 0 to 60000, else one second. */
    static long quietNanos(Map<String, String> env) {
        try {
            long ms = Long.parseLong(env.getOrDefault(DELAY_ENV, "").strip());
            return ms >= 0 && ms <= 60_000 ? ms * 1_000_000L : QUIET_NANOS;
        } catch (NumberFormatException e) {
            return QUIET_NANOS;
        }
    }

    /** A bar that draws on {@code err} (tests; null shows nothing) after {@code quiet}. */
    static ProgressBar to(PrintStream err, int width, Duration quiet) {
        return new ProgressBar(err, width, quiet.toNanos());
    }

    /** The terminal's width when the shell exports it (COLUMNS), else 80, which every terminal holds. */
    static int width(Map<String, String> env) {
        try {
            int w = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return w >= 40 && w <= 500 ? w : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public synchronized void update(String phase, long files, long bytes, long totalBytes) {
        tap.update(phase, files, bytes, totalBytes);
        if (show(phase, totalBytes, " MB", 1_000_000, bytes)) {
            bar.stepTo(bytes);
            if (files > 0) {
                bar.setExtraMessage(" " + files + (files == 1 ? " file" : " files"));
            }
        }
    }

    @Override
    public synchronized void steps(String phase, long done, long total, String note) {
        tap.steps(phase, done, total, note);
        if (show(phase, total, "", 1, done)) {
            bar.stepTo(done);
            bar.setExtraMessage(note == null ? "" : " " + note);
        }
    }

    /** Starts the phase's bar when it is due; true when there is one to update. */
    private boolean show(String newPhase, long total, String unit, long unitSize, long done) {
        if (err == null) {
            return false;
        }
        long now = System.nanoTime();
        // a new phase, or the same one starting over (the next download), gets a bar of its own
        if (!newPhase.equals(phase) || done < lastDone) {
            closeBar();
            phase = newPhase;
            phaseStart = now;
        }
        lastDone = done;
        if (bar == null) {
            if (now - phaseStart < quietNanos) {
                return false;
            }
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(newPhase).setInitialMax(total > 0 ? total : -1)
                    .setStyle(style).setMaxRenderedLength(width).setConsumer(line = new LineConsumer(err, width))
                    .setUpdateIntervalMillis(250).startsFrom(done, Duration.ofNanos(now - phaseStart));
            if (unitSize > 1) {
                b.setUnit(unit, unitSize).showSpeed(new DecimalFormat("0.0")).setSpeedUnit(ChronoUnit.SECONDS);
            } else if (total <= 0) {
                b.hideEta(); // a wait of unknown length has no ETA; its note (which counts seconds) gets the room
            }
            bar = b.build();
        } else if (total > 0 && bar.getMax() != total) {
            bar.maxHint(total);
        }
        return true;
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            if (!line.ended) {
                line.close();
            }
            bar = null;
        }
    }

    /**
     * The library's line on stderr, which remembers whether the library ended it: its close runs the
     * last redraw on its own thread and skips it (newline included) when a bar is closed right after it
     * was started, so then this class ends the line itself.
     */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {
        private volatile boolean ended;

        LineConsumer(PrintStream out, int width) {
            super(out, width);
        }

        @Override
        public void close() {
            ended = true;
            super.close();
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
        phase = null;
    }
}
