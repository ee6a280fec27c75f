package dev.memos.ring;

import dev.memos.crash.CrashWorkload;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Rings (rings.bin + the rollback counter): adds in a loop; after a kill the store opens with every
 * MAC, the chain, the signed head and the counter verified, is not quarantined (a crash is not a
 * rollback), and has every acknowledged add.
 */
public final class RingCrashWorkload implements CrashWorkload {
    @Override
    public void setUp(Path home) {
        new RingFixture(home).open().add("first memory", "event");
    }

    /** Simulated time: one add a minute keeps under the anti-flood rates and ages ring 0 into promotions. */
    static RingFixture at(Path home, long adds) {
        RingFixture f = new RingFixture(home);
        f.clock.set(RingFixture.START.plus(Duration.ofMinutes(adds)));
        return f;
    }

    @Override
    public void writeLoop(Path home, Acks acks) {
        long done = new RingFixture(home).openReadOnly().status().adds();
        RingFixture f = at(home, done);
        RingStore s = f.open();
        while (true) {
            long n = s.status().adds();
            f.clock.set(RingFixture.START.plus(Duration.ofMinutes(n)));
            s.add("memory number " + n + " about the budget and the tea", n % 3 == 0 ? "event" : null);
            acks.ack(s.status().adds() - 1);
        }
    }

    @Override
    public void check(Path home, long lastAck) {
        long done = new RingFixture(home).openReadOnly().status().adds();
        RingStore s = at(home, done).open();
        RingStore.Status st = s.status();
        if (st.quarantined()) {
            throw new AssertionError("a crash quarantined the store (looks like a rollback)");
        }
        if (st.adds() < lastAck + 1) {
            throw new AssertionError("acknowledged add " + lastAck + " lost: " + st.adds() + " adds");
        }
    }
}
