package dev.memos.backup;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.encoding.Json;
import dev.memos.fuzz.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tar entries during restore. The archive is authenticated before extraction, but the signer may be
 * the attacker (a stolen or shared key, a bundle someone hands you), so SafeExtractor must hold on
 * its own: names, types, links, pax records, sizes are all fuzzed. Half the inputs are built entry by
 * entry (TarBuilder) so the fuzzer gets past the tar checksum; the other half are raw bytes.
 * Invariant besides "MemosException or success": nothing is ever written outside the destination.
 */
class TarEntriesFuzzTest {
    private static final Manifest INVENTORY = inventory();
    private static final List<String> NAMES = INVENTORY.files().stream().map(FileEntry::path).toList();

    private static Manifest inventory() {
        try (InputStream in = TarEntriesFuzzTest.class.getResourceAsStream("/vectors/bundle/manifest-none.json")) {
            return Manifest.fromJson(Json.mapper().readTree(in).get("manifest"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tar_entries_extract_or_fail_cleanly(FuzzedDataProvider data) throws IOException {
        byte[] tar = data.consumeBoolean() ? structured(data) : data.consumeRemainingAsBytes();
        Path sandbox = Fuzz.tempDir("fuzz-tar");
        try {
            Path root = Files.createDirectories(sandbox.resolve("dest"));
            Fuzz.cleanly(() -> {
                SafeExtractor x = new SafeExtractor(root, INVENTORY, ProgressListener.NONE);
                x.extract(new ByteArrayInputStream(tar));
                x.finish();
            });
            try (Stream<Path> s = Files.list(sandbox)) {
                if (s.count() != 1) {
                    throw new AssertionError("extraction wrote beside its destination");
                }
            }
        } finally {
            Fuzz.deleteTree(sandbox);
        }
    }

    private static byte[] structured(FuzzedDataProvider data) {
        TarBuilder b = new TarBuilder();
        int entries = data.consumeInt(0, 6);
        for (int i = 0; i < entries; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(120);
            char type = data.pickValue(new Character[] {'0', '0', '5', '2', '1', '3', '4', '6', '7', 'x', 'g', 'L', 'K', 'S'});
            int mode = data.consumeInt(0, 07777);
            String link = data.consumeBoolean() ? data.consumeString(80) : null;
            if (type == 'x' || type == 'g') {
                b.pax(type, Map.of(data.pickValue(new String[] {"path", "linkpath", "size", "mtime", "uid", "SCHILY.xattr.a"}),
                        data.consumeString(60)));
                continue;
            }
            byte[] body = data.consumeBytes(data.consumeInt(0, 2048));
            if (data.consumeBoolean()) {
                // a header whose size field lies about the data that follows
                b.rawEntry(TarBuilder.header(name, type, data.consumeLong(0, 1L << 40), mode, link), body);
            } else {
                b.entry(name, type, body, mode, link);
            }
        }
        return data.consumeBoolean() ? b.end() : b.unterminated();
    }
}
