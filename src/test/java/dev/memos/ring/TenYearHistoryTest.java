package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed: "Ten years of identity history fits under 4 KB" (ring 3), and the store stays in budget the whole time. */
class TenYearHistoryTest {
    @TempDir
    Path home;

    @Test
    void ten_years_of_ring3_history_fit_under_4_kb() throws Exception {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        for (int week = 0; week < 522; week++) {
            s.add("Week " + week + ": shipped " + week % 7 + " fixes and met " + week % 5 + " partners.", "note");
            assertTrue(Files.size(s.file()) <= f.limits.totalBudget());
            f.clock.advance(Duration.ofDays(7));
        }
        s.promote();
        Archive a = s.state.chain.archive;
        assertTrue(a.months() >= 120, "months: " + a.months());
        byte[] encoded = a.encode();
        assertEquals(8 + a.months() * Archive.RECORD, encoded.length);
        assertTrue(encoded.length < 4096, "ten years of ring 3 take " + encoded.length + " bytes");
        assertEquals(a.months(), Archive.decode(encoded).months());
        long t0 = System.nanoTime();
        RingProofs.Check c = RingProofs.verifyProof(RingProofs.prove(s, "ten-years"), "ten-years", null,
                f.clock.instant().getEpochSecond());
        long micros = (System.nanoTime() - t0) / 1000;
        assertTrue(c.ok(), c.problems().toString());
        assertEquals(0, c.trust().gaps());
        System.setProperty("memos.bench.tenYearVerifyMicros", Long.toString(micros));
    }
}
