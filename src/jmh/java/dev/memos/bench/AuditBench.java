package dev.memos.bench;

import dev.memos.audit.AuditEvent;
import dev.memos.audit.AuditKeys;
import dev.memos.audit.AuditLog;
import dev.memos.audit.AuditLogs;
import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #9: batched append (target ≥ 50 000 entries/s) beside its primitive peer — the same number of
 * HMAC-SHA256 chain steps over the same bytes, written with one write + one fsync per batch, which is the
 * least any chained, durable log must do. Throughput is per entry ({@code @OperationsPerInvocation}).
 * The fsync is real, on the disk the benchmark runs on: both sides pay it once per batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBench {
    static final int BATCH = 1000;

    private Path dir;
    private AuditLog log;
    private List<AuditEvent> batch;
    private byte[][] encoded;
    private Mac mac;
    private FileChannel peerFile;
    private byte[] prevMac = new byte[32];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("memos-audit-bench");
        MemosHome home = MemosHome.at(dir.resolve("home")).ensure();
        DeviceKey dk = DeviceKey.loadOrCreate(home.root());
        log = AuditLogs.builder(home).deviceKey(dk).open();
        batch = new ArrayList<>(BATCH);
        encoded = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            AuditEvent e = AuditEvent.of("mem_write", "", Map.of("ring", "0", "seq", Integer.toString(i), "bytes", "212"));
            batch.add(e);
            // A line as long as a stored entry of this event: the peer MACs and writes the same volume.
            encoded[i] = ("{\"v\":1,\"i\":" + (1_000_000 + i) + ",\"t\":1764201600000,\"e\":\"mem_write\",\"id\":\"\","
                    + "\"d\":{\"bytes\":\"212\",\"ring\":\"0\",\"seq\":\"" + i + "\"}}").getBytes(StandardCharsets.UTF_8);
        }
        try (SecretBytes k = AuditKeys.macKey(dk, AuditKeys.HOME_LOG)) {
            byte[] raw = k.reveal();
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            java.util.Arrays.fill(raw, (byte) 0);
        }
        peerFile = FileChannel.open(dir.resolve("peer.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        peerFile.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int appendBatched() {
        return log.appendAll(batch).size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int peerHmacChainWriteFsync() throws IOException {
        ByteBuffer out = ByteBuffer.allocate(BATCH * 200);
        for (byte[] e : encoded) {
            mac.update(prevMac);
            mac.update(e);
            prevMac = mac.doFinal();
            if (out.remaining() < e.length + 36) {
                break;
            }
            out.putInt(e.length).put(e).put(prevMac);
        }
        out.flip();
        int n = peerFile.write(out);
        peerFile.force(false);
        return n;
    }
}
