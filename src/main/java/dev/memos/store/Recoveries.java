package dev.memos.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link MirroredFile} repaired in this process, waiting to be told. The core never prints, and
 * a store deep inside a token check has no way to reach the audit log, so repairs are queued here
 * and the shell drains them after each command (one stderr line and one audit event each). The
 * queue is bounded: a library user who never drains it loses reports, never memory.
 */
public final class Recoveries {
    private static final int LIMIT = 256;
    private static final ConcurrentLinkedQueue<Recovered> PENDING = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();

    /**
     * One repair. {@code fromCopy}: the primary was missing, damaged or altered and was rewritten from
     * its verified copy; otherwise the copy was damaged and was rewritten from the verified primary.
     */
    public record Recovered(Path file, boolean fromCopy, String reason) {
    }

    private Recoveries() {
    }

    static void report(Path file, boolean fromCopy, String reason) {
        PENDING.add(new Recovered(file.toAbsolutePath().normalize(), fromCopy, reason));
        // over the bound the oldest report goes: the one just made is the one its command will tell
        if (SIZE.incrementAndGet() > LIMIT && PENDING.poll() != null) {
            SIZE.decrementAndGet();
        }
    }

    /** Removes and returns the reports about files under {@code root} (others stay for their own home). */
    public static List<Recovered> drain(Path root) {
        Path r = root.toAbsolutePath().normalize();
        List<Recovered> out = new ArrayList<>();
        for (Iterator<Recovered> it = PENDING.iterator(); it.hasNext(); ) {
            Recovered x = it.next();
            if (x.file().startsWith(r) && PENDING.remove(x)) {
                SIZE.decrementAndGet();
                out.add(x);
            }
        }
        return out;
    }
}
