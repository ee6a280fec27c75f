package dev.memos.app.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.EmptyRepository;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup --dry-run and --max-spend: the counts are real, and nothing is ever written. */
class SnapshotEstimatorTest {
    static final EthPrivateKey KEY = EthPrivateKey.parse("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    @TempDir
    Path tmp;
    Path in;
    SnapshotKeys keys;
    final AtomicLong pricedBytes = new AtomicLong(-1);

    @BeforeEach
    void folder() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        byte[] big = new byte[600_000];
        new Random(1).nextBytes(big);
        Files.write(in.resolve("a.bin"), big);
        Files.writeString(in.resolve("b.md"), "notes ".repeat(1000));
        keys = SnapshotKeys.derive(KEY);
    }

    SnapshotBackup.Builder backup(Repository repo) {
        return SnapshotBackup.builder().keys(keys).signer(EthSigner.of(KEY)).repository(repo).cacheFile(tmp.resolve("home/cache.json"));
    }

    SnapshotEstimator estimator(long winstonPerByte) {
        return SnapshotEstimator.builder().pricing(BackupPricing.builder().winstonFor(n -> {
            pricedBytes.set(n);
            return BigInteger.valueOf(n * winstonPerByte);
        }).build()).build();
    }

    /** Every file under tmp except the input, hashed: "nothing written" means this does not change. */
    byte[] stateOf() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(p -> !p.startsWith(in)).sorted().toList()) {
                all.write(p.toString().getBytes());
                if (Files.isRegularFile(p)) {
                    all.write(Hash.sha256(Files.readAllBytes(p)));
                }
            }
        }
        return Hash.sha256(all.toByteArray());
    }

    @Test
    void a_dry_run_reports_the_real_counts_and_price_and_writes_nothing() throws IOException {
        LocalRepository repo = LocalRepository.open(tmp.resolve("repo"), true);
        backup(repo).build().run(in);
        Files.writeString(in.resolve("c.md"), "a new note");
        byte[] before = stateOf();
        SnapshotEstimator.Estimate e = estimator(1000).estimate(backup(repo).dryRun(true).build(), in, Optional.empty());
        assertArrayEquals(before, stateOf(), "repository, cache and home unchanged");
        assertEquals(2, e.sequence());
        assertEquals(10, e.newBytes());
        assertEquals(1, e.packsUploaded());
        assertEquals(e.uploadedBytes(), pricedBytes.get(), "the price is asked for what would be stored");
        assertEquals(String.valueOf(e.uploadedBytes() * 1000), e.price().winston());
        // The real backup afterwards stores exactly what the dry run announced.
        assertEquals(10, backup(repo).build().run(in).newBytes());
    }

    @Test
    void a_dry_run_of_a_first_backup_into_a_missing_folder_creates_nothing() throws IOException {
        byte[] before = stateOf();
        SnapshotEstimator.Estimate e = estimator(1).estimate(backup(new EmptyRepository("x")).dryRun(true).build(), in, Optional.empty());
        assertArrayEquals(before, stateOf());
        assertEquals(1, e.sequence());
        assertTrue(e.newBytes() >= 606_000, "all content is new: " + e.newBytes());
    }

    @Test
    void max_spend_below_the_price_is_refused_as_payment_and_nothing_is_written() throws IOException {
        LocalRepository repo = LocalRepository.open(tmp.resolve("repo"), true);
        byte[] before = stateOf();
        MemosException ex = assertThrows(MemosException.class, () -> estimator(1_000_000)
                .estimate(backup(repo).dryRun(true).build(), in, Optional.of(SpendCap.parse("0.000001AR"))));
        assertEquals(ErrorKind.PAYMENT, ex.kind());
        assertTrue(ex.getMessage().contains("above --max-spend 0.000001 AR; nothing was written"), ex.getMessage());
        assertArrayEquals(before, stateOf());
    }

    @Test
    void max_spend_at_or_above_the_price_passes() throws IOException {
        LocalRepository repo = LocalRepository.open(tmp.resolve("repo"), true);
        SnapshotEstimator.Estimate e = estimator(1).estimate(backup(repo).dryRun(true).build(), in, Optional.of(SpendCap.parse("1AR")));
        assertEquals(String.valueOf(pricedBytes.get()), e.price().winston());
    }

    @Test
    void a_usdc_cap_is_refused_before_any_work_because_the_node_prices_in_ar() {
        MemosException ex = assertThrows(MemosException.class, () -> estimator(1)
                .estimate(backup(new EmptyRepository("x")).dryRun(true).build(), in, Optional.of(SpendCap.parse("5USDC"))));
        assertEquals(ErrorKind.USAGE, ex.kind());
        assertEquals(-1, pricedBytes.get());
    }

    @Test
    void without_a_cap_an_unreachable_node_leaves_the_price_unavailable_but_with_a_cap_it_refuses() throws IOException {
        SnapshotEstimator down = SnapshotEstimator.builder().pricing(BackupPricing.builder().winstonFor(n -> {
            throw MemosException.network("node unreachable", null);
        }).build()).build();
        SnapshotEstimator.Estimate e = down.estimate(backup(new EmptyRepository("x")).dryRun(true).build(), in, Optional.empty());
        assertNull(e.price());
        assertEquals("node unreachable", e.priceUnavailable());
        MemosException ex = assertThrows(MemosException.class,
                () -> down.estimate(backup(new EmptyRepository("x")).dryRun(true).build(), in, Optional.of(SpendCap.parse("1AR"))));
        assertEquals(ErrorKind.NETWORK, ex.kind());
    }
}
