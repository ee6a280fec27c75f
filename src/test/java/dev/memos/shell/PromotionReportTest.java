package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.SecretSource;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingStore;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20 §5 (second bullet): what a promotion at unlock moved is reported, by unlock and by a later mem promote. */
class PromotionReportTest {
    @TempDir
    Path home;

    /** Two memories written two days ago (through the core, with a clock in the past): both are due for ring 1 now. */
    private String identityWithDueMemories(CliHarness cli) {
        String id = cli.generate("NOVA");
        IdentityStore store = IdentityStore.builder(MemosHome.at(home)).build();
        MutableClock past = new MutableClock(Instant.now().minus(Duration.ofDays(2)));
        try (UnlockedIdentity u = store.unlock(MociId.parse(id), SecretSource.fixed(Map.of()))) {
            RingKeys keys = RingKeys.derive(DeviceKey.loadOrCreate(home), id);
            RingStore rings = RingStore.builder().dir(home.resolve("identities").resolve(id).resolve("rings")).id(id).keys(keys)
                    .writer(id).clock(past).signer(u.signer())
                    .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(home, id), id, keys)).open();
            rings.add("Dana prefers brief answers", "fact");
            past.advance(Duration.ofMinutes(1));
            rings.add("Dana works on the payments team", "fact");
        }
        return id;
    }

    @Test
    void unlock_reports_the_promotion_it_ran_and_mem_promote_says_when_it_ran() {
        CliHarness cli = new CliHarness(home);
        String id = identityWithDueMemories(cli);
        CliHarness.Run unlock = cli.run("unlock", id);
        assertEquals(0, unlock.exit(), unlock.err());
        assertTrue(unlock.out().contains("promoted 2 due memories"), unlock.out());
        CliHarness.Run promote = cli.run("mem", "promote");
        assertEquals(0, promote.exit(), promote.err());
        assertTrue(promote.out().contains("nothing due") && promote.out().contains("last promotion")
                && promote.out().contains("moved 2 from ring 0"), promote.out());
    }

    @Test
    void mem_promote_reports_the_promotion_its_own_open_ran_instead_of_nothing_due() {
        CliHarness cli = new CliHarness(home);
        identityWithDueMemories(cli);
        CliHarness.Run promote = cli.run("mem", "promote");
        assertEquals(0, promote.exit(), promote.err());
        assertTrue(promote.out().contains("promoted 2 from ring 0"), promote.out());
        assertFalse(promote.out().contains("nothing due"), promote.out());
        assertTrue(cli.run("audit", "query", "--event", "promotion").out().contains("from_ring0=2"));
    }

    @Test
    void a_fresh_identity_says_no_promotion_was_recorded_yet() {
        CliHarness cli = new CliHarness(home);
        cli.generate("NOVA");
        assertEquals(0, cli.run("mem", "add", "m1").exit());
        CliHarness.Run promote = cli.run("mem", "promote");
        assertTrue(promote.out().contains("nothing due") && promote.out().contains("no promotion recorded yet"), promote.out());
    }
}
