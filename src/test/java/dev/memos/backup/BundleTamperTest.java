package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alterations of a bundle and its manifest.json: every one must be refused, before anything is restored. */
class BundleTamperTest {
    private static final int CHUNK_LOG2 = 12;
    private static final int BLOCK = (1 << CHUNK_LOG2) + 16;

    @TempDir
    Path tmp;
    private PackResult packed;
    private byte[] original;

    @BeforeEach
    void pack() throws IOException {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        byte[] pseudo = new byte[9000];
        new java.util.Random(3).nextBytes(pseudo);
        Files.write(in.resolve("notes/blob.bin"), pseudo);
        packed = Fixtures.packer(tmp.resolve("home")).compression(Compression.NONE).chunkLog2(CHUNK_LOG2).build()
                .pack(in, tmp.resolve("b.memos"));
        original = Files.readAllBytes(packed.bundle());
    }

    private BundleVerifier verifier() {
        return BundleVerifier.builder().key(Fixtures.key()).build();
    }

    private MemosException refused(byte[] bundle) throws IOException {
        Path p = tmp.resolve("tampered.memos");
        Files.write(p, bundle);
        return assertThrows(MemosException.class, () -> verifier().verify(p));
    }

    private static void assertAuthOrIntegrity(MemosException e) {
        assertTrue(e.kind() == ErrorKind.INTEGRITY || e.kind() == ErrorKind.AUTH, e.kind() + ": " + e.getMessage());
    }

    @Test
    void every_single_byte_flip_is_detected() throws IOException {
        assertTrue(original.length > 3 * BLOCK, "the bundle should span several chunks");
        Path p = tmp.resolve("flipped.memos");
        BundleVerifier v = verifier();
        for (int i = 0; i < original.length; i++) {
            byte[] b = original.clone();
            b[i] ^= (byte) (1 << (i % 8));
            Files.write(p, b);
            try {
                v.verify(p);
                fail("flip of byte " + i + " was not detected");
            } catch (MemosException e) {
                assertAuthOrIntegrity(e);
            }
        }
    }

    @Test
    void rejects_truncated_at_every_chunk_boundary() throws IOException {
        int chunks = (original.length - BundleHeader.LENGTH + BLOCK - 1) / BLOCK;
        for (int k = 0; k < chunks; k++) {
            int cut = BundleHeader.LENGTH + k * BLOCK;
            assertEquals(ErrorKind.INTEGRITY, refused(Arrays.copyOf(original, cut)).kind(), "cut at chunk " + k);
        }
    }

    @Test
    void rejects_truncated_inside_the_last_chunk_and_inside_the_header() throws IOException {
        assertEquals(ErrorKind.INTEGRITY, refused(Arrays.copyOf(original, original.length - 1)).kind());
        assertEquals(ErrorKind.INTEGRITY, refused(Arrays.copyOf(original, original.length - 17)).kind());
        assertEquals(ErrorKind.INTEGRITY, refused(Arrays.copyOf(original, 40)).kind());
        assertEquals(ErrorKind.INTEGRITY, refused(new byte[0]).kind());
    }

    @Test
    void rejects_appended_bytes() throws IOException {
        byte[] longer = Arrays.copyOf(original, original.length + 1);
        assertAuthOrIntegrity(refused(longer));
        byte[] lastAgain = Arrays.copyOf(original, original.length + 40);
        System.arraycopy(original, original.length - 40, lastAgain, original.length, 40);
        assertAuthOrIntegrity(refused(lastAgain));
    }

    @Test
    void rejects_reordered_chunks() throws IOException {
        byte[] b = original.clone();
        System.arraycopy(original, BundleHeader.LENGTH, b, BundleHeader.LENGTH + BLOCK, BLOCK);
        System.arraycopy(original, BundleHeader.LENGTH + BLOCK, b, BundleHeader.LENGTH, BLOCK);
        assertEquals(ErrorKind.INTEGRITY, refused(b).kind());
    }

    @Test
    void rejects_dropped_middle_chunk() throws IOException {
        byte[] b = new byte[original.length - BLOCK];
        System.arraycopy(original, 0, b, 0, BundleHeader.LENGTH + BLOCK);
        System.arraycopy(original, BundleHeader.LENGTH + 2 * BLOCK, b, BundleHeader.LENGTH + BLOCK, b.length - BundleHeader.LENGTH - BLOCK);
        assertEquals(ErrorKind.INTEGRITY, refused(b).kind());
    }

