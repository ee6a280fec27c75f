package dev.memos.bench;

import dev.memos.audit.AuditEvent;
import dev.memos.audit.AuditKeys;
import dev.memos.audit.AuditLog;
import dev.memos.audit.AuditLogs;
import dev.memos.audit.AuditVerifier;
import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Issue #9: {@code audit verify} of 1 000 000 entries (target ≤ 2 s on JDK 25), MAC chain, Merkle root and
 * every checkpoint signature included, beside two peers over the same log file in the same run: streaming
 * SHA-256 of the file (the floor for reading and hashing it once) and one HMAC-SHA256 per entry-sized
 * slice (the floor for the seed's MAC chain alone). Time per full verification, seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class AuditVerifyBench {
    static final int ENTRIES = Integer.getInteger("memos.bench.auditEntries", 1_000_000);

    private Path dir;
    private Path logDir;
    private Path logFile;
    private DeviceKey dk;
    private byte[] trusted;
    private SignatureAlgorithm algorithm;
    private long entryBytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("memos-audit-verify-bench");
        MemosHome home = MemosHome.at(dir.resolve("home")).ensure();
        dk = DeviceKey.loadOrCreate(home.root());
        trusted = AuditKeys.homeSigner(dk).publicKey();
        algorithm = AuditKeys.homeSigner(dk).algorithm();
        try (AuditLog log = AuditLogs.builder(home).deviceKey(dk).durability(AuditLogs.Durability.AT_CHECKPOINT)
                .checkpointEvery(100_000).open()) {
            List<AuditEvent> batch = new ArrayList<>(10_000);
            for (int done = 0; done < ENTRIES; done += batch.size()) {
                batch.clear();
                for (int i = 0; i < Math.min(10_000, ENTRIES - done); i++) {
                    batch.add(AuditEvent.of("mem_write", "", Map.of("ring", "0", "seq", Integer.toString(done + i))));
                }
                log.appendAll(batch);
            }
        }
        logDir = AuditLogs.homeDirectory(home);
        logFile = logDir.resolve(AuditLogs.LOG_FILE);
        entryBytes = Files.size(logFile) / ENTRIES;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long auditVerify1M() {
        try (SecretBytes k = AuditKeys.macKey(dk, AuditKeys.HOME_LOG)) {
            AuditVerifier.Report r = AuditVerifier.of(logDir, AuditKeys.HOME_LOG).macKey(k)
                    .trustedKey(algorithm, trusted).verify();
            if (r.entries() != ENTRIES) {
                throw new IllegalStateException("verified " + r.entries() + " entries");
            }
            return r.entries();
        }
    }

    @Benchmark
    public byte[] peerSha256OfFile() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(logFile)) {
            while (ch.read(buf) > 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return md.digest();
    }

    @Benchmark
    public byte[] peerHmacPerEntry() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        try (SecretBytes k = AuditKeys.macKey(dk, AuditKeys.HOME_LOG)) {
            byte[] raw = k.reveal();
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            java.util.Arrays.fill(raw, (byte) 0);
        }
        byte[] all = Files.readAllBytes(logFile);
        byte[] prev = new byte[32];
        int step = (int) entryBytes;
        for (int off = 0; off + step <= all.length; off += step) {
            mac.update(prev);
            mac.update(all, off, step);
            prev = mac.doFinal();
        }
        return prev;
    }
}
