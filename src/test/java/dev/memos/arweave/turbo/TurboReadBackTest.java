package dev.memos.arweave.turbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.app.backup.BundleBackups;
import dev.memos.arweave.ArweaveGateway;
import dev.memos.app.backup.BackupState;
import dev.memos.arweave.Downloader;
import dev.memos.arweave.ReadBack;
import dev.memos.arweave.Retry;
import dev.memos.arweave.x402.X402Network;
import dev.memos.arweave.x402.X402Payer;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.ConfigKey;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup through Turbo, then the read-back: a gateway that does not serve the fresh item yet is
 * polled with backoff inside the window; wrong bytes end it at once. Nothing sleeps: the sleeper
 * records the pauses and moves the clock.
 */
class TurboReadBackTest {
    static final EthPrivateKey KEY = EthPrivateKey.parse("45".repeat(32));

    @TempDir
    Path dir;
    TurboStub stub;
    MemosHome home;
    Path tree;
    final List<Duration> sleeps = new ArrayList<>();
    final Instant start = Instant.parse("2026-11-27T08:00:00Z");
    final MutableClock clock = new MutableClock(start);

    /** Records the pause and moves the clock, so "waited" is measured as a real run would. */
    final ReadBack.Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @BeforeEach
    void start() throws Exception {
        stub = new TurboStub();
        home = MemosHome.at(dir.resolve("home")).ensure();
        tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("m.txt"), "remember");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    BundleBackups backup(Duration window, Clock c, X402Payer payer) {
        TurboClient turbo = TurboClient.builder().upload(stub.uri()).payment(stub.uri()).token(payer == null ? "ethereum" : "base-usdc")
                .build();
        ArweaveGateway gateway = ArweaveGateway.builder().base(stub.uri()).build();
        ReadBack readBack = new ReadBack(new Downloader(List.of(gateway), new Retry(2, Duration.ZERO)), window, c, sleeper);
        return BundleBackups.builder().home(home).key(KEY).uploader(new TurboUploader(turbo, EthSigner.of(KEY), payer, new BackupState(home).workDir()))
                .readBack(readBack).clock(c).txIdsFile(home.resolve("txids")).build();
    }

    void assertNothingRecorded() {
        assertTrue(RollbackIndex.forHome(home).latest(KEY.address().checksummed()).isEmpty(), "no sequence without a read-back");
        assertTrue(new BackupState(home).knownSequences().isEmpty());
    }

    @Test
    void item_served_after_three_404s_is_a_verified_success_after_polling() {
        stub.readsMissing = 3; // "not found" is not retried inside one poll: one GET per poll
        BundleBackups.Result r = backup(Duration.ofSeconds(120), clock, null).backup(tree, false, false);
        assertEquals("uploaded", r.outcome());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
        assertEquals(1, RollbackIndex.forHome(home).latest(KEY.address().checksummed()).orElseThrow().sequence());
    }

    @Test
    void x402_upload_that_lags_is_polled_too() {
        stub.mode = TurboStub.Mode.X402;
        stub.readsMissing = 1;
        X402Payer payer = new X402Payer(EthSigner.of(KEY), X402Network.BASE_SEPOLIA, X402Payer.usdcToAtomic("0.01"), clock);
        assertEquals("uploaded", backup(Duration.ofSeconds(120), clock, payer).backup(tree, false, false).outcome());
        assertEquals(1, sleeps.size());
    }

    @Test
    void never_served_ends_in_exit_5_naming_the_id_and_how_to_check_after_the_window() {
        stub.read = TurboStub.Read.NEVER;
        MemosException e = assertThrows(MemosException.class,
                () -> backup(Duration.ofSeconds(120), clock, null).backup(tree, false, false));
        assertEquals(ErrorKind.NETWORK, e.kind());
        String id = stub.received.get(0).id();
        assertTrue(e.getMessage().contains("uploaded as " + id), e.getMessage());
        assertTrue(e.getMessage().contains("may still appear"), e.getMessage());
        assertTrue(e.getMessage().contains("memos download --status-only --tx-id " + id), e.getMessage());
        // backoff 1, 2, 4, 8, then 15 s steps, the last one cut to the window
        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 15L, 15L, 15L, 15L, 15L, 15L), sleeps.stream().map(Duration::toSeconds).toList());
        assertEquals(Duration.ofSeconds(120), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
        assertNothingRecorded();
    }

    @Test
    void a_clock_that_stands_still_cannot_make_the_wait_endless() {
        stub.read = TurboStub.Read.NEVER;
        Clock frozen = Clock.fixed(start, ZoneOffset.UTC);
        assertEquals(ErrorKind.NETWORK, assertThrows(MemosException.class,
                () -> backup(Duration.ofSeconds(10), frozen, null).backup(tree, false, false)).kind());
        assertEquals(Duration.ofSeconds(10), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void zero_window_does_not_wait_at_all() {
        stub.readsMissing = 2;
        MemosException e = assertThrows(MemosException.class, () -> backup(Duration.ZERO, clock, null).backup(tree, false, false));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertTrue(sleeps.isEmpty());
        assertTrue(e.getMessage().contains("may still appear"));
        assertNothingRecorded();
    }

    @Test
    void wrong_bytes_on_read_back_fail_at_once_without_polling() {
        stub.read = TurboStub.Read.WRONG_BYTES;
        MemosException e = assertThrows(MemosException.class,
                () -> backup(Duration.ofSeconds(120), clock, null).backup(tree, false, false));
        assertEquals(ErrorKind.NETWORK, e.kind(), "a failed read-back is exit 5 as before");
        assertTrue(e.getMessage().contains("reading it back failed"), e.getMessage());
        assertFalse(e.getMessage().contains("may still appear"));
        assertTrue(sleeps.isEmpty(), "wrong bytes are no reason to wait");
        assertEquals(2, stub.dataGets.get(), "only the download's own retries");
        assertNothingRecorded();
    }

    @Test
    void wrong_bytes_after_a_404_still_fail_without_waiting_out_the_window() {
        stub.readsMissing = 1;
        stub.read = TurboStub.Read.WRONG_BYTES;
        assertThrows(MemosException.class, () -> backup(Duration.ofSeconds(120), clock, null).backup(tree, false, false));
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertNothingRecorded();
    }

    @Test
    void readback_timeout_key_is_validated_like_the_others() {
        ConfigKey k = ConfigKey.UPLOAD_READBACK_TIMEOUT;
        assertEquals("120", k.defaultValue());
        assertTrue(k.accepts("0") && k.accepts("600") && k.accepts("86400"));
        for (String bad : new String[] {"-1", "", "1.5", "86401", "ten", " 5"}) {
            assertFalse(k.accepts(bad), bad);
        }
    }
}
