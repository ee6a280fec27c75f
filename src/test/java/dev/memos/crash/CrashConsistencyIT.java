package dev.memos.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.memos.audit.AuditCrashWorkload;
import dev.memos.backup.RollbackIndexCrashWorkload;
import dev.memos.identity.IdentityCrashWorkload;
import dev.memos.identity.PassphraseCrashWorkload;
import dev.memos.ring.RingCrashWorkload;
import dev.memos.token.PinStoreCrashWorkload;
import dev.memos.token.ReplayCacheCrashWorkload;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every store under the shared crash harness: SIGKILL at random points of its write path,
 * {@link CrashHarness#KILLS} times (200 with -Dmemos.crash.kills=200, the reliability profile),
 * then its invariants (see each workload).
 */
class CrashConsistencyIT {
    /** -Dmemos.crash.stores=rings,identity runs only those. */
    static final String ONLY = System.getProperty("memos.crash.stores", "");

    @TempDir
    Path tmp;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("identity", new IdentityCrashWorkload()),
                Arguments.of("identity-passphrase", new PassphraseCrashWorkload()),
                Arguments.of("rings", new RingCrashWorkload()),
                Arguments.of("rollback-index", new RollbackIndexCrashWorkload()),
                Arguments.of("audit-log", new AuditCrashWorkload()),
                Arguments.of("token-replay-cache", new ReplayCacheCrashWorkload()),
                Arguments.of("token-pins", new PinStoreCrashWorkload()))
                .filter(a -> ONLY.isBlank() || java.util.Arrays.asList(ONLY.split(",")).contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void store_survives_sigkill_at_random_points_of_its_write_path(String store, CrashWorkload workload) throws Exception {
        CrashHarness.Report r = CrashHarness.run(store, workload, tmp.resolve(store), CrashHarness.KILLS, store.hashCode());
        assertEquals(CrashHarness.KILLS, r.killedWhileWriting(), "every kill must land while the child was writing");
    }
}
