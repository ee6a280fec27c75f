package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FORMAT.md §3.3 tar bytes, frozen: {@code vectors/bundle/tar-names.hex} is the archive section
 * the packer writes for a folder with a subfolder, a non-ASCII name and a 122-byte name (pax
 * {@code x} headers named {@code ./PaxHeaders.X/…}, depth-first order, every number field as
 * written). The packer must reproduce it byte for byte and the extractor must read it back; the
 * tar-reject vectors hold one archive per refusal that §3.4 makes normative. Regenerate with
 * -Dmemos.vectors.write=DIR (then review the diff: these bytes are a spec).
 */
class TarBytesVectorTest {
    static final long MTIME = 1_767_323_045L;
    static final String LONG = "x".repeat(120);

    @TempDir
    Path tmp;

    static byte[] hex(String name) throws Exception {
        try (var in = TarBytesVectorTest.class.getResourceAsStream("/vectors/bundle/" + name)) {
            return Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    Path tree() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Path d = Files.createDirectories(root.resolve("d"));
        Files.writeString(d.resolve("é.md"), "hi\n");
        Files.writeString(d.resolve(LONG), "hi\n");
        Files.writeString(root.resolve("top.md"), "top\n");
        for (Path p : List.of(d.resolve("é.md"), d.resolve(LONG), root.resolve("top.md"))) {
            Files.setPosixFilePermissions(p, SafeExtractor.permissions(0644));
            Files.setLastModifiedTime(p, FileTime.fromMillis(MTIME * 1000));
        }
        Files.setPosixFilePermissions(d, SafeExtractor.permissions(0755));
        Files.setLastModifiedTime(d, FileTime.fromMillis(MTIME * 1000));
        return root;
    }

    @Test
    void packer_writes_the_frozen_tar_bytes_and_the_extractor_reads_them() throws Exception {
        TreeArchiver a = new TreeArchiver(tree(), ProgressListener.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        a.write(out);
        String target = System.getProperty("memos.vectors.write");
        if (target != null) {
            Files.writeString(Path.of(target).resolve("tar-names.hex"), Hex.encode(out.toByteArray()) + "\n");
        }
        assertArrayEquals(hex("tar-names.hex"), out.toByteArray(), "the packer's tar bytes changed: FORMAT.md §3.3 is a spec");
        assertEquals(List.of("d", "d/" + LONG, "d/é.md", "top.md"), a.inventory().stream().map(FileEntry::path).toList());
        Manifest m = new Manifest(Fixtures.key().address().checksummed(), 1, Fixtures.CLOCK.instant(), null, Compression.NONE, 1 << 16,
                "00".repeat(32), "11".repeat(32), out.size(), a.inventory());
        SafeExtractor x = new SafeExtractor(tmp.resolve("out"), m, ProgressListener.NONE);
        x.extract(new ByteArrayInputStream(hex("tar-names.hex")));
        x.finish();
        assertEquals("hi\n", Files.readString(tmp.resolve("out/d/é.md")));
        assertEquals("hi\n", Files.readString(tmp.resolve("out/d/" + LONG)));
    }

    /** Each frozen hostile archive, with the one inventory entry it claims, is refused naming the fault (exit 4). */
    @Test
    void every_reject_vector_is_refused_as_an_integrity_failure() throws Exception {
        byte[] ok = "fine\n".getBytes(StandardCharsets.UTF_8);
        byte[] prefixed = TarBuilder.header("ok", '0', ok.length, 0644, null);
        System.arraycopy("d\0evil".getBytes(StandardCharsets.US_ASCII), 0, prefixed, 345, 6);
        TarBuilder.checksum(prefixed);
        Map<String, byte[]> built = Map.of(
                "tar-reject-nul-in-name.hex", new TarBuilder().rawEntry(TarBuilder.header("ok\0../../evil", '0', ok.length, 0644, null), ok).end(),
                "tar-reject-nul-in-prefix.hex", new TarBuilder().rawEntry(prefixed, ok).end());
        String target = System.getProperty("memos.vectors.write");
        for (var b : built.entrySet()) {
            if (target != null) {
                Files.writeString(Path.of(target).resolve(b.getKey()), Hex.encode(b.getValue()) + "\n");
            }
            assertArrayEquals(hex(b.getKey()), b.getValue(), b.getKey());
        }
        Map<String, List<FileEntry>> cases = Map.of(
                "tar-reject-nul-in-name.hex", List.of(RawBundles.inv("ok", ok)),
                "tar-reject-nul-in-prefix.hex", List.of(RawBundles.inv("d/ok", ok), RawBundles.invDir("d")));
        for (var c : cases.entrySet()) {
            Manifest m = new Manifest(Fixtures.key().address().checksummed(), 1, Fixtures.CLOCK.instant(), null, Compression.NONE,
                    1 << 16, "00".repeat(32), "11".repeat(32), 0, c.getValue());
            MemosException e = assertThrows(MemosException.class,
                    () -> new SafeExtractor(null, m, ProgressListener.NONE).extract(new ByteArrayInputStream(hex(c.getKey()))), c.getKey());
            assertEquals(ErrorKind.INTEGRITY, e.kind(), c.getKey() + ": " + e.getMessage());
            assertEquals(true, e.getMessage().contains("after a NUL"), c.getKey() + ": " + e.getMessage());
        }
    }
}