    @Test
    void rejects_chunk_from_another_bundle() throws IOException {
        // Same key, same content, same sequence position: only the per-bundle salt differs.
        PackResult other = Fixtures.packer(tmp.resolve("home2")).compression(Compression.NONE).chunkLog2(CHUNK_LOG2).build()
                .pack(tmp.resolve("in"), tmp.resolve("other.memos"));
        byte[] o = Files.readAllBytes(other.bundle());
        byte[] b = original.clone();
        System.arraycopy(o, BundleHeader.LENGTH + BLOCK, b, BundleHeader.LENGTH + BLOCK, BLOCK);
        assertEquals(ErrorKind.INTEGRITY, refused(b).kind());
    }

    @Test
    void rejects_header_of_another_bundle() throws IOException {
        PackResult other = Fixtures.packer(tmp.resolve("home2")).compression(Compression.NONE).chunkLog2(CHUNK_LOG2).build()
                .pack(tmp.resolve("in"), tmp.resolve("other.memos"));
        byte[] b = original.clone();
        System.arraycopy(Files.readAllBytes(other.bundle()), 0, b, 0, BundleHeader.LENGTH);
        assertEquals(ErrorKind.INTEGRITY, refused(b).kind());
    }

    @Test
    void rejects_wrong_key_before_any_output() {
        Path out = tmp.resolve("area/out");
        MemosException e = assertThrows(MemosException.class, () -> BundleRestorer.builder().key(Fixtures.otherKey()).build()
                .restore(packed.bundle(), out, false, false));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertFalse(Files.exists(out.getParent()), "nothing may be created for a wrong key");
        assertFalse(e.getMessage().contains(Fixtures.KEY_HEX) || e.getMessage().contains(Fixtures.OTHER_KEY_HEX));
    }

    @Test
    void rejects_newer_format_version_with_upgrade_hint() throws IOException {
        byte[] b = original.clone();
        b[8] = 2;
        MemosException e = refused(b);
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("upgrade memos"), e.getMessage());
    }

    @Test
    void rejects_manifest_json_of_another_bundle() throws IOException {
        PackResult other = Fixtures.packer(tmp.resolve("home")).compression(Compression.NONE).build()
                .pack(tmp.resolve("in"), tmp.resolve("other.memos"));
        MemosException e = assertThrows(MemosException.class, () -> verifier().verify(packed.bundle(), Optional.of(other.envelope())));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void rejects_edited_manifest_json() {
        String json = new String(packed.manifestBytes(), StandardCharsets.UTF_8);
        String edited = json.replace("\"sequence\":1", "\"sequence\":9");
        MemosException e = assertThrows(MemosException.class, () -> ManifestEnvelope.parse(edited.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        String sizeEdited = json.replace("\"bundle_size\":" + packed.bundleSize(), "\"bundle_size\":" + (packed.bundleSize() + 1));
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class,
                () -> ManifestEnvelope.parse(sizeEdited.getBytes(StandardCharsets.UTF_8))).kind());
    }

    @Test
    void rejects_bundle_whose_hash_differs_from_manifest_json() throws IOException {
        // Same length, same sealed manifest, but one ciphertext byte of the first chunk differs: the
        // chunk tag catches it too, so the envelope check is a second, independent line.
        byte[] b = original.clone();
        b[BundleHeader.LENGTH + 5] ^= 1;
        Path p = tmp.resolve("t.memos");
        Files.write(p, b);
        MemosException e = assertThrows(MemosException.class, () -> verifier().verify(p, Optional.of(packed.envelope())));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void tampered_bundle_leaves_old_destination_intact() throws IOException {
        Path dest = tmp.resolve("area/dest");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("keep.txt"), "old\n");
        String before = Fixtures.describe(tmp.resolve("area"));
        byte[] b = original.clone();
        b[original.length - BLOCK - 3] ^= 0x40;
        Path p = tmp.resolve("t.memos");
        Files.write(p, b);
        assertThrows(MemosException.class, () -> Fixtures.restorer(tmp.resolve("home")).restore(p, dest, true, false));
        assertEquals(before, Fixtures.describe(tmp.resolve("area")));
    }
}
