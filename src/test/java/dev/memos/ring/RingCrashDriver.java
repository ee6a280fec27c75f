package dev.memos.ring;

import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Subprocess for {@link RingCrashIT}: adds memories (and promotes every third) until killed, printing
 * "ok N" after each add returned. Time runs 60 000 times faster than the wall clock so promotions,
 * month seals and budget pressure all happen while it is being killed.
 */
public final class RingCrashDriver {
    private RingCrashDriver() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        long ref = Long.parseLong(args[1]);
        Clock fast = MutableClock.following(() -> RingFixture.START.plusMillis((System.currentTimeMillis() - ref) * 60_000L));
        RingFixture f = new RingFixture(home, null, RingFixture.seed(7));
        f.limits = RingLimits.defaults().withRates(1_000_000, 1_000_000);
        RingStore s = f.builder().clock(fast).open();
        System.out.println("ready");
        System.out.flush();
        for (long n = s.status().adds() + 1; ; n++) {
            s.add("crash test memory number " + n + ". It has a sentence or two of text.", "note");
            System.out.println("ok " + n);
            System.out.flush();
            if (n % 3 == 0) {
                s.promote();
            }
        }
    }
}
