package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void round_trip_keeps_content_modes_and_times(Compression compression) throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        PackResult r = Fixtures.packer(tmp.resolve("home")).compression(compression).build().pack(in, tmp.resolve("b.memos"));
        assertEquals(3, r.files());
        assertEquals(1, r.manifest().sequence());
        RestoreResult out = Fixtures.restorer(tmp.resolve("home")).restore(r.bundle(), Optional.of(r.envelope()),
                tmp.resolve("out"), false, false);
        assertEquals(Fixtures.describe(in), Fixtures.describe(out.destination()));
        assertFalse(out.replacedExisting());
    }

    @Test
    void multi_chunk_file_round_trips_with_small_chunks() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        byte[] big = new byte[300_000];
        new java.util.Random(7).nextBytes(big);
        Files.write(in.resolve("big.bin"), big);
        PackResult r = Fixtures.packer(tmp.resolve("home")).chunkLog2(12).build().pack(in, tmp.resolve("b.memos"));
        assertTrue(BundleHeader.read(r.bundle()).layout(r.bundleSize()).chunks() > 70);
        VerifiedBundle v = BundleVerifier.builder().key(Fixtures.key()).build().verify(r.bundle(), Optional.of(r.envelope()));
        assertEquals(r.bundleSha256(), v.bundleSha256());
        Path out = Fixtures.restorer(tmp.resolve("home")).restore(r.bundle(), tmp.resolve("out"), false, false).destination();
        assertEquals(Fixtures.describe(in), Fixtures.describe(out));
    }

    @Test
    void empty_folder_and_supplementary_unicode_names_round_trip() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        PackResult empty = Fixtures.packer(tmp.resolve("home")).build().pack(in, tmp.resolve("e.memos"));
        assertEquals(0, empty.manifest().files().size());
        Fixtures.restorer(tmp.resolve("home")).restore(empty.bundle(), tmp.resolve("eout"), false, false);
        Files.createDirectories(in.resolve("日記 🙂"));
        Files.writeString(in.resolve("日記 🙂/memo 🧠 notes.md"), "remember\n");
        Files.writeString(in.resolve("x".repeat(200) + ".md"), "long name\n");
        PackResult r = Fixtures.packer(tmp.resolve("home")).build().pack(in, tmp.resolve("u.memos"));
        Path out = Fixtures.restorer(tmp.resolve("home")).restore(r.bundle(), tmp.resolve("uout"), false, false).destination();
        assertEquals(Fixtures.describe(in), Fixtures.describe(out));
    }

    @Test
    void symlinks_and_fifos_are_skipped_and_listed() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("link"), Path.of("hello.txt"));
        new ProcessBuilder("mkfifo", in.resolve("fifo").toString()).start().waitFor();
        PackResult r = Fixtures.packer(tmp.resolve("home")).build().pack(in, tmp.resolve("b.memos"));
        assertEquals(java.util.Set.of("link", "fifo"),
                r.skipped().stream().map(SkippedEntry::path).collect(java.util.stream.Collectors.toSet()));
        assertEquals(3, r.files());
    }

    @Test
    void refuses_bundle_inside_the_packed_folder() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        dev.memos.error.MemosException e = org.junit.jupiter.api.Assertions.assertThrows(dev.memos.error.MemosException.class,
                () -> Fixtures.packer(tmp.resolve("home")).build().pack(in, in.resolve("b.memos")));
        assertEquals(dev.memos.error.ErrorKind.USAGE, e.kind());
    }

    @Test
    void refuses_to_restore_over_the_folder_holding_the_bundle() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest);
        PackResult r = Fixtures.packer(tmp.resolve("home")).build().pack(in, dest.resolve("b.memos"));
        dev.memos.error.MemosException e = org.junit.jupiter.api.Assertions.assertThrows(dev.memos.error.MemosException.class,
                () -> Fixtures.restorer(tmp.resolve("home")).restore(r.bundle(), dest, true, false));
        assertEquals(dev.memos.error.ErrorKind.USAGE, e.kind());
        assertTrue(Files.exists(r.bundle()));
    }

    @Test
    void sequences_increase_and_chain() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        BundlePacker p = Fixtures.packer(tmp.resolve("home")).build();
        PackResult one = p.pack(in, tmp.resolve("1.memos"));
        PackResult two = p.pack(in, tmp.resolve("2.memos"));
        assertEquals(2, two.manifest().sequence());
        assertEquals(Optional.of(one.manifest().sha256()), two.manifest().previousManifestSha256());
        assertFalse(one.manifest().bundleSalt().equals(two.manifest().bundleSalt()));
    }

    @Test
    void envelope_round_trips_and_tx_id_reseals() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        PackResult r = Fixtures.packer(tmp.resolve("home")).build().pack(in, tmp.resolve("b.memos"));
        ManifestEnvelope parsed = ManifestEnvelope.parse(r.manifestBytes());
        assertEquals(r.bundleSha256(), parsed.bundleSha256());
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            ManifestEnvelope withTx = parsed.withTxId("abc_DEF-123", keys, dev.memos.crypto.EthSigner.of(Fixtures.key()));
            ManifestEnvelope again = ManifestEnvelope.parse(withTx.toBytes()).verifyMac(keys);
            assertEquals(Optional.of("abc_DEF-123"), again.txId());
            assertEquals(parsed.sealed(), again.sealed());
        }
    }
}
