package dev.memos.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one test clock (UTC): moved by hand ({@link #advance}, {@link #set}), so a test can live
 * through ten years in seconds; or, made with {@link #following}, reading its time from a function
 * (a subprocess that runs faster than the wall clock). Thread-safe: a test may move it while the
 * code under test reads it.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private final Supplier<Instant> source;

    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
        this.source = null;
    }

    private MutableClock(Supplier<Instant> source) {
        this.source = source;
    }

    /** A clock whose every reading is {@code source.get()}; it cannot be moved by hand. */
    public static MutableClock following(Supplier<Instant> source) {
        return new MutableClock(Objects.requireNonNull(source, "source"));
    }

    public void advance(Duration d) {
        set(instant().plus(d));
    }

    public void set(Instant t) {
        if (source != null) {
            throw new IllegalStateException("this clock follows a function; it cannot be moved by hand");
        }
        now = Objects.requireNonNull(t, "t");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return source != null ? source.get() : now;
    }
}
