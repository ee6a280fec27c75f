package dev.memos.app.memory;

import dev.memos.app.identity.HeadWatch;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.ring.RingStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The clone check of {@code mem add} (issue 16 §2, FORMAT.md §13.5): once the identity watches on the
 * profile, a write runs {@link HeadWatch} without the explicit flag, so it publishes and queries at
 * most once an hour (the watch state file holds the last check time; when not due nothing touches the
 * network). It runs after the write, never inside the rings lock, and never waits for another caller:
 * while one call of this process checks an identity, the others skip (parallel MCP {@code mem_add}
 * calls must not queue behind a network round trip, nor deadlock). A fork quarantines (the watch does
 * that, and the rings' event sink audits it) and throws exit 10; any other failure is a warning.
 */
public final class CloneCheck {
    /** No check (tests, and homes that never watch). */
    public static final CloneCheck NONE = new CloneCheck(id -> null, () -> false);

    /** One lock per rings file in this process: a try-lock, so a busy check makes the others skip. */
    private static final Map<String, ReentrantLock> CHECKING = new ConcurrentHashMap<>();

    private final Function<String, HeadWatch> watchFor;
    private final BooleanSupplier mayPublish;

    private CloneCheck(Function<String, HeadWatch> watchFor, BooleanSupplier mayPublish) {
        this.watchFor = Objects.requireNonNull(watchFor);
        this.mayPublish = Objects.requireNonNull(mayPublish);
    }

    /** {@code watchFor}: the watch of an identity on the profile; {@code mayPublish}: an uploader key is at hand without a prompt. */
    public static CloneCheck of(Function<String, HeadWatch> watchFor, BooleanSupplier mayPublish) {
        return new CloneCheck(watchFor, mayPublish);
    }

    /** Runs the check if due and nobody else is running it; returns warnings; throws exit 10 on a fork. */
    public List<String> afterWrite(RingStore store) {
        String id = store.head().id();
        HeadWatch watch = watchFor.apply(id);
        if (watch == null || !watch.watching()) {
            return List.of(); // never backed up or watched: a memory write sends nothing to the network
        }
        ReentrantLock lock = CHECKING.computeIfAbsent(store.file().toAbsolutePath().toString(), k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return List.of(); // another call is checking this identity right now
        }
        try {
            HeadWatch.Result r = watch.run(new HeadWatch.Request(store, false, mayPublish.getAsBoolean()));
            if (r.fork()) {
                throw HeadWatch.forkError(r);
            }
            return List.of();
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.FORK_DETECTED) {
                throw e;
            }
            return List.of("clone check of " + id + " did not run (" + e.getMessage() + "): run 'memos id watch'");
        } finally {
            lock.unlock();
        }
    }
}
