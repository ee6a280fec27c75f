package dev.memos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingEvents;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingLimits;
import dev.memos.ring.RingProofs;
import dev.memos.ring.RingStore;
import dev.memos.ring.SummaryService;
import dev.memos.store.AtomicFile;
import dev.memos.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 numbers, each beside the primitive that bounds it, in the same run:
 * <ul>
 *   <li>{@code memAdd}: one {@code RingStore.add} (seal with AES-GCM + HMAC, rewrite the store durably,
 *       promote when due) vs {@code peerAtomicWrite32k}: one durable atomic write (temp, fsync, rename,
 *       fsync dir) of a full-budget 32 KiB file — the store's own write floor.</li>
 *   <li>{@code promoteFullBudget}: a promotion of a store filled to its 32 KiB budget, 24 h later, vs the
 *       same atomic-write peer.</li>
 *   <li>{@code verifyTenYearChain}: checking a proof of a ten-year (522 weekly adds, 120+ months) chain
 *       vs {@code peerEd25519Verify}: one bare Ed25519 verification.</li>
 * </ul>
 * Flood limits are raised (the benchmark measures cost, not the rate limiter); the clock is injected.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RingBench {
    static final String ID = "CW-NOVA.R7KMX2-E2";

    static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

    private Path dir;
    private Ed25519 key;
    private RingKeys keys;
    private RingStore addStore;
    private MutableClock addClock;
    private int n;
    private byte[] budgetBytes;
    private JsonNode tenYearProof;
    private long tenYearNow;
    private byte[] message;
    private byte[] signature;
    private RingStore fullStore;
    private MutableClock fullClock;
    private Path fullDir;

    static SecretBytes fixed(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return SecretBytes.adopt(s);
    }

    RingStore open(Path home, Clock clock) {
        return RingStore.builder().dir(home.resolve("rings")).id(ID).signer(key).keys(keys).writer(ID).clock(clock)
                .limits(RingLimits.defaults().withRates(1_000_000, 1_000_000)).summaries(SummaryService.builtin())
                .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(home, ID), ID, keys))
                .events(RingEvents.NONE).open();
    }

    static String note(int i) {
        return "Entry " + i + ": the user asked about the deploy schedule; agreed to ship release " + (i % 17)
                + " after review with " + (i % 3 == 0 ? "alice" : "bob") + ".";
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("memos-ring-bench");
        key = Ed25519.fromSeed(fixed(7));
        keys = RingKeys.of(fixed(1), fixed(2));
        addClock = new MutableClock(T0);
        addStore = open(dir.resolve("add"), addClock);
        budgetBytes = new byte[32 * 1024];
        Arrays.fill(budgetBytes, (byte) 'x');
        // Ten years of weekly notes, then a proof of the whole chain.
        MutableClock c = new MutableClock(T0);
        RingStore ten = open(dir.resolve("ten"), c);
        for (int week = 0; week < 522; week++) {
            ten.add(note(week), "note");
            c.advance(Duration.ofDays(7));
        }
        ten.promote();
        tenYearProof = RingProofs.prove(ten, "ten-years");
        tenYearNow = c.instant().getEpochSecond();
        if (!RingProofs.verifyProof(tenYearProof, "ten-years", null, tenYearNow).ok()) {
            throw new IllegalStateException("ten-year proof does not verify");
        }
        message = ("ten-years" + tenYearProof.toString().substring(0, 64)).getBytes(StandardCharsets.UTF_8);
        signature = key.sign(message);
    }

    /** A store filled to its budget (all rings at their caps), re-made before every promotion measured. */
    @Setup(Level.Invocation)
    public void fillForPromotion(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
        if (!params.getBenchmark().endsWith("promoteFullBudget")) {
            return;
        }
        if (fullStore == null) {
            fullDir = dir.resolve("full");
            fullClock = new MutableClock(T0);
            fullStore = open(fullDir, fullClock);
            // A year and a half of hourly-ish notes fills rings 1-3 and the budget.
            for (int i = 0; i < 4000; i++) {
                fullStore.add(note(i), "note");
                fullClock.advance(Duration.ofHours(3));
            }
        }
        // Refill ring 0 for the next day, then let the day pass: the measured promote has a full ring 0 to move.
        for (int i = 0; i < 60; i++) {
            fullStore.add(note(i), "note");
            fullClock.advance(Duration.ofSeconds(60));
        }
        fullClock.advance(Duration.ofHours(25));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long memAdd() {
        addClock.advance(Duration.ofSeconds(90));
        return addStore.add(note(n++), "note").seq();
    }

    @Benchmark
    public Object promoteFullBudget() {
        return fullStore.promote();
    }

    @Benchmark
    public Path peerAtomicWrite32k() throws IOException {
        Path p = dir.resolve("peer.bin");
        AtomicFile.write(p, budgetBytes);
        return p;
    }

    @Benchmark
    public boolean verifyTenYearChain() {
        return RingProofs.verifyProof(tenYearProof, "ten-years", null, tenYearNow).ok();
    }

    @Benchmark
    public boolean peerEd25519Verify() {
        return Signatures.verify(SignatureAlgorithm.ED25519, key.publicKey(), message, signature);
    }
}
