package dev.memos.snapshot;

import com.github.luben.zstd.Zstd;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.HmacSha256;
import dev.memos.encoding.Hex;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Not a test: the measurement behind the chunker sizes of FORMAT.md §14.2. Run with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.memos.snapshot.ChunkerMeasure CORPUS}.
 * For each size set it chunks the corpus, then appends one line to every 100th file (1 %) and
 * counts the bytes of chunks not seen before, raw and zstd-3 compressed per chunk.
 */
public final class ChunkerMeasure {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        EthPrivateKey key = EthPrivateKey.parse("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        SnapshotKeys keys = SnapshotKeys.derive(key);
        int[][] sets = {{16, 64, 256}, {64, 256, 1024}, {128, 512, 2048}, {256, 1024, 4096}, {512, 1024, 8192}};
        for (int[] kib : sets) {
            ChunkerParams p = new ChunkerParams(kib[0] * 1024, kib[1] * 1024, kib[2] * 1024);
            Chunker c = new Chunker(keys.gearTable(), p);
            HmacSha256.Keyed mac = HmacSha256.keyed(keys.chunkIdKey());
            Set<String> seen = new HashSet<>();
            long[] raw = new long[1];
            long[] comp = new long[1];
            long[] count = new long[1];
            long t0 = System.nanoTime();
            long bytes = 0;
            for (Path f : files) {
                byte[] data = Files.readAllBytes(f);
                bytes += data.length;
                c.split(new ByteArrayInputStream(data), (b, off, len) -> {
                    count[0]++;
                    seen.add(Hex.encode(mac.mac(b, off, len)));
                });
            }
            long chunkNs = System.nanoTime() - t0;
            // stored size: zstd-3 per chunk, stored when it does not pay
            for (Path f : files) {
                byte[] data = Files.readAllBytes(f);
                c.split(new ByteArrayInputStream(data), (b, off, len) -> {
                    byte[] one = java.util.Arrays.copyOfRange(b, off, off + len);
                    long z = Zstd.compress(one, 3).length;
                    comp[0] += Math.min(z, len) + 17;
                });
            }
            long firstStored = comp[0];
            long newRaw = 0;
            long newComp = 0;
            long newChunks = 0;
            for (int i = 0; i < files.size(); i += 100) {
                byte[] data = Files.readAllBytes(files.get(i));
                byte[] line = "appended line: the agent remembered one more thing today.\n".getBytes();
                byte[] grown = java.util.Arrays.copyOf(data, data.length + line.length);
                System.arraycopy(line, 0, grown, data.length, line.length);
                List<byte[]> fresh = new ArrayList<>();
                c.split(new ByteArrayInputStream(grown), (b, off, len) -> {
                    if (seen.add(Hex.encode(mac.mac(b, off, len)))) {
                        fresh.add(java.util.Arrays.copyOfRange(b, off, off + len));
                    }
                });
                for (byte[] x : fresh) {
                    newChunks++;
                    newRaw += x.length;
                    newComp += Math.min(Zstd.compress(x, 3).length, x.length) + 17;
                }
            }
            System.out.printf("min/avg/max KiB %d/%d/%d: files %d, bytes %d, chunks %d (mean %d B), chunk+id %.0f MB/s,"
                    + " stored(zstd3/chunk) %d, after 1%% append: new chunks %d, new raw %d, new stored %d (%.2f %% of first)%n",
                    kib[0], kib[1], kib[2], files.size(), bytes, count[0], bytes / count[0], bytes / 1e6 / (chunkNs / 1e9),
                    firstStored, newChunks, newRaw, newComp, 100.0 * newComp / firstStored);
        }
    }
}
